import { Duration, Validations } from 'aws-cdk-lib';
import { EventBus, Rule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IDestination } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { acknowledged } from '../nag-suppressions';
import { alarmedDeadLetterQueue } from './dead-letter-queue';
import type { StageSettings } from '../stage';
import { deadLetterQueueName } from '../stage-names';
import { PortalFunction, type FunctionNeeds, type PortalData, type PortalMessaging } from './portal-function';

export interface DocumentEventsProps {
  readonly stage: StageSettings;
  readonly data: PortalData & { readonly documents: NonNullable<PortalData['documents']> };
  readonly messaging: PortalMessaging;
  /** The operations bus, where the commands function's results arrive (its Lambda success destination). */
  readonly operationsBus: IEventBus;
  /** Encrypts the dead-letter queue; EventBridge may use it. */
  readonly queueKey: IKey;
  readonly alertsTopic: ITopic;
}

/**
 * 2.3, 2.4: what happens to verification documents after their upload, driven by events. GuardDuty's scan result
 * (default bus) decides each document: received when clean, rejected otherwise. The result of a
 * ResolveVerification command (operations bus) starts the retention of the account's documents. Both functions
 * retry, then leave failed events in one KMS-encrypted dead-letter queue whose alarm tells operators.
 */
export class DocumentEvents extends Construct {
  /** Each function by its label, which monitoring watches. */
  readonly functions = new Map<string, PortalFunction>();

  constructor(scope: Construct, id: string, props: DocumentEventsProps) {
    super(scope, id);
    const deadLetters = alarmedDeadLetterQueue(this, 'DeadLetters', {
      queueName: deadLetterQueueName(props.stage, 'documents'),
      key: props.queueKey,
      alertsTopic: props.alertsTopic,
      alarmDescription:
        'Verification document events were left unprocessed after retries: see the dead-letter queue',
      ownAcknowledgements: acknowledged.documentEventsDeadLetters,
    });
    const onFailure: IDestination = { bind: () => ({ destination: deadLetters.queueArn }) };

    const eventFunction = (name: string, file: string, needs: FunctionNeeds) => {
      const fn = new PortalFunction(this, name, {
        stage: props.stage,
        data: props.data,
        messaging: props.messaging,
        name,
        entry: `functions/verification-documents/${file}`,
        invokedBy: 'events',
        needs,
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        onFailure,
      });
      // Lambda sends a failed event to the KMS-encrypted queue with the function's role.
      fn.role.addToPrincipalPolicy(
        new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deadLetters.queueArn] }),
      );
      fn.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.queueKey.keyArn],
        }),
      );
      Validations.of(fn.function).acknowledge(...acknowledged.eventDrivenFunction);
      this.functions.set(name, fn);
      return fn;
    };
    const scans = eventFunction('document-scans', 'scan-result.ts', {
      tableActions: ['dynamodb:UpdateItem'],
    });
    new Rule(this, 'ScanResultRule', {
      eventBus: EventBus.fromEventBusName(this, 'DefaultBus', 'default'),
      description:
        "GuardDuty's malware scan results of verification documents to the document-scans function",
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Malware Protection Object Scan Result'],
        detail: { s3ObjectDetails: { bucketName: [props.data.documents.bucketName] } },
      },
      targets: [new LambdaFunction(scans.function, { deadLetterQueue: deadLetters, retryAttempts: 3 })],
    });

    const retention = eventFunction('document-retention', 'demand-resolved.ts', {
      tableActions: ['dynamodb:Query'],
      // The copy that starts the retention: read, written again with its tag.
      documentActions: ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging'],
    });
    new Rule(this, 'DemandResolvedRule', {
      eventBus: props.operationsBus,
      description: 'A verification demand resolved: its documents start their retention period',
      eventPattern: {
        source: ['lambda'],
        detailType: ['Lambda Function Invocation Result - Success'],
        detail: { responsePayload: { command: ['ResolveVerification'], outcome: ['applied'] } },
      },
      targets: [new LambdaFunction(retention.function, { deadLetterQueue: deadLetters, retryAttempts: 3 })],
    });
  }
}
