import { Duration } from 'aws-cdk-lib';
import {
  Dashboard,
  GraphWidget,
  SingleValueWidget,
  TextWidget,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { allRoutes, routeGroups } from '../../../contract/routes';
import {
  businessMetric,
  deadLetterDepth,
  functionMetric,
  type MonitoringMetrics,
} from './monitoring-metrics';

export interface PortalDashboardProps {
  /** Names the dashboard `srs-portal-<stage>`. */
  readonly stageName: string;
  readonly metrics: MonitoringMetrics;
}

/**
 * The operators' CloudWatch dashboard of one stage, row by row: the API (requests, 4xx/5xx, latency p50/p99,
 * SMS spend), latency per route (one graph per route group), what applicants do (logins by method, failed logins
 * and lockouts, SMS sent, failed and undelivered, registrations and access reports), the AWS SDK calls per route, the edge (WAF blocks per
 * rule, stage throttling); then the functions and dead-letter queues it is given.
 */
export class PortalDashboard extends Dashboard {
  private readonly metrics: MonitoringMetrics;

  constructor(scope: Construct, id: string, props: PortalDashboardProps) {
    super(scope, id, { dashboardName: `srs-portal-${props.stageName}`, defaultInterval: Duration.hours(6) });
    this.metrics = props.metrics;
    this.addWidgets(
      new TextWidget({
        markdown: `# SRS portal (${props.stageName}) — applicant accounts\nAlarms notify the operators' topic.`,
        width: 24,
        height: 1,
      }),
    );
    this.addApiRow();
    this.addRouteLatencyRow();
    this.addApplicantsRow();
    this.addStoreCallsRow();
    this.addEdgeRow();
  }

  /**
   * A row for functions (label → function name): errors, throttles, p99 duration and concurrent executions, one
   * series per function.
   */
  addFunctions(functions: ReadonlyMap<string, string>): void {
    const perFunction = (metricName: string, statistic?: string): IMetric[] =>
      [...functions].map(([label, functionName]) =>
        functionMetric(functionName, metricName, { label, ...(statistic && { statistic }) }),
      );
    this.addWidgets(
      new GraphWidget({ title: 'Function errors', left: perFunction('Errors'), width: 6 }),
      new GraphWidget({ title: 'Function throttles', left: perFunction('Throttles'), width: 6 }),
      new GraphWidget({
        title: 'Function duration p99 (ms)',
        left: perFunction('Duration', 'p99'),
        width: 6,
      }),
      new GraphWidget({
        title: 'Concurrent executions',
        left: perFunction('ConcurrentExecutions', 'Maximum'),
        width: 6,
      }),
    );
  }

  /** A row with the depth of each dead-letter queue (label → queue name); none if there are none. */
  addDeadLetterQueues(queues: ReadonlyMap<string, string>): void {
    if (queues.size === 0) return;
    this.addWidgets(
      new GraphWidget({
        title: 'Dead-letter queue depth',
        left: [...queues].map(([label, queueName]) => deadLetterDepth(queueName, label)),
        width: 24,
      }),
    );
  }

  /** The API as a whole. */
  private addApiRow(): void {
    const { metrics } = this;
    this.addWidgets(
      new GraphWidget({ title: 'Requests', left: [metrics.requests], width: 6 }),
      new GraphWidget({
        title: '4xx and 5xx',
        left: [metrics.clientErrors, metrics.serverErrors],
        right: [metrics.serverErrorPercent],
        width: 6,
      }),
      new GraphWidget({
        title: 'Latency (ms)',
        left: [metrics.latency('p50'), metrics.latency('p99')],
        width: 6,
      }),
      new SingleValueWidget({ title: 'SMS spent this month (USD)', metrics: [metrics.smsSpend], width: 6 }),
    );
  }

  /** Latency per route, one graph per route group. */
  private addRouteLatencyRow(): void {
    this.addWidgets(
      ...routeGroups.map(
        (group) =>
          new GraphWidget({
            title: `Latency per route (ms): ${group}`,
            left: allRoutes
              .filter((route) => route.group === group)
              .flatMap((route) =>
                ['p50', 'p99'].map((statistic) => this.metrics.routeLatency(route, statistic)),
              ),
            width: 8,
          }),
      ),
    );
  }

  /** What applicants do (the SrsPortal metrics of the handlers). */
  private addApplicantsRow(): void {
    const { metrics } = this;
    this.addWidgets(
      new GraphWidget({
        title: 'Logins by method',
        left: [businessMetric('Logins', 'Logins', true)],
        width: 6,
      }),
      new GraphWidget({
        title: 'Failed logins and lockouts',
        left: [
          businessMetric('LoginFailures', 'Failed logins', true),
          businessMetric('Lockouts', 'Lockouts'),
        ],
        width: 6,
      }),
      new GraphWidget({
        title: 'SMS sent, failed and undelivered',
        left: [businessMetric('SmsSent', 'Sent', true), businessMetric('SmsFailed', 'Failed', true)],
        right: [metrics.smsUndelivered],
        width: 6,
      }),
      new GraphWidget({
        title: 'Registrations and access reports',
        left: [
          businessMetric('Registrations', 'Registrations', true),
          businessMetric('AccessReports', 'Access reports', true),
        ],
        width: 6,
      }),
    );
  }

  /**
   * The AWS SDK calls behind each request, per route (the route's operation, or the operator command or job): how
   * many in 5 minutes, and their time per request on average. A route whose calls jump has changed its queries.
   */
  private addStoreCallsRow(): void {
    this.addWidgets(
      new GraphWidget({
        title: 'Store calls per route',
        left: [businessMetric('StoreCalls', 'Store calls', true)],
        width: 12,
      }),
      new GraphWidget({
        title: 'Store call time per route (ms per request, average)',
        left: [businessMetric('StoreCallTime', 'Store call time', true, 'AVG')],
        width: 12,
      }),
    );
  }

  /** What the edge refuses: WAF blocks per rule, and the stage's throttling. */
  private addEdgeRow(): void {
    this.addWidgets(
      new GraphWidget({
        title: 'WAF: blocked requests per rule',
        left: this.metrics.wafBlockedPerRule(),
        width: 12,
      }),
      new GraphWidget({
        title: 'Throttled by the stage (429)',
        left: [this.metrics.stageThrottled('Throttled')],
        width: 12,
      }),
    );
  }
}
