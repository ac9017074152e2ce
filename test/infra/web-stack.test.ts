import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { stageSettings } from '../../lib/stage';
import { WebStack } from '../../lib/stacks/web-stack';
import { viewerIp } from '../../contract/viewer-ip';
import { originVerifySecretReference } from '../../lib/viewer-ip';
import { documentsUploadOrigin, siteSecurityHeaders } from '../../lib/web-headers';
import { writeWebSite } from '../../lib/web-site';
import { readViolations } from '../support/synth';
import { resourcesOf } from './template-queries';

type JoinedString = { 'Fn::Join': [string, (string | { Ref: string })[]] };

/** The web stack alone (it names the API by an SSM parameter), synthesized with cdk-nag. */
const synthesizeWeb = (stageName: 'dev' | 'prod') => {
  const outdir = join(__dirname, '..', '..', 'cdk.out', `test-web-${stageName}`);
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir });
  const web = new WebStack(app, 'Web', { stage: stageSettings(stageName) });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
  const webViolations = readViolations(outdir).map((v) => `${v.rule} ${v.path}`);
  const template = Template.fromJSON(
    JSON.parse(readFileSync(join(outdir, `${web.artifactId}.template.json`), 'utf8')) as Record<
      string,
      unknown
    >,
  );
  return { template, webViolations };
};

