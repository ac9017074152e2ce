import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { problems, type ProblemCode } from '../../contract/problems';
import { edgeLanguage, edgeProblem } from '../edge-problems';
import type { RouteDefinition } from '../../contract/routes';

export interface EdgeFirewallProps {
  readonly api: RestApi;
  /** The web ACL's CloudWatch metric name (the `WebACL` dimension of AWS/WAFV2 metrics). */
  readonly metricName: string;
  /** Requests per 5 minutes per source IP over the whole API. */
  readonly requestsPerIp: number;
  /** Stricter limit per source IP on the guarded routes (2.8, Security rules: SMS, passwords, codes, cards). */
  readonly guardedRequestsPerIp: number;
  readonly guardedRoutes: readonly RouteDefinition[];
  /** Largest request body accepted; the portal's JSON bodies are a few hundred bytes, an ID-card token a few KB. */
  readonly maxBodyBytes: number;
  /** Set when CloudFront fronts the API and forwards the viewer's IP (lib/viewer-ip.ts). */
  readonly viewerIp?: ViewerIpForwarding;
}

/** How CloudFront vouches for the viewer IP it forwards: a header only it sets, with a secret only it sends. */
export interface ViewerIpForwarding {
  /** The header that holds the viewer's IP. */
  readonly header: string;
  /** The header CloudFront adds to its origin requests, and its value (a Secrets Manager dynamic reference). */
  readonly originVerifyHeader: string;
  readonly originVerifySecret: string;
}

const visibility = (metricName: string) => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

const managedRuleGroup = (name: string, priority: number): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
  visibilityConfig: visibility(name),
});

const anyOf = (statements: CfnWebACL.StatementProperty[]): CfnWebACL.StatementProperty =>
  statements.length === 1 ? statements[0]! : { orStatement: { statements } };

const allOf = (statements: CfnWebACL.StatementProperty[]): CfnWebACL.StatementProperty | undefined =>
  statements.length <= 1 ? statements[0] : { andStatement: { statements } };

const not = (statement: CfnWebACL.StatementProperty): CfnWebACL.StatementProperty => ({
  notStatement: { statement },
});

/**
 * A header that is there and not empty (AWS's idiom: a size constraint on the single header). `singleHeader` is
 * untyped in aws-cdk-lib, so its key is written as CloudFormation spells it.
 */
