import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { metricsNamespace } from '../../functions/adapters/metrics/portal-metrics';
import { allRoutes, routeGroups, type RouteDefinition } from '../../contract/routes';
import type { StageSettings } from '../stage';
import type { ApiStack } from './api-stack';

export interface MonitoringStackProps extends StackProps {
  readonly stage: StageSettings;
  readonly api: ApiStack;
  readonly operatorsTopic: ITopic;
  readonly smsMonthlySpendLimitUsd: number;
}

const period = Duration.minutes(5);

/** `access-reports` → `AccessReports`: construct ids that read well as logical ids. */
const constructId = (name: string): string =>
  name.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, _separator: string, letter: string) =>
    letter.toUpperCase(),
  );

/** Thresholds of the alarms; each alarm notifies the operators' topic when it fires and when it clears. */
export const alarmThresholds = {
  /** Per cent of requests answered 5xx, over at least `minRequests` requests in 5 minutes. */
  serverErrorPercent: 1,
  minRequests: 20,
  /** p99 latency of the whole API, milliseconds (a login hashes for ~0.3 s; a cold start reads the keys secret). */
  latencyP99Ms: 3_000,
  /** SMS the portal failed to hand to SNS in 5 minutes (2.5: applicants are left without a password). */
  smsFailures: 5,
  /** SMS that SNS took but could not deliver in 5 minutes (carrier refused, phone unreachable), in 2 of 3 periods. */
  smsDeliveryFailures: 10,
  /** Share of the monthly SMS spend limit spent. */
  smsSpendShare: 0.8,
  /** Throttled invocations of any one function in 5 minutes (reserved concurrency reached). */
  throttles: 1,
  /** Requests refused by the stage's throttling in 5 minutes. */
  stageThrottled: 50,
  /** Requests to guarded routes refused by the WAF rate rule in 5 minutes: someone is guessing or spamming. */
  guardedRateLimited: 50,
  /** Messages in a dead-letter queue: an operator command or schedule that failed for good. */
  deadLetters: 1,
} as const;

/** The dimensions each business metric carries as the handlers count it; Powertools adds `service`. */
const businessDimensions = {
  Logins: ['method'],
  LoginFailures: ['method'],
  Lockouts: [],
  SmsSent: ['purpose'],
  SmsFailed: ['purpose'],
  Registrations: ['applicantType'],
  AccessReports: ['channel'],
} as const satisfies Record<string, readonly string[]>;

/**
 * A Metrics Insights sum of a business metric over every function, optionally per its dimension. SCHEMA keeps
 * to the handlers' own series: the operations stack counts some of the same names again from the logs, with no
 * dimensions, and those must not be added twice.
 */
const businessQuery = (
  metric: keyof typeof businessDimensions,
  label: string,
  perDimension = false,
): MathExpression => {
  const dimensions: readonly string[] = businessDimensions[metric];
  const schema = `SCHEMA("${metricsNamespace}", ${['service', ...dimensions].join(', ')})`;
  const groupBy = perDimension && dimensions[0] ? ` GROUP BY ${dimensions[0]}` : '';
  return new MathExpression({ expression: `SELECT SUM(${metric}) FROM ${schema}${groupBy}`, label, period });
};

/**
 * The operators' view of the portal: one CloudWatch dashboard (requests, 4xx/5xx, latency p50/p99 per route,
 * logins by method, SMS sent, failed and undelivered, access reports, lockouts, SMS spend, functions, WAF, dead
 * letters) and the alarms on 5xx rate, p99 latency, SMS failures, undelivered SMS and spend, throttles and dead
 * letters, all notifying the operators' topic. Functions and queues of other stacks join with `watchFunctions` /
 * `watchDeadLetterQueues`.
 */
