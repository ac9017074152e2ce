import { Duration, RemovalPolicy, Stack, TimeZone, Validations, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { EventBus, EventField, Rule, RuleTargetInput, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { CfnFunction, IDestination } from 'aws-cdk-lib/aws-lambda';
import { EventBridgeDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { portalTable } from '../../contract/tables';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { commandNames, operatorEventSource } from '../../functions/domain/operators/commands';
import { defaultOperatorSettings } from '../../functions/domain/operators/dependencies';
import { handlerExportOf, jobNames, type JobName } from '../../functions/domain/operators/jobs/job';
import { businessMetric } from '../constructs/monitoring/monitoring-metrics';
import { PortalFunction, type PortalData, type PortalMessaging } from '../constructs/portal-function';
import { alarmedDeadLetterQueue } from '../constructs/dead-letter-queue';
import { DocumentEvents } from '../constructs/document-events';
import { acknowledged } from '../nag-suppressions';
import type { StageSettings } from '../stage';
import { deadLetterQueueName } from '../stage-names';

export interface OperationsStackProps extends StackProps {
  readonly stage: StageSettings;
  /** The tables, their key and the keys secret (the data stack). */
  readonly data: PortalData & { readonly documents: NonNullable<PortalData['documents']> };
  /** The operators' topic, where alarms and the publishing jobs' findings go (the messaging stack). */
  readonly messaging: PortalMessaging;
}

/** Admin functions read and change accounts page by page, with the keys: more memory than a route's 256 MB. */
const adminMemoryMb = 512;

/** When each job runs, in Bishkek time (EventBridge Scheduler cron: minute hour day month weekday year). */
const jobSchedules: Readonly<Record<JobName, { minute: string; hour?: string; description: string }>> = {
  'verification-deadlines': {
    minute: '0',
    description: '2.3: deny access where a verification deadline passed',
  },
  'activity-scan': {
    minute: '0/15',
    description: '2.7, 2.8: flag brute force and shared use, alert operators',
  },
  'daily-report': { minute: '30', hour: '0', description: "Yesterday's statistics to metrics and operators" },
  'purge-deleted': { minute: '0', hour: '3', description: '2.4: erase personal data of deleted accounts' },
};

/** The table actions each admin function uses (transactions are authorized per item action). */
const tableActions: Readonly<Record<'commands' | JobName, readonly string[]>> = {
  commands: [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
  ],
  'verification-deadlines': ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
  'activity-scan': [
    'dynamodb:Scan',
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
  ],
  'daily-report': ['dynamodb:Scan', 'dynamodb:GetItem', 'dynamodb:PutItem'],
  'purge-deleted': [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
  ],
};

/** Jobs whose findings go to the operators' topic. */
const publishingJobs: ReadonlySet<JobName> = new Set(['activity-scan', 'daily-report']);

/**
 * Alarms that act (2.7, 2.8): when failed logins or SMS sends jump, the activity scan runs at once. Sums over five
 * minutes of the handlers' own metrics (a Metrics Insights query: no reference to the Api stack's functions or
 * logs), set well above normal traffic and below the rate limits' fuses (functions/domain/limits.ts).
 */
const activityAlarms = [
  { metricName: 'LoginFailures', threshold: 50, description: 'Failed password logins across the portal' },
  { metricName: 'SmsSent', threshold: 300, description: 'SMS sent (passwords and codes): pumping or abuse' },
  { metricName: 'SmsFailed', threshold: 10, description: 'SMS the provider refused or could not take' },
] as const;

/** Retries of asynchronous delivery before an event goes to its dead-letter queue. */
const deliveryRetries = { retryAttempts: 3, maxEventAge: Duration.hours(2) } as const;

/**
 * Lambda's on-failure destination to a queue, without aws-cdk-lib's grant (which adds `kms:ReEncrypt*` and
 * `kms:GenerateDataKey*`): the function's role gets exactly what sending to a KMS-encrypted queue needs.
 */
const queueDestination = (queue: Queue): IDestination => ({ bind: () => ({ destination: queue.queueArn }) });

interface AdminFunction {
  readonly fn: NodejsFunction;
  readonly deadLetters: Queue;
}

/**
 * The operators' side (DESIGN: Operator functions): the operations bus with a rule per command to the commands
 * function, EventBridge Scheduler schedules (Asia/Bishkek) for the jobs, alarms whose state change runs the
 * activity scan, and for every asynchronous target retries and a KMS-encrypted dead-letter queue with an alarm.
 * Each admin function is a PortalFunction (lib/constructs): Powertools, the stage's log retention, its own role
 * under the stage's path with only the table actions it uses, the data key through DynamoDB and Secrets Manager
 * only, and the operators' topic only for the jobs that publish.
 */
export class OperationsStack extends Stack {
  readonly bus: EventBus;
  readonly alertsTopic: ITopic;
  readonly commands: NodejsFunction;
  readonly jobs: ReadonlyMap<JobName, NodejsFunction>;
  readonly alarms: readonly IAlarm[];
  /** Every admin function by its label (`operator-<name>`), which monitoring watches by its function name. */
  readonly functions = new Map<string, PortalFunction>();
  /** Every dead-letter queue's name by its construct id, which monitoring graphs by that name. */
  readonly deadLetterQueueNames = new Map<string, string>();

  private readonly key: Key;

  constructor(scope: Construct, id: string, props: OperationsStackProps) {
    super(scope, id, props);
    const removalPolicy = props.stage.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.key = new Key(this, 'OperationsKey', {
      description: 'SRS portal: dead-letter queues of the operators functions (2.4)',
      enableKeyRotation: true,
      removalPolicy,
    });
    // EventBridge sends undeliverable events to the dead-letter queues.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.alertsTopic = props.messaging.operatorsTopic;
    this.bus = new EventBus(this, 'OperationsBus', {
      eventBusName: `srs-portal-operations-${props.stage.name}`,
    });

    // Its results go to the bus too: a resolved verification demand starts its documents' retention (2.3).
    const commands = this.adminFunction('commands', 'commands.ts', 'handler', props, {
      timeout: 30,
      continueOn: this.bus,
    });
    const documentEvents = new DocumentEvents(this, 'DocumentEvents', {
      stage: props.stage,
      data: props.data,
      messaging: props.messaging,
      operationsBus: this.bus,
      queueKey: this.key,
      alertsTopic: this.alertsTopic,
    });
    for (const [label, fn] of documentEvents.functions) this.functions.set(label, fn);
    this.deadLetterQueueNames.set('DocumentEventsDeadLetters', deadLetterQueueName(props.stage, 'documents'));
    this.commands = commands.fn;
    this.operatorQueries(props);
    for (const command of commandNames) {
      new Rule(this, `${command}Rule`, {
        eventBus: this.bus,
        description: `Operator command ${command} to the commands function`,
        eventPattern: { source: [operatorEventSource], detailType: [command] },
        targets: [
          new LambdaFunction(commands.fn, { deadLetterQueue: commands.deadLetters, ...deliveryRetries }),
        ],
      });
    }

    // Not retained (the CDK default): its name is fixed, so a kept group would block recreating the stack, and
    // the schedules in it are made again with the stack.
    const group = new ScheduleGroup(this, 'Schedules', {
      scheduleGroupName: `srs-portal-${props.stage.name}`,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // The schedules' role: the targets add their invoke and dead-letter grants; the queues are KMS-encrypted.
    const schedulesRole = new Role(this, 'SchedulesRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: 'SRS portal schedules: invoke the job functions, dead-letter what they cannot deliver',
    });
    schedulesRole.addToPolicy(
      new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.key.keyArn] }),
    );
    const jobs = new Map(
      jobNames.map((job) => [
        job,
        this.adminFunction(job, 'jobs.ts', handlerExportOf(job), props, {
          timeout: 300,
          continueOn: this.bus,
        }),
      ]),
    );
    this.jobs = new Map([...jobs].map(([job, { fn }]) => [job, fn]));
    for (const [job, { fn, deadLetters }] of jobs) {
      const { minute, hour, description } = jobSchedules[job];
      new Schedule(this, `${handlerExportOf(job)}Schedule`, {
        scheduleGroup: group,
        description,
        schedule: ScheduleExpression.cron({ minute, ...(hour && { hour }), timeZone: TimeZone.ASIA_BISHKEK }),
        target: new LambdaInvoke(fn, {
          role: schedulesRole,
          input: ScheduleTargetInput.fromObject({ trigger: 'schedule' }),
          deadLetterQueue: deadLetters,
          ...deliveryRetries,
        }),
      });
      // A job that stopped with work left is invoked again at once with the same input (bounded work per run).
      new Rule(this, `${handlerExportOf(job)}Continuation`, {
        eventBus: this.bus,
        description: `Resumes ${job} where its last invocation stopped`,
        eventPattern: {
          source: ['lambda'],
          detailType: ['Lambda Function Invocation Result - Success'],
          detail: { responsePayload: { job: [job], continueNow: [true] } },
        },
        targets: [
          new LambdaFunction(fn, {
            event: RuleTargetInput.fromEventPath('$.detail.requestPayload'),
            deadLetterQueue: deadLetters,
            ...deliveryRetries,
          }),
        ],
      });
    }

    this.alarms = this.activityAlarms();
    const activityScan = jobs.get('activity-scan')!;
    new Rule(this, 'AlarmRunsActivityScan', {
      description: 'Runs the activity scan at once when failed logins or SMS sends jump (2.7, 2.8)',
      eventPattern: {
        source: ['aws.cloudwatch'],
        detailType: ['CloudWatch Alarm State Change'],
        resources: this.alarms.map((alarm) => alarm.alarmArn),
        detail: { state: { value: ['ALARM'] } },
      },
      targets: [
        new LambdaFunction(activityScan.fn, {
          event: RuleTargetInput.fromObject({
            trigger: 'alarm',
            alarm: EventField.fromPath('$.detail.alarmName'),
          }),
          deadLetterQueue: activityScan.deadLetters,
          ...deliveryRetries,
        }),
      ],
    });
  }

  /** Alarms on the sums of the handlers' metrics over every function. */
  private activityAlarms(): Alarm[] {
    return activityAlarms.map(({ metricName, threshold, description }) => {
      const alarm = new Alarm(this, `${metricName}Alarm`, {
        alarmDescription: `${description}: at least ${threshold} in 5 minutes; runs the activity scan at once`,
        metric: businessMetric(metricName, description),
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new SnsAction(this.alertsTopic));
      return alarm;
    });
  }

  /**
   * One admin function: a PortalFunction with its table actions, the keys secret and (for the publishing jobs)
   * the operators' topic; its dead-letter queue with an alarm; Lambda's retries of asynchronous invocations before
   * a failed event goes there.
   */
  private adminFunction(
    name: 'commands' | JobName,
    file: string,
    handler: string,
    props: OperationsStackProps,
    options: { timeout: number; continueOn?: IEventBus },
  ): AdminFunction {
    const id = name === 'commands' ? name : handlerExportOf(name);
    const queueName = deadLetterQueueName(props.stage, id);
    this.deadLetterQueueNames.set(`${id}DeadLetters`, queueName);
    const deadLetters = alarmedDeadLetterQueue(this, `${id}DeadLetters`, {
      queueName,
      key: this.key,
      alertsTopic: this.alertsTopic,
      alarmDescription: `The ${name} function left events unprocessed after retries: see its dead-letter queue`,
      ownAcknowledgements: [
        {
          id: 'AwsSolutions-SQS3',
          reason: `This queue is the dead-letter queue of the ${name} function and of the rules and schedules that invoke it.`,
        },
      ],
    });

    const admin = new PortalFunction(this, id, {
      stage: props.stage,
      data: props.data,
      messaging: props.messaging,
      name: `operator-${name}`,
      entry: `functions/operators/${file}`,
      handler,
      invokedBy: 'events',
      needs: {
        tableActions: tableActions[name],
        readsKeys: true,
        alertsOperators: name !== 'commands' && publishingJobs.has(name),
        // 2.2, 2.3: the applicant hears of a block, an unblock or a verification demand by a notice SMS.
        sendsSms: name === 'commands',
      },
      memorySize: adminMemoryMb,
      timeout: Duration.seconds(options.timeout),
      environment: {
        // The commands and the jobs build the operators' alerts adapter (functions/wiring/operator-dependencies.ts); only
        // the publishing jobs' roles may publish to the topic.
        PORTAL_ALERTS_TOPIC_ARN: this.alertsTopic.topicArn,
        PORTAL_PURGE_AFTER_DAYS: String(defaultOperatorSettings.purgeAfterDays),
        PORTAL_NETWORK_DATA_RETENTION_DAYS: String(defaultOperatorSettings.networkDataRetentionDays),
      },
      // Asynchronous invocations (rules, schedules): jobs are retried, then kept in the dead-letter queue. A
      // command is not retried: a refusal judged now must not apply minutes later to a state an operator has
      // changed since (an unblock refused, then a block, then the retried unblock); it goes to the queue, whose
      // alarm tells operators, and is sent again by one if still wanted.
      retryAttempts: name === 'commands' ? 0 : 2,
      maxEventAge: Duration.hours(6),
      onFailure: queueDestination(deadLetters),
      ...(options.continueOn && { onSuccess: new EventBridgeDestination(options.continueOn) }),
    });
    // Lambda sends a failed event to the KMS-encrypted dead-letter queue with the function's role.
    admin.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deadLetters.queueArn] }),
    );
    admin.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.key.keyArn] }),
    );
    this.functions.set(`operator-${name}`, admin);
    const fn = admin.function;
    Validations.of(fn).acknowledge(...acknowledged.eventDrivenFunction);
    // aws-cdk-lib's LambdaInvoke lets the schedule's role invoke the function and its versions (`<arn>:*`).
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(fn.node.defaultChild as CfnFunction)}.Arn>:*]`,
      reason: `The ${name} schedule's role may invoke only this function (and its versions): the grant aws-cdk-lib's LambdaInvoke target writes.`,
    });
    return { fn, deadLetters };
  }

  /**
   * The operators' look-ups (2.6), invoked synchronously with the operator's own credentials (`npm run admin --
   * show-account --stage …`): it reads the portal table and the keys, and writes nothing but audit entries (each
   * look is recorded), as new items. 2.3: it signs the download links of `list-documents` with its own role, so
   * it may read the documents' objects (and decrypt them through S3); it never reads them itself.
   */
  private operatorQueries(props: OperationsStackProps): void {
    const queries = new PortalFunction(this, 'queries', {
      stage: props.stage,
      data: props.data,
      messaging: props.messaging,
      name: 'operator-queries',
      entry: 'functions/operators/queries.ts',
      handler: 'handler',
      invokedBy: 'events',
      needs: {
        tableActions: ['dynamodb:GetItem', 'dynamodb:Query'],
        readsKeys: true,
        documentActions: ['s3:GetObject'],
      },
      memorySize: adminMemoryMb,
      timeout: Duration.seconds(30),
      environment: { PORTAL_ALERTS_TOPIC_ARN: this.alertsTopic.topicArn },
    });
    const table = props.data.tables.get(portalTable)!;
    queries.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:PutItem'],
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${keys.auditPartition('')}*`] },
        },
      }),
    );
    Validations.of(queries.function).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Operators invoke this function synchronously (Lambda Invoke, RequestResponse): a failure is its answer to the operator; a dead-letter queue only serves asynchronous invocations.',
    });
    this.functions.set('operator-queries', queries);
  }
}