const headerPresent = (name: string): CfnWebACL.StatementProperty => ({
  sizeConstraintStatement: {
    fieldToMatch: { singleHeader: { Name: name } },
    comparisonOperator: 'GT',
    size: 0,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

const headerIs = (name: string, value: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { singleHeader: { Name: name } },
    positionalConstraint: 'EXACTLY',
    searchString: value,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A regex for the URI paths of routes, as WAF sees them: with the stage in front on the execute-api endpoint
 * (`/prod/v1/sessions`), without it on the custom domain (`/v1/sessions`); `{param}` segments match one segment.
 */
export const pathsRegex = (paths: readonly string[]): string => {
  const patterns = paths.map((path) =>
    path
      .split('/')
      .map((segment) => (segment.startsWith('{') ? '[^/]+' : escapeRegex(segment)))
      .join('/'),
  );
  return `^(/[^/]+)?(${[...new Set(patterns)].join('|')})/?$`;
};

/** WAF regex strings hold at most 512 characters: split long path lists. */
const regexMaxLength = 512;

const pathStatements = (paths: readonly string[]): CfnWebACL.StatementProperty[] => {
  const chunks: string[][] = [[]];
  for (const path of paths) {
    const current = chunks.at(-1)!;
    if (current.length > 0 && pathsRegex([...current, path]).length > regexMaxLength) chunks.push([path]);
    else current.push(path);
  }
  return chunks.map((chunk) => ({
    regexMatchStatement: {
      regexString: pathsRegex(chunk),
      fieldToMatch: { uriPath: {} },
      textTransformations: [{ priority: 0, type: 'NONE' }],
    },
  }));
};

/** The guarded routes: one method and the paths it is guarded on, per method. */
const guardedRequests = (routes: readonly RouteDefinition[]): CfnWebACL.StatementProperty =>
  anyOf(
    [...new Set(routes.map((route) => route.method))].map((method) => ({
      andStatement: {
        statements: [
          {
            byteMatchStatement: {
              fieldToMatch: { method: {} },
              positionalConstraint: 'EXACTLY',
              searchString: method,
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
          anyOf(pathStatements(routes.filter((route) => route.method === method).map((route) => route.path))),
        ],
      },
    })),
  );

/**
 * WAF's own answers, for the rules whose refusal has a status of its own: the catalogue's problem in the edge's
 * language. WAF allows a JSON body (TEXT_PLAIN, TEXT_HTML or APPLICATION_JSON: not application/problem+json, and no
 * Content-Type header of one's own) and static headers only, so these answers cannot carry the request id. Every
 * other block (the managed rule groups, a forged viewer-IP header) is API Gateway's WAF_FILTERED answer
 * (ApiStack): a 403 problem+json with the request id.
 */
const wafRefusals = {
  too_many_requests: [{ name: 'Retry-After', value: '60' }],
  payload_too_large: [],
} as const satisfies Partial<Record<ProblemCode, readonly CfnWebACL.CustomHTTPHeaderProperty[]>>;

const refuse = (code: keyof typeof wafRefusals): CfnWebACL.RuleActionProperty => ({
  block: {
    customResponse: {
      responseCode: problems[code].status,
      customResponseBodyKey: code,
      responseHeaders: [{ name: 'Content-Language', value: edgeLanguage }, ...wafRefusals[code]],
    },
  },
});

/**
 * AWS WAF in front of the API stage: AWS managed rules (common, known bad inputs), a body size limit, and rate
 * limits per IP — stricter on the guarded routes. Behind CloudFront (`viewerIp`) the source IP is a CloudFront
 * edge, so a first rule refuses the viewer-IP header unless the request also carries the origin secret, and each
 * limit counts the forwarded viewer IP where the header is present, the source IP where it is not.
 */
export class EdgeFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly metricName: string;
  /** The `Rule` dimension of each rule's AWS/WAFV2 metrics. */
  readonly ruleMetricNames: readonly string[];
  /** The rate rules of the guarded routes: per source IP, and per viewer IP where CloudFront forwards it. */
  readonly guardedRateRuleNames: readonly string[];
  /** The first rule where CloudFront forwards viewer IPs: the viewer-IP header without the origin secret. */
  readonly forgedViewerIpRuleName = 'ViewerIpWithoutOriginSecret';

  constructor(scope: Construct, id: string, props: EdgeFirewallProps) {
    super(scope, id);
    this.metricName = props.metricName;
    const { viewerIp } = props;
    // One description of the per-IP limits: everything, and the guarded routes.
    const rateLimits: { name: string; limit: number; guarded: boolean }[] = [
      { name: 'RatePerIp', limit: props.requestsPerIp, guarded: false },
      { name: 'RatePerIpOnGuardedRoutes', limit: props.guardedRequestsPerIp, guarded: true },
    ];
    const guardedScope = guardedRequests(props.guardedRoutes);
    // Whose IP each limit counts: the source IP of requests without the viewer-IP header (direct calls), and
    // the forwarded viewer IP of requests with it (CloudFront; the first rule has refused every forged one).
    const aggregations: {
      rename: (name: string) => string;
      key: Pick<CfnWebACL.RateBasedStatementProperty, 'aggregateKeyType' | 'forwardedIpConfig'>;
      scope?: CfnWebACL.StatementProperty;
    }[] = viewerIp
      ? [
          {
            rename: (name) => name,
            key: { aggregateKeyType: 'IP' },
            scope: not(headerPresent(viewerIp.header)),
          },
          {
            rename: (name) => name.replace('PerIp', 'PerViewerIp'),
            key: {
              aggregateKeyType: 'FORWARDED_IP',
              forwardedIpConfig: { headerName: viewerIp.header, fallbackBehavior: 'MATCH' },
            },
            scope: headerPresent(viewerIp.header),
          },
        ]
      : [{ rename: (name) => name, key: { aggregateKeyType: 'IP' } }];
    const rateRules = rateLimits.flatMap((rate, index) =>
      aggregations.map((aggregation, variant): CfnWebACL.RuleProperty => {
        const name = aggregation.rename(rate.name);
        const scopeDownStatement = allOf(
          [rate.guarded ? guardedScope : undefined, aggregation.scope].filter((s) => s !== undefined),
        );
        return {
          name,
          priority: 10 + index * aggregations.length + variant,
          action: refuse('too_many_requests'),
          statement: {
            rateBasedStatement: {
              limit: rate.limit,
              ...aggregation.key,
              ...(scopeDownStatement && { scopeDownStatement }),
            },
          },
          visibilityConfig: visibility(name),
        };
      }),
    );
    this.guardedRateRuleNames = rateLimits
      .filter((rate) => rate.guarded)
      .flatMap((rate) => aggregations.map((aggregation) => aggregation.rename(rate.name)));

    const rules: CfnWebACL.RuleProperty[] = [
      ...(viewerIp
        ? [
            {
              name: this.forgedViewerIpRuleName,
              priority: 0,
              action: { block: {} },
              statement: allOf([
                headerPresent(viewerIp.header),
                not(headerIs(viewerIp.originVerifyHeader, viewerIp.originVerifySecret)),
              ])!,
              visibilityConfig: visibility(this.forgedViewerIpRuleName),
            },
          ]
        : []),
      // Before the managed groups: the common rule set blocks bodies over 8 KB too (SizeRestrictions_BODY), with a
      // plain 403; this rule answers them 413 payload_too_large first.
      {
        name: 'BodySizeLimit',
        priority: 1,
        action: refuse('payload_too_large'),
        statement: {
          sizeConstraintStatement: {
            fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
            comparisonOperator: 'GT',
            size: props.maxBodyBytes,
            textTransformations: [{ priority: 0, type: 'NONE' }],
          },
        },
        visibilityConfig: visibility('BodySizeLimit'),
      },
      managedRuleGroup('AWSManagedRulesCommonRuleSet', 2),
      managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 3),
      ...rateRules,
    ];
    this.ruleMetricNames = rules.map((rule) => rule.name);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.metricName),
      customResponseBodies: Object.fromEntries(
        Object.keys(wafRefusals).map((code) => [
          code,
          { contentType: 'APPLICATION_JSON', content: edgeProblem(code as keyof typeof wafRefusals) },
        ]),
      ),
      rules,
    });
    new CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: props.api.deploymentStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