export class MonitoringStack extends Stack {
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];
  private readonly notify: SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { api } = props;
    this.notify = new SnsAction(props.operatorsTopic);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `srs-portal-${props.stage.name}`,
      defaultInterval: Duration.hours(6),
    });
    // AWS/ApiGateway metrics of the stage, or of one route (detailed metrics are on for every method).
    const apiMetric = (metricName: string, statistic: string, label: string, route?: RouteDefinition) =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: {
          ApiName: api.api.restApiName,
          Stage: api.stageName,
          ...(route && { Resource: route.path, Method: route.method }),
        },
        statistic,
        period,
        label,
      });

    // The API as a whole.
    const requests = apiMetric('Count', 'Sum', 'Requests');
    const clientErrors = apiMetric('4XXError', 'Sum', '4xx');
    const serverErrors = apiMetric('5XXError', 'Sum', '5xx');
    const serverErrorPercent = new MathExpression({
      expression: `IF(requests >= ${alarmThresholds.minRequests}, 100 * errors / requests, 0)`,
      usingMetrics: { requests, errors: serverErrors },
      label: '5xx, % of requests',
      period,
    });
    const latency = (statistic: string) => apiMetric('Latency', statistic, statistic);
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# SRS portal (${props.stage.name}) — applicant accounts\nAlarms notify the operators' topic.`,
        width: 24,
        height: 1,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Requests', left: [requests], width: 6 }),
      new GraphWidget({
        title: '4xx and 5xx',
        left: [clientErrors, serverErrors],
        right: [serverErrorPercent],
        width: 6,
      }),
      new GraphWidget({ title: 'Latency (ms)', left: [latency('p50'), latency('p99')], width: 6 }),
      new SingleValueWidget({
        title: 'SMS spent this month (USD)',
        metrics: [this.smsSpend()],
        width: 6,
      }),
    );

    // Latency per route, one graph per route group.
    this.dashboard.addWidgets(
      ...routeGroups.map(
        (group) =>
          new GraphWidget({
            title: `Latency per route (ms): ${group}`,
            left: allRoutes
              .filter((route) => route.group === group)
              .flatMap((route) =>
                ['p50', 'p99'].map((statistic) =>
                  apiMetric('Latency', statistic, `${route.method} ${route.path} ${statistic}`, route),
                ),
              ),
            width: 8,
          }),
      ),
    );

    // What applicants do (the SrsPortal metrics of the handlers).
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Logins by method',
        left: [businessQuery('Logins', 'Logins', true)],
        width: 6,
      }),
      new GraphWidget({
        title: 'Failed logins and lockouts',
        left: [businessQuery('LoginFailures', 'Failed logins', true), businessQuery('Lockouts', 'Lockouts')],
        width: 6,
      }),
      new GraphWidget({
        title: 'SMS sent, failed and undelivered',
        left: [businessQuery('SmsSent', 'Sent', true), businessQuery('SmsFailed', 'Failed', true)],
        right: [this.smsUndelivered()],
        width: 6,
      }),
      new GraphWidget({
        title: 'Registrations and access reports',
        left: [
          businessQuery('Registrations', 'Registrations', true),
          businessQuery('AccessReports', 'Access reports', true),
        ],
        width: 6,
      }),
    );
    const wafBlocked = (rule: string) =>
      new Metric({
        namespace: 'AWS/WAFV2',
        metricName: 'BlockedRequests',
        dimensionsMap: { WebACL: api.firewall.metricName, Region: this.region, Rule: rule },
        statistic: 'Sum',
        period,
        label: rule,
      });
    // Behind CloudFront the guarded routes have two rate rules (per source IP, per viewer IP): the alarm sums them.
    const guardedRules = api.firewall.guardedRateRuleNames;
    const guardedRateLimited = new MathExpression({
      expression: guardedRules.map((_rule, index) => `FILL(m${index}, 0)`).join(' + '),
      usingMetrics: Object.fromEntries(guardedRules.map((rule, index) => [`m${index}`, wafBlocked(rule)])),
      label: 'Guarded routes: rate-limited',
      period,
    });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'WAF: blocked requests per rule',
        left: api.firewall.ruleMetricNames.map(wafBlocked),
        width: 12,
      }),
      new GraphWidget({
        title: 'Throttled by the stage (429)',
        left: [api.throttledRequests.with({ period, label: 'Throttled' })],
        width: 12,
      }),
    );

    this.alarm(
      'Api5xxRate',
      serverErrorPercent,
      alarmThresholds.serverErrorPercent,
      '5xx answers above 1% of requests',
    );
    this.alarm('ApiLatencyP99', latency('p99'), alarmThresholds.latencyP99Ms, 'API p99 latency above 3 s', {
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
    });
    this.alarm(
      'SmsFailures',
      businessQuery('SmsFailed', 'SMS failed'),
      alarmThresholds.smsFailures,
      'SMS not handed to SNS: applicants do not get passwords or codes (2.5)',
      { evaluationPeriods: 1, datapointsToAlarm: 1 },
    );
    this.alarm(
      'SmsDeliveryFailures',
      this.smsUndelivered(),
      alarmThresholds.smsDeliveryFailures,
      'SMS that SNS could not deliver (carrier refused, phone unreachable): applicants do not get passwords or codes (2.5)',
    );
    this.alarm(
      'SmsSpend',
      this.smsSpend(),
      alarmThresholds.smsSpendShare * props.smsMonthlySpendLimitUsd,
      `SMS spend this month reached ${alarmThresholds.smsSpendShare * 100}% of the ${props.smsMonthlySpendLimitUsd} USD limit: SNS stops sending SMS at the limit`,
      { evaluationPeriods: 1, datapointsToAlarm: 1 },
    );
    this.alarm(
      'StageThrottled',
      api.throttledRequests.with({ period, label: 'Throttled by the stage' }),
      alarmThresholds.stageThrottled,
      'API Gateway throttling refuses requests (429): a flood, or limits too low for the load',
      { evaluationPeriods: 1, datapointsToAlarm: 1 },
    );
    this.alarm(
      'GuardedRoutesRateLimited',
      guardedRateLimited,
      alarmThresholds.guardedRateLimited,
      'WAF refuses IPs (source or CloudFront viewer) on the SMS, password, code and card routes: guessing or SMS flooding (2.8)',
      { evaluationPeriods: 1, datapointsToAlarm: 1 },
    );
    this.watchFunctions(new Map([...api.functions].map(([group, fn]) => [group, fn.function])));
  }

  /** Adds functions of other stacks (the operations stack) to the dashboard and the throttle alarms. */
  watchFunctions(functions: ReadonlyMap<string, IFunction>): void {
    const entries = [...functions];
    const of = (metric: (fn: IFunction) => IMetric) => entries.map(([, fn]) => metric(fn));
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Function errors',
        left: entries.map(([name, fn]) => fn.metricErrors({ period, label: name })),
        width: 6,
      }),
      new GraphWidget({
        title: 'Function throttles',
        left: entries.map(([name, fn]) => fn.metricThrottles({ period, label: name })),
        width: 6,
      }),
      new GraphWidget({
        title: 'Function duration p99 (ms)',
        left: entries.map(([name, fn]) => fn.metricDuration({ period, statistic: 'p99', label: name })),
        width: 6,
      }),
      new GraphWidget({
        title: 'Concurrent executions',
        left: of((fn) => fn.metric('ConcurrentExecutions', { period, statistic: 'Maximum' })),
        width: 6,
      }),
    );
    for (const [name, fn] of entries) {
      this.alarm(
        `${constructId(name)}Throttles`,
        fn.metricThrottles({ period }),
        alarmThresholds.throttles,
        `The ${name} function is throttled: requests are refused`,
        { evaluationPeriods: 1, datapointsToAlarm: 1 },
      );
    }
  }

  /**
   * Adds dead-letter queues (the operations stack's) to the dashboard, each with an alarm on its depth unless
   * the queue's own stack has one already.
   */
  watchDeadLetterQueues(queues: ReadonlyMap<string, IQueue>, options: { alarms?: boolean } = {}): void {
    const entries = [...queues];
    if (entries.length === 0) return;
    const depth = (queue: IQueue, label: string) =>
      queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum', label });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Dead-letter queue depth',
        left: entries.map(([name, queue]) => depth(queue, name)),
        width: 24,
      }),
    );
    for (const [name, queue] of options.alarms === false ? [] : entries) {
      this.alarm(
        `${constructId(name)}DeadLetters`,
        depth(queue, name),
        alarmThresholds.deadLetters,
        `Messages in the ${name} dead-letter queue: an operator command or schedule failed`,
        { evaluationPeriods: 1, datapointsToAlarm: 1 },
      );
    }
  }

  /**
   * AWS/SNS: SMS published to phone numbers that SNS failed to deliver, as a count only. It replaces SNS
   * delivery-status logs, whose records name the phone number (2.4).
   */
  private smsUndelivered(): Metric {
    return new Metric({
      namespace: 'AWS/SNS',
      metricName: 'NumberOfNotificationsFailed',
      dimensionsMap: { PhoneNumber: 'PhoneNumberDirect' },
      statistic: 'Sum',
      period,
      label: 'SMS undelivered (SNS)',
    });
  }

  /** AWS/SNS: what SMS cost this month in this region (SNS stops sending at the spend limit). */
  private smsSpend(): Metric {
    return new Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      statistic: 'Maximum',
      period,
      label: 'SMS spend (USD)',
    });
  }

  private alarm(
    id: string,
    metric: IMetric,
    threshold: number,
    description: string,
    evaluation: { evaluationPeriods: number; datapointsToAlarm: number } = {
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    },
  ): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
      ...evaluation,
    });
    alarm.addAlarmAction(this.notify);
    alarm.addOkAction(this.notify);
    this.alarms.push(alarm);
    return alarm;
  }
}
