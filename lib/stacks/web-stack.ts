import {
  Aws,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  CfnBucket,
  ObjectOwnership,
  type BucketProps,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { DockerImage } from 'aws-cdk-lib';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { StageSettings } from '../stage';
import { apiHostParameterName, documentsBucketName } from '../stage-names';
import { viewerIp } from '../../contract/viewer-ip';
import { originVerifySecretReference, viewerIpFunctionCode } from '../viewer-ip';
import { documentsUploadOrigin, hstsMaxAgeSeconds, siteSecurityHeaders } from '../web-headers';
import { webDirectory, writeWebSite } from '../web-site';

export interface WebStackProps extends StackProps {
  readonly stage: StageSettings;
  /** The portal's own domain and its ACM certificate (us-east-1); without them, the cloudfront.net domain. */
  readonly domainNames?: readonly string[];
  readonly certificate?: ICertificate;
}

/** cdk-nag findings of this stack accepted on purpose, each with its reason. */
export const webNagAcknowledgements: readonly { id: string; reason: string }[] = [
  {
    id: 'AwsSolutions-S1',
    reason:
      'The access-log bucket receives the site bucket and CloudFront logs; logging it into itself would loop.',
  },
  {
    id: 'AwsSolutions-CFR1',
    reason: 'Applicants abroad (citizens, companies) use the portal too: no geographic restriction.',
  },
  {
    id: 'AwsSolutions-CFR2',
    reason:
      'The API behind /v1/* has its own regional WAF with per-IP rate rules (EdgeFirewall), which count the viewer IP this distribution forwards; the static page has no state to protect.',
  },
  {
    id: 'AwsSolutions-CFR4',
    reason:
      'Without a custom domain the cloudfront.net certificate is used, whose TLS floor CloudFront fixes; with `certificate` the stack sets TLS 1.2 (2021).',
  },
  {
    id: 'AwsSolutions-L1',
    reason: "BucketDeployment's upload function: its runtime is chosen by aws-cdk-lib and moves with it.",
  },
  {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: "BucketDeployment's upload function writes its logs with the AWS-managed basic execution policy.",
  },
];

/** The built page as a CDK asset: bundled on this machine by the same code as `npm start` (no Docker). */
const siteAsset = () =>
  Source.asset(webDirectory, {
    bundling: {
      image: DockerImage.fromRegistry('none'),
      local: {
        tryBundle: (outputDir: string) => {
          writeWebSite(outputDir);
          return true;
        },
      },
    },
  });

/**
 * The applicants' page: a private S3 bucket behind CloudFront with origin access control, HTTPS only, the page's
 * security headers (strict CSP, HSTS) as a response headers policy, and /v1/* sent to the API's stage uncached, so
 * the page and the API share one origin (`connect-src 'self'`, no CORS). The API's host comes from the SSM
 * parameter the Api stack writes (lib/stage-names.ts), read at each deployment of this stack: no export ties the
 * two stacks, and a replaced API reaches CloudFront with the next deployment here. On /v1/* CloudFront forwards the viewer's
 * IP in a header and vouches for it with the origin secret (lib/viewer-ip.ts). Access logs go to a private log bucket.
 */
export class WebStack extends Stack {
  readonly distribution: Distribution;
  readonly siteBucket: Bucket;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const removal = props.stage.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const privateBucket: BucketProps = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: removal,
      autoDeleteObjects: !props.stage.protectData,
    };

    const logs = new Bucket(this, 'AccessLogs', {
      ...privateBucket,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(props.stage.logRetentionDays) }],
    });
    this.siteBucket = new Bucket(this, 'Site', {
      ...privateBucket,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
    });

    // 2.3: the page posts verification documents straight to the documents bucket, named by the stage.
    const {
      'content-security-policy': contentSecurityPolicy,
      'permissions-policy': permissionsPolicy,
      'cross-origin-opener-policy': openerPolicy,
    } = siteSecurityHeaders(
      documentsUploadOrigin(documentsBucketName(props.stage, Aws.ACCOUNT_ID, Aws.REGION), Aws.REGION),
    );
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'SRS portal page: strict CSP, HSTS, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: `${contentSecurityPolicy}; upgrade-insecure-requests`,
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(hstsMaxAgeSeconds),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'permissions-policy', value: permissionsPolicy!, override: true },
          { header: 'cross-origin-opener-policy', value: openerPolicy!, override: true },
        ],
      },
    });

    // The API's WAF and handlers would see CloudFront's edge IPs: CloudFront tells them the applicant's, and proves
    // it is CloudFront with the origin secret, which the API stack generates (lib/viewer-ip.ts).
    const viewerIpFunction = new CloudFrontFunction(this, 'ViewerIp', {
      comment: `Sets ${viewerIp.header} to the viewer's IP for the API, over any value the client sent`,
      code: FunctionCode.fromInline(viewerIpFunctionCode),
      runtime: FunctionRuntime.JS_2_0,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `SRS portal ${props.stage.name}: applicants' page and API`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(props.certificate && {
        certificate: props.certificate,
        domainNames: [...(props.domainNames ?? [])],
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        // Answers hold personal data: never cached at the edge; the API sets its own security headers.
        '/v1/*': {
          origin: new HttpOrigin(
            StringParameter.valueForStringParameter(this, apiHostParameterName(props.stage)),
            {
              originPath: `/${props.stage.name}`,
              customHeaders: { [viewerIp.originVerifyHeader]: originVerifySecretReference(props.stage.name) },
            },
          ),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          functionAssociations: [{ function: viewerIpFunction, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });

    new CfnOutput(this, 'DistributionDomainName', {
      description:
        'Where the page is served: with https://, the portalOrigin ID-card logins are signed for (2.1)',
      value: this.distribution.distributionDomainName,
    });

    new BucketDeployment(this, 'Deploy', {
      sources: [siteAsset()],
      destinationBucket: this.siteBucket,
      distribution: this.distribution,
      // The page's files keep their names from one release to the next: browsers ask again every time (a new
      // index.html never runs an old app.js), and the root, which serves index.html, is invalidated too.
      cacheControl: [CacheControl.noCache()],
      distributionPaths: ['/', '/index.html', '/app.js', '/styles.css'],
      memoryLimit: 256,
    });

    const siteObjects = `<${this.getLogicalId(this.siteBucket.node.defaultChild as CfnBucket)}.Arn>/*`;
    const uploadReason =
      "BucketDeployment's upload function reads its asset objects, replaces every object of the site bucket and invalidates the distribution (CloudFront invalidations take no resource-level permission).";
    const uploadWildcards = [
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:DeleteObject*',
      'Action::s3:Abort*',
      'Resource::*',
      `Resource::${siteObjects}`,
      `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region}/*`,
    ];
    // aws-cdk-lib's deployment function: CloudFormation invokes it once per deployment and reports its failures.
    const providerReason =
      "aws-cdk-lib's BucketDeployment provider: invoked synchronously by CloudFormation once per deployment, which reports its failures; its runtime and tracing are aws-cdk-lib's.";
    for (const { id: rule, reason } of [
      ...webNagAcknowledgements,
      ...uploadWildcards.map((wildcard) => ({ id: `AwsSolutions-IAM5[${wildcard}]`, reason: uploadReason })),
      ...['Serverless-LambdaDLQ', 'Serverless-LambdaLatestVersion', 'Serverless-LambdaTracing'].map((id) => ({
        id,
        reason: providerReason,
      })),
    ])
      Validations.of(this).acknowledge({ id: rule, reason });
  }
}
