import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';

export interface EdgeFirewallProps {
  readonly api: RestApi;
  /** Requests per 5 minutes per source IP over the whole API. */
  readonly requestsPerIp: number;
  /** Stricter limit per source IP on the routes that send SMS or check passwords (2.8, Security rules). */
  readonly sensitiveRequestsPerIp: number;
  /** Path prefixes of those routes. */
  readonly sensitivePaths: readonly string[];
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

/** AWS WAF in front of the API stage: AWS managed rules and rate limits per source IP. */
export class EdgeFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeFirewallProps) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('srs-portal-api'),
      rules: [
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 1),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          name: 'RatePerIp',
          priority: 10,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.requestsPerIp, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('RatePerIp'),
        },
        {
          name: 'RatePerIpOnSmsAndLogin',
          priority: 11,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: props.sensitiveRequestsPerIp,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                orStatement: {
                  statements: props.sensitivePaths.map((path) => ({
                    byteMatchStatement: {
                      fieldToMatch: { uriPath: {} },
                      positionalConstraint: 'STARTS_WITH',
                      searchString: path,
                      textTransformations: [{ priority: 0, type: 'NONE' }],
                    },
                  })),
                },
              },
            },
          },
          visibilityConfig: visibility('RatePerIpOnSmsAndLogin'),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: props.api.deploymentStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
