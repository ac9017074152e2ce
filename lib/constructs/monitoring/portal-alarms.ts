import {
  Alarm,
  ComparisonOperator,
  TreatMissingData,
  type IAlarmAction,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { alarmThresholds } from './alarm-thresholds';
import {
  businessMetric,
  deadLetterDepth,
  functionMetric,
  type MonitoringMetrics,
} from './monitoring-metrics';

export interface PortalAlarmsProps {
  /** Every alarm notifies it when it fires and when it clears. */
  readonly operatorsTopic: ITopic;
}

/** How many 5-minute periods an alarm looks at, and how many of them must breach. */
interface Evaluation {
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

/** The default: 2 of the last 3 periods, so that one bad period does not page anyone. */
const twoOfThree: Evaluation = { evaluationPeriods: 3, datapointsToAlarm: 2 };
/** At once: the first period over the threshold. */
const firstPeriod: Evaluation = { evaluationPeriods: 1, datapointsToAlarm: 1 };

/** `access-reports` → `AccessReports`: construct ids that read well as logical ids. */
const constructId = (name: string): string =>
  name.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, _separator: string, letter: string) =>
    letter.toUpperCase(),
  );

/**
 * The portal's alarms, each at or above its threshold (`alarmThresholds`), missing data not breaching, and
 * notifying the operators' topic when it fires and when it clears: the API (5xx rate, p99 latency), SMS (not
 * handed to SNS, undelivered, monthly spend), the edge (stage throttling, WAF rate rule on guarded routes), and
 * the functions and dead-letter queues they are given.
 */
export class PortalAlarms extends Construct {
  readonly alarms: Alarm[] = [];
  private readonly notify: IAlarmAction;

  constructor(scope: Construct, id: string, props: PortalAlarmsProps) {
    super(scope, id);
    this.notify = new SnsAction(props.operatorsTopic);
  }

  /** 5xx answers above 1% of requests, and p99 latency above 3 s in 3 periods running. */
  watchApi(metrics: MonitoringMetrics): void {
    this.add(
      'Api5xxRate',
      metrics.serverErrorPercent,
      alarmThresholds.serverErrorPercent,
      '5xx answers above 1% of requests',
    );
    this.add(
      'ApiLatencyP99',
      metrics.latency('p99'),
      alarmThresholds.latencyP99Ms,
      'API p99 latency above 3 s',
      {
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
      },
    );
  }

  /** SMS the portal could not hand to SNS, SMS that SNS could not deliver, and the month's spend (2.5). */
  watchSms(metrics: MonitoringMetrics, monthlySpendLimitUsd: number): void {
    this.add(
      'SmsFailures',
      businessMetric('SmsFailed', 'SMS failed'),
      alarmThresholds.smsFailures,
      'SMS not handed to SNS: applicants do not get passwords or codes (2.5)',
      firstPeriod,
    );
    this.add(
      'SmsDeliveryFailures',
      metrics.smsUndelivered,
      alarmThresholds.smsDeliveryFailures,
      'SMS that SNS could not deliver (carrier refused, phone unreachable): applicants do not get passwords or codes (2.5)',
    );
    this.add(
      'SmsSpend',
      metrics.smsSpend,
      alarmThresholds.smsSpendShare * monthlySpendLimitUsd,
      `SMS spend this month reached ${alarmThresholds.smsSpendShare * 100}% of the ${monthlySpendLimitUsd} USD limit: SNS stops sending SMS at the limit`,
      firstPeriod,
    );
  }

  /** Requests refused at the edge: by the stage's throttling, and by the WAF rate rules of guarded routes (2.8). */
  watchEdge(metrics: MonitoringMetrics): void {
    this.add(
      'StageThrottled',
      metrics.stageThrottled('Throttled by the stage'),
      alarmThresholds.stageThrottled,
      'API Gateway throttling refuses requests (429): a flood, or limits too low for the load',
      firstPeriod,
    );
    this.add(
      'GuardedRoutesRateLimited',
      metrics.guardedRateLimited(),
      alarmThresholds.guardedRateLimited,
      'WAF refuses IPs (source or CloudFront viewer) on the SMS, password, code and card routes: guessing or SMS flooding (2.8)',
      firstPeriod,
    );
  }

  /** One alarm per function (label → function name) on its throttled invocations (`<Label>Throttles`). */
  watchFunctions(functions: ReadonlyMap<string, string>): void {
    for (const [name, functionName] of functions) {
      this.add(
        `${constructId(name)}Throttles`,
        functionMetric(functionName, 'Throttles'),
        alarmThresholds.throttles,
        `The ${name} function is throttled: requests are refused`,
        firstPeriod,
      );
    }
  }

  /** One alarm per dead-letter queue (label → queue name) on its depth (`<Label>DeadLetters`). */
  watchDeadLetterQueues(queues: ReadonlyMap<string, string>): void {
    for (const [name, queueName] of queues) {
      this.add(
        `${constructId(name)}DeadLetters`,
        deadLetterDepth(queueName, name),
        alarmThresholds.deadLetters,
        `Messages in the ${name} dead-letter queue: an operator command or schedule failed`,
        firstPeriod,
      );
    }
  }

  private add(
    id: string,
    metric: IMetric,
    threshold: number,
    description: string,
    evaluation: Evaluation = twoOfThree,
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
