import { Duration } from 'aws-cdk-lib';
import { MathExpression, Metric, type MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import { metricsNamespace } from '../../../functions/adapters/metrics/portal-metrics';
import type { RouteDefinition } from '../../../contract/routes';
import type { ApiStack } from '../../stacks/api-stack';
import { alarmThresholds } from './alarm-thresholds';

/** The period of every graph and alarm. */
export const period = Duration.minutes(5);

/** The dimensions each business metric carries as the handlers count it; Powertools adds `service`. */
const businessDimensions = {
  Logins: ['method'],
  LoginFailures: ['method'],
  Lockouts: [],
  SmsSent: ['purpose'],
  SmsFailed: ['purpose'],
  Registrations: ['applicantType'],
  AccessReports: ['channel'],
  /** Issue 20: AWS SDK calls per request, and their time in ms; `route` is the route's operation or the job's name. */
  StoreCalls: ['route'],
  StoreCallTime: ['route'],
} as const satisfies Record<string, readonly string[]>;

export type BusinessMetric = keyof typeof businessDimensions;

/** What monitoring reads of the API stack: the REST API and its stage, the firewall, the stage's throttling. */
export type MonitoredApi = Pick<ApiStack, 'api' | 'stageName' | 'firewall' | 'throttledRequests'>;

/**
 * The depth of a dead-letter queue, by its name (lib/stage-names.ts): what the dashboard graphs and the alarms
 * watch.
 */
export const deadLetterDepth = (queueName: string, label: string): Metric =>
  new Metric({
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensionsMap: { QueueName: queueName },
    statistic: 'Maximum',
    period,
    label,
  });

/** A Lambda metric of one function, by its name (lib/stage-names.ts), over 5 minutes unless told otherwise. */
export const functionMetric = (
  functionName: string,
  metricName: string,
  options: MetricOptions = {},
): Metric =>
  new Metric({
    namespace: 'AWS/Lambda',
    metricName,
    dimensionsMap: { FunctionName: functionName },
    statistic: 'Sum',
    period,
    ...options,
  });

/**
 * A Metrics Insights sum (or average) of a business metric over every function, optionally per its dimension.
 * SCHEMA keeps to the series the handlers count (Powertools adds `service`), whichever function counts it.
 */
export const businessMetric = (
  metric: BusinessMetric,
  label: string,
  perDimension = false,
  aggregate: 'SUM' | 'AVG' = 'SUM',
): MathExpression => {
  const dimensions: readonly string[] = businessDimensions[metric];
  const schema = `SCHEMA("${metricsNamespace}", ${['service', ...dimensions].join(', ')})`;
  const groupBy = perDimension && dimensions[0] ? ` GROUP BY ${dimensions[0]}` : '';
  return new MathExpression({
    expression: `SELECT ${aggregate}(${metric}) FROM ${schema}${groupBy}`,
    label,
    period,
  });
};

/**
 * The metrics the dashboard and the alarms share, each over 5 minutes: API Gateway's of the stage and its
 * routes, the handlers' business metrics (namespace `SrsPortal`), SNS's SMS delivery and spend, and the WAF's
 * blocked requests. The alarms watch the very series the dashboard shows.
 */
export class MonitoringMetrics {
  readonly requests: Metric;
  readonly clientErrors: Metric;
  readonly serverErrors: Metric;
  /** 5xx as a share of requests; 0 below `minRequests`, so a handful of requests cannot page anyone. */
  readonly serverErrorPercent: MathExpression;
  /**
   * AWS/SNS: SMS published to phone numbers that SNS failed to deliver, as a count only. It replaces SNS
   * delivery-status logs, whose records name the phone number (2.4).
   */
  readonly smsUndelivered: Metric;
  /** AWS/SNS: what SMS cost this month in this region (SNS stops sending at the spend limit). */
  readonly smsSpend: Metric;

  /** @param region the region of the WAF web ACL (the API's, which monitoring shares). */
  constructor(
    private readonly api: MonitoredApi,
    private readonly region: string,
  ) {
    this.requests = this.gateway('Count', 'Sum', 'Requests');
    this.clientErrors = this.gateway('4XXError', 'Sum', '4xx');
    this.serverErrors = this.gateway('5XXError', 'Sum', '5xx');
    this.serverErrorPercent = new MathExpression({
      expression: `IF(requests >= ${alarmThresholds.minRequests}, 100 * errors / requests, 0)`,
      usingMetrics: { requests: this.requests, errors: this.serverErrors },
      label: '5xx, % of requests',
      period,
    });
    this.smsUndelivered = new Metric({
      namespace: 'AWS/SNS',
      metricName: 'NumberOfNotificationsFailed',
      dimensionsMap: { PhoneNumber: 'PhoneNumberDirect' },
      statistic: 'Sum',
      period,
      label: 'SMS undelivered (SNS)',
    });
    this.smsSpend = new Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      statistic: 'Maximum',
      period,
      label: 'SMS spend (USD)',
    });
  }

  /** Latency of the whole API at a percentile (`p50`, `p99`), labelled with it. */
  latency(statistic: string): Metric {
    return this.gateway('Latency', statistic, statistic);
  }

  /** Latency of one route at a percentile, labelled with its method, path and the percentile. */
  routeLatency(route: RouteDefinition, statistic: string): Metric {
    return this.gateway('Latency', statistic, `${route.method} ${route.path} ${statistic}`, route);
  }

  /** Requests the stage's throttling refused (429), from its access log. */
  stageThrottled(label: string): Metric {
    return this.api.throttledRequests.with({ period, label });
  }

  /** Requests the WAF blocked, one series per rule of the web ACL. */
  wafBlockedPerRule(): Metric[] {
    return this.api.firewall.ruleMetricNames.map((rule) => this.wafBlocked(rule));
  }

  /** Behind CloudFront the guarded routes have two rate rules (per source IP, per viewer IP): their sum. */
  guardedRateLimited(): MathExpression {
    const rules = this.api.firewall.guardedRateRuleNames;
    return new MathExpression({
      expression: rules.map((_rule, index) => `FILL(m${index}, 0)`).join(' + '),
      usingMetrics: Object.fromEntries(rules.map((rule, index) => [`m${index}`, this.wafBlocked(rule)])),
      label: 'Guarded routes: rate-limited',
      period,
    });
  }

  /** AWS/ApiGateway metrics of the stage, or of one route (detailed metrics are on for every method). */
  private gateway(metricName: string, statistic: string, label: string, route?: RouteDefinition): Metric {
    return new Metric({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensionsMap: {
        ApiName: this.api.api.restApiName,
        Stage: this.api.stageName,
        ...(route && { Resource: route.path, Method: route.method }),
      },
      statistic,
      period,
      label,
    });
  }

  private wafBlocked(rule: string): Metric {
    return new Metric({
      namespace: 'AWS/WAFV2',
      metricName: 'BlockedRequests',
      dimensionsMap: { WebACL: this.api.firewall.metricName, Region: this.region, Rule: rule },
      statistic: 'Sum',
      period,
      label: rule,
    });
  }
}
