import { Duration, Validations, type Acknowledgment } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledged } from '../nag-suppressions';

export interface AlarmedDeadLetterQueueProps {
  /** The queue's fixed, stage-derived name (lib/stage-names.ts). */
  readonly queueName: string;
  /** Encrypts the queue; the services that send to it must be allowed to use it. */
  readonly key: IKey;
  /** Where the alarm goes: the operators' topic. */
  readonly alertsTopic: ITopic;
  /** What the alarm tells operators. */
  readonly alarmDescription: string;
  /** Why this queue needs no dead-letter queue of its own (AwsSolutions-SQS3), naming whose failures it keeps. */
  readonly ownAcknowledgements: readonly Acknowledgment[];
}

/**
 * A KMS-encrypted, TLS-only dead-letter queue kept 14 days, and an alarm to operators as soon as one event lands in
 * it: a failed event waits for a person, never silently. The queue is `id` and the alarm `${id}Alarm` in `scope`,
 * so the logical ids (and the deployed resources) stay those the stacks had before this helper.
 */
export const alarmedDeadLetterQueue = (
  scope: Construct,
  id: string,
  props: AlarmedDeadLetterQueueProps,
): Queue => {
  const queue = new Queue(scope, id, {
    queueName: props.queueName,
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: props.key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge(...props.ownAcknowledgements, ...acknowledged.deadLetterQueue);
  new Alarm(scope, `${id}Alarm`, {
    alarmDescription: props.alarmDescription,
    metric: queue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: 'Maximum',
    }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  }).addAlarmAction(new SnsAction(props.alertsTopic));
  return queue;
};
