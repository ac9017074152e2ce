import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { MonitoringMetrics } from '../constructs/monitoring/monitoring-metrics';
import { PortalAlarms } from '../constructs/monitoring/portal-alarms';
import { PortalDashboard } from '../constructs/monitoring/portal-dashboard';
import type { StageSettings } from '../stage';
import type { ApiStack } from './api-stack';

export { alarmThresholds } from '../constructs/monitoring/alarm-thresholds';

export interface MonitoringStackProps extends StackProps {
  readonly stage: StageSettings;
  readonly api: ApiStack;
  readonly operatorsTopic: ITopic;
  readonly smsMonthlySpendLimitUsd: number;
}

/**
 * The operators' view of the portal: one CloudWatch dashboard (requests, 4xx/5xx, latency p50/p99 per route,
 * logins by method, SMS sent, failed and undelivered, access reports, lockouts, SMS spend, functions, WAF, dead
 * letters) and the alarms on 5xx rate, p99 latency, SMS failures, undelivered SMS and spend, throttles and dead
 * letters, all notifying the operators' topic. Functions and queues of other stacks join with `watchFunctions` /
 * `watchDeadLetterQueues`, by their stage-derived names (lib/stage-names.ts): the only exports it imports are the
 * messaging stack's topic, so the stacks it watches are updated, replaced or deleted without it.
 */
export class MonitoringStack extends Stack {
  readonly dashboard: PortalDashboard;
  private readonly portalAlarms: PortalAlarms;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { api } = props;
    const metrics = new MonitoringMetrics(api, this.region);
    this.dashboard = new PortalDashboard(this, 'Dashboard', { stageName: props.stage.name, metrics });
    // `Default` is left out of logical ids: the alarms keep those they had when the stack made them itself.
    this.portalAlarms = new PortalAlarms(this, 'Default', { operatorsTopic: props.operatorsTopic });
    this.portalAlarms.watchApi(metrics);
    this.portalAlarms.watchSms(metrics, props.smsMonthlySpendLimitUsd);
    this.portalAlarms.watchEdge(metrics);
    this.watchFunctions(new Map([...api.functions].map(([group, fn]) => [group, fn.functionName])));
  }

  /** Every alarm of the stack, in the order they were made. */
  get alarms(): readonly Alarm[] {
    return this.portalAlarms.alarms;
  }

  /** Adds functions (label → function name) to the dashboard and the throttle alarms. */
  watchFunctions(functions: ReadonlyMap<string, string>): void {
    this.dashboard.addFunctions(functions);
    this.portalAlarms.watchFunctions(functions);
  }

  /**
   * Adds dead-letter queues (label → queue name; the operations stack's) to the dashboard, each with an alarm on
   * its depth unless the queue's own stack has one already.
   */
  watchDeadLetterQueues(queues: ReadonlyMap<string, string>, options: { alarms?: boolean } = {}): void {
    this.dashboard.addDeadLetterQueues(queues);
    if (options.alarms !== false) this.portalAlarms.watchDeadLetterQueues(queues);
  }
}