describe.each(['dev', 'prod'] as const)('The web stack, stage %s', (stage) => {
  let synthesized: ReturnType<typeof synthesizeWeb>;

  beforeAll(() => {
    synthesized = synthesizeWeb(stage);
  });

  it('passes cdk-nag AwsSolutions with no unacknowledged finding', () => {
    expect(synthesized.webViolations).toEqual([]);
  });

  it('tells the deployer where the page is served, the origin ID-card logins are signed for (2.1)', () => {
    synthesized.template.hasOutput('DistributionDomainName', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Distribution'), 'DomainName'] },
    });
  });

  it('keeps the page in private, encrypted buckets reachable only by CloudFront (origin access control)', () => {
    const { template } = synthesized;
    template.allResourcesProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('lets the page connect to its own origin and to the documents bucket only, where it posts documents (2.3)', () => {
    const [[, policy]] = resourcesOf(synthesized.template, 'AWS::CloudFront::ResponseHeadersPolicy');
    const config = policy.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: JoinedString } };
    };
    // The bucket's name holds the account and the region, known at deployment: an Fn::Join of pseudo parameters.
    const written = config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : `\${${part.Ref}}`))
      .join('');
    const bucket = `srs-portal-${stage}-documents-\${AWS::AccountId}-\${AWS::Region}`;
    const origin = documentsUploadOrigin(bucket, '${AWS::Region}');
    expect(written).toBe(
      `${siteSecurityHeaders(origin)['content-security-policy']}; upgrade-insecure-requests`,
    );
    expect(written).toContain(`connect-src 'self' https://srs-portal-${stage}-documents-`);
  });

  it('serves over HTTPS with the strict CSP and HSTS, logs access, and sends /v1/* uncached to the API', () => {
    const { template } = synthesized;
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: true },
          StrictTransportSecurity: Match.objectLike({
            AccessControlMaxAgeSec: 63072000,
            IncludeSubdomains: true,
          }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
        }),
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          ResponseHeadersPolicyId: Match.anyValue(),
        }),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/v1/*',
            ViewerProtocolPolicy: 'https-only',
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            AllowedMethods: Match.arrayWith(['PUT', 'PATCH', 'POST', 'DELETE']),
          }),
        ],
        // The API's host from the parameter the Api stack writes, resolved at deployment: no export.
        Origins: Match.arrayWith([
          Match.objectLike({
            DomainName: { Ref: Match.stringLikeRegexp('^SsmParameterValue.*srsportal.*apihost') },
            OriginPath: `/${stage}`,
            CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only' }),
          }),
        ]),
      }),
    });
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
    // Same file names every release: never cached without asking, and the root invalidated with index.html.
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      SystemMetadata: Match.objectLike({ 'cache-control': 'no-cache' }),
      DistributionPaths: Match.arrayWith(['/', '/index.html', '/app.js']),
    });
  });

  it('forwards the viewer’s IP on /v1/* and vouches for it with the stage’s origin secret, by reference', () => {
    const { template } = synthesized;
    const [[functionId, fn]] = resourcesOf(template, 'AWS::CloudFront::Function');
    expect(fn.FunctionCode).toContain(viewerIp.header);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/v1/*',
            FunctionAssociations: [
              { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
            ],
          }),
        ],
        // The page's own behaviour runs no function: only the API needs the viewer's IP.
        DefaultCacheBehavior: Match.objectLike({ FunctionAssociations: Match.absent() }),
        Origins: Match.arrayWith([
          Match.objectLike({
            OriginCustomHeaders: [
              { HeaderName: viewerIp.originVerifyHeader, HeaderValue: originVerifySecretReference(stage) },
            ],
          }),
        ]),
      }),
    });
    expect(originVerifySecretReference(stage)).toBe(
      `{{resolve:secretsmanager:srs-portal/${stage}/origin-verify:SecretString}}`,
    );
  });

  it(
    stage === 'prod' ? 'retains the buckets when the stack is deleted' : 'lets a dev stack be deleted',
    () => {
      const policy = stage === 'prod' ? 'Retain' : 'Delete';
      synthesized.template.allResources('AWS::S3::Bucket', { DeletionPolicy: policy });
    },
  );
});

describe('The viewer-IP CloudFront Function, as deployed', () => {
  /** Runs the function's source from the template in a fresh context, as CloudFront would, on a viewer request. */
  let run: (event: unknown) => { headers: Record<string, { value: string; multiValue?: unknown }> };

  beforeAll(() => {
    const { template } = synthesizeWeb('dev');
    const [[, fn]] = resourcesOf(template, 'AWS::CloudFront::Function');
    const code = fn.FunctionCode as string;
    run = (event) => runInNewContext(`${code}\nhandler(event);`, { event }) as ReturnType<typeof run>;
  });

  const viewerRequest = (headers: Record<string, unknown>) => ({
    version: '1.0',
    context: { eventType: 'viewer-request', distributionId: 'EDFDVBD6EXAMPLE', requestId: 'r1' },
    viewer: { ip: '198.51.100.23' },
    request: { method: 'POST', uri: '/v1/sessions', querystring: {}, headers, cookies: {} },
  });

  it('sets the header to the viewer’s IP and keeps the other headers', () => {
    const request = run(viewerRequest({ host: { value: 'portal.srs.kg' } }));
    expect(request.headers[viewerIp.header]).toEqual({ value: '198.51.100.23' });
    expect(request.headers.host).toEqual({ value: 'portal.srs.kg' });
  });

  it('overwrites a value, or several, that the client sent', () => {
    const request = run(
      viewerRequest({
        [viewerIp.header]: { value: '10.0.0.1', multiValue: [{ value: '10.0.0.1' }, { value: '10.0.0.2' }] },
      }),
    );
    expect(request.headers[viewerIp.header]).toEqual({ value: '198.51.100.23' });
  });

  it('passes an IPv6 viewer through as CloudFront gives it', () => {
    const event = { ...viewerRequest({}), viewer: { ip: '2001:db8::17' } };
    expect(run(event).headers[viewerIp.header]).toEqual({ value: '2001:db8::17' });
  });
});

describe('The deployed page', () => {
  it('is the same build as npm start serves: index.html, one bundled script, no inline script', () => {
    const directory = mkdtempSync(join(tmpdir(), 'web-site-'));
    writeWebSite(directory);
    expect(readdirSync(directory).sort()).toEqual(['app.js', 'favicon.svg', 'index.html', 'styles.css']);
    const html = readFileSync(join(directory, 'index.html'), 'utf8');
    expect(html).toContain('<script type="module" src="/app.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/);
  });
});
