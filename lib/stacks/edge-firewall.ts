import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../routes';

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

/** Rate-limited requests get the portal's problem+json 429, as the handlers answer `too_many_requests`. */
const tooManyRequestsBody = 'TooManyRequests';
const tooManyRequests: CfnWebACL.RuleActionProperty = {
  block: {
    customResponse: {
      responseCode: 429,
      customResponseBodyKey: tooManyRequestsBody,
      responseHeaders: [{ name: 'Retry-After', value: '60' }],
    },
  },
};

/**
 * AWS WAF in front of the API stage: AWS managed rules (common, known bad inputs), a body size limit, and rate
 * limits per source IP — stricter on the guarded routes.
 */
export class EdgeFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly metricName: string;
  /** The `Rule` dimension of each rule's AWS/WAFV2 metrics. */
  readonly ruleMetricNames: readonly string[];
  readonly guardedRateRuleName = 'RatePerIpOnGuardedRoutes';

  constructor(scope: Construct, id: string, props: EdgeFirewallProps) {
    super(scope, id);
    this.metricName = props.metricName;
    const rules: CfnWebACL.RuleProperty[] = [
      managedRuleGroup('AWSManagedRulesCommonRuleSet', 1),
      managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 2),
      {
        name: 'BodySizeLimit',
        priority: 5,
        action: { block: {} },
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
      {
        name: 'RatePerIp',
        priority: 10,
        action: tooManyRequests,
        statement: { rateBasedStatement: { limit: props.requestsPerIp, aggregateKeyType: 'IP' } },
        visibilityConfig: visibility('RatePerIp'),
      },
      {
        name: this.guardedRateRuleName,
        priority: 11,
        action: tooManyRequests,
        statement: {
          rateBasedStatement: {
            limit: props.guardedRequestsPerIp,
            aggregateKeyType: 'IP',
            scopeDownStatement: guardedRequests(props.guardedRoutes),
          },
        },
        visibilityConfig: visibility(this.guardedRateRuleName),
      },
    ];
    this.ruleMetricNames = rules.map((rule) => rule.name);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.metricName),
      customResponseBodies: {
        [tooManyRequestsBody]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: 'https://portal.srs.kg/problems/too-many-requests',
            title: 'Өтүнүчтөр өтө көп',
            status: 429,
            detail: 'Бир аздан кийин кайра аракет кылыңыз',
            code: 'too_many_requests',
          }),
        },
      },
      rules,
    });
    new CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: props.api.deploymentStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
