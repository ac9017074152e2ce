import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { commandNames, operatorEventSource } from '../../functions/domain/operators/commands';
import { handlerExportOf, jobNames } from '../../functions/domain/operators/jobs/job';
import * as jobHandlers from '../../functions/operators/jobs';
import { buildPortal } from '../../lib/portal-app';
import { stageSettings } from '../../lib/stage';
import { readViolations } from '../support/synth';
import { portalFunctions, refersTo, resourcesOf } from './template-queries';

/** Data, API and operations stacks as the CDK app builds them, checked by cdk-nag; assets are not bundled. */
const synthesize = () => {
  const outdir = join(__dirname, '..', '..', 'cdk.out', 'test-operations');
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const { operations } = buildPortal(app, 'dev');
  app.synth();
  const nagViolations = readViolations(outdir).map((v) => `${v.rule} ${v.path}`);
  return {
    operations,
    template: Template.fromStack(operations),
    nagViolations,
  };
};

const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);

describe('The operations stack (DESIGN: Operator functions)', () => {
  let synth: ReturnType<typeof synthesize>;
  let template: Template;
  const fnArn = (fn: { node: { defaultChild?: unknown } }) => ({
    'Fn::GetAtt': [logicalId(synth.operations, fn), 'Arn'],
  });
  const withDeadLetters = {
    DeadLetterConfig: { Arn: Match.anyValue() },
    RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
  };

  beforeAll(() => {
    synth = synthesize();
    template = synth.template;
  });

  it('passes cdk-nag AwsSolutions with no unacknowledged finding', () => {
    expect(synth.nagViolations).toEqual([]);
  });

  it('routes each command on the operations bus to the commands function, with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'srs-portal-operations-dev' });
    for (const command of commandNames) {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: Match.anyValue(),
        EventPattern: { source: [operatorEventSource], 'detail-type': [command] },
        Targets: [Match.objectLike({ Arn: fnArn(synth.operations.commands), ...withDeadLetters })],
      });
    }
  });

  it.each(jobNames.map((job) => [job]))(
    'runs %s on an EventBridge Scheduler schedule in Asia/Bishkek, with retries and a dead-letter queue',
    (job) => {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: Match.stringLikeRegexp('^cron\\('),
        ScheduleExpressionTimezone: 'Asia/Bishkek',
        Target: Match.objectLike({
          Arn: fnArn(synth.operations.jobs.get(job)!),
          Input: JSON.stringify({ trigger: 'schedule' }),
          ...withDeadLetters,
        }),
      });
    },
  );

  it('does not keep its named schedule group when deleted, so the stack can be made again', () => {
    template.hasResource('AWS::Scheduler::ScheduleGroup', { DeletionPolicy: 'Delete' });
  });

  it('schedules the scan every 15 minutes, deadlines hourly, the report and the purge daily', () => {
    const expressions = Object.values(template.findResources('AWS::Scheduler::Schedule')).map(
      (schedule) => (schedule.Properties as { ScheduleExpression: string }).ScheduleExpression,
    );
    expect(expressions.sort()).toEqual(
      ['cron(0 * * * ? *)', 'cron(0/15 * * * ? *)', 'cron(30 0 * * ? *)', 'cron(0 3 * * ? *)'].sort(),
    );
  });

  it.each(jobNames.map((job) => [job]))(
    'resumes %s at once when an invocation stopped with work left',
    (job) => {
      const fn = synth.operations.jobs.get(job)!;
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalId(synth.operations, fn) },
        DestinationConfig: {
          OnSuccess: { Destination: Match.anyValue() },
          OnFailure: { Destination: Match.anyValue() },
        },
      });
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['lambda'],
          'detail-type': ['Lambda Function Invocation Result - Success'],
          detail: { responsePayload: { job: [job], continueNow: [true] } },
        },
        Targets: [
          Match.objectLike({ Arn: fnArn(fn), InputPath: '$.detail.requestPayload', ...withDeadLetters }),
        ],
      });
    },
  );

  it('bundles each job from the export of functions/operators/jobs.ts that the CDK app names', () => {
    for (const job of jobNames) {
      expect(typeof (jobHandlers as Record<string, unknown>)[handlerExportOf(job)]).toBe('function');
      template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: `index.${handlerExportOf(job)}`,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
      });
    }
  });

  it('alarms on the handlers’ sums of failed logins and SMS, and runs the activity scan on an alarm', () => {
    // The handlers' own metrics over every function (Metrics Insights): nothing of the Api stack is referenced.
    template.resourceCountIs('AWS::Logs::MetricFilter', 0);
    for (const metricName of ['LoginFailures', 'SmsSent', 'SmsFailed']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Metrics: [
          Match.objectLike({
            Expression: Match.stringLikeRegexp(
              `^SELECT SUM\\(${metricName}\\) FROM SCHEMA\\("SrsPortal", service,`,
            ),
            Period: 300,
          }),
        ],
        AlarmActions: [Match.anyValue()],
      });
    }
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.cloudwatch'],
        'detail-type': ['CloudWatch Alarm State Change'],
        resources: synth.operations.alarms.map((alarm) => ({
          'Fn::GetAtt': [logicalId(synth.operations, alarm), 'Arn'],
        })),
        detail: { state: { value: ['ALARM'] } },
      },
      Targets: [
        Match.objectLike({ Arn: fnArn(synth.operations.jobs.get('activity-scan')!), ...withDeadLetters }),
      ],
    });
  });

  /** 2.3: the verification documents' event functions live here too, with their own needs and queue. */
  const documentEventFunctions = ['document-scans', 'document-retention'];
  const adminFunctions = () => portalFunctions(template).filter((fn) => fn.name.startsWith('operator-'));

  it('retries asynchronous invocations of every job, then keeps the event in its dead-letter queue', () => {
    template.resourcePropertiesCountIs(
      'AWS::Lambda::EventInvokeConfig',
      {
        MaximumRetryAttempts: 2,
        DestinationConfig: Match.objectLike({ OnFailure: { Destination: Match.anyValue() } }),
      },
      jobNames.length + documentEventFunctions.length,
    );
  });

  it('never retries a command: a refused one goes straight to the dead-letter queue, not applied later (2.2)', () => {
    template.resourcePropertiesCountIs(
      'AWS::Lambda::EventInvokeConfig',
      {
        FunctionName: Match.objectLike({ Ref: Match.stringLikeRegexp('^commands') }),
        MaximumRetryAttempts: 0,
        DestinationConfig: Match.objectLike({ OnFailure: { Destination: Match.anyValue() } }),
      },
      1,
    );
  });

  it('keeps dead letters in KMS-encrypted queues that refuse plain HTTP, each with an alarm to operators', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(1 + jobNames.length + 1);
    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.Properties.KmsMasterKeyId).toBeDefined();
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }],
        Threshold: 1,
        AlarmActions: [Match.anyValue()],
      });
    }
  });

  it('builds every admin function with PortalFunction: Powertools, the stage’s log retention and role path', () => {
    const functions = adminFunctions();
    expect(functions.map((fn) => fn.name).sort()).toEqual(
      ['operator-commands', 'operator-queries', ...jobNames.map((job) => `operator-${job}`)].sort(),
    );
    for (const fn of functions) {
      expect(fn.properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: 512,
        LoggingConfig: { LogGroup: expect.anything() as unknown },
      });
      expect(fn.properties.Environment.Variables).toMatchObject({
        PORTAL_RUNTIME: 'aws',
        POWERTOOLS_METRICS_NAMESPACE: 'SrsPortal',
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
      });
      expect(fn.role.Path).toBe('/srs-portal/dev/');
    }
    const logGroups = resourcesOf(template, 'AWS::Logs::LogGroup');
    expect(logGroups).toHaveLength(functions.length + documentEventFunctions.length);
    for (const [, logGroup] of logGroups)
      expect(logGroup.RetentionInDays).toBe(stageSettings('dev').logRetentionDays);
  });

  it('lets each admin function use the data key through DynamoDB and Secrets Manager only, read the keys secret, and send to its own dead-letter queue', () => {
    for (const fn of adminFunctions()) {
      const dataKey = fn.statements.filter((s) => refersTo(s.resources, 'DataKey'));
      expect(dataKey).toHaveLength(1);
      expect(dataKey[0]!.Condition?.StringEquals?.['kms:ViaService']).toEqual([
        expect.stringMatching(/^dynamodb\./),
        expect.stringMatching(/^secretsmanager\./),
      ]);
      expect(
        fn.statements.filter((s) => refersTo(s.resources, 'KeysSecret')).flatMap((s) => s.actions),
      ).toEqual(['secretsmanager:GetSecretValue']);
      const sends = fn.statements.filter((s) => s.actions.includes('sqs:SendMessage'));
      // The operators' look-ups are invoked synchronously by the admin CLI, which sees any failure: no queue.
      expect(sends).toHaveLength(fn.name === 'operator-queries' ? 0 : 1);
      if (sends[0]) expect(JSON.stringify(sends[0].resources)).toMatch(/DeadLetters/);
      expect(fn.statements.flatMap((s) => s.actions).filter((a) => a.endsWith('*'))).toEqual([]);
    }
  });

  it('gives each admin function only the table actions it uses, and never an update or delete of an audit entry', () => {
    const policies = Object.entries(template.findResources('AWS::IAM::Policy'));
    const statementsOf = (prefix: string) =>
      policies
        .filter(([id]) => id.startsWith(prefix))
        .flatMap(
          ([, p]) =>
            p.Properties.PolicyDocument.Statement as {
              Effect: string;
              Action: string | string[];
              Condition?: unknown;
            }[],
        );
    const tableActions = (prefix: string) =>
      statementsOf(prefix)
        .filter((s) => s.Effect === 'Allow')
        .flatMap((s) => [s.Action].flat())
        .filter((action) => action.startsWith('dynamodb:'))
        .sort();
    expect(tableActions('dailyReport')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Scan']);
    expect(tableActions('commands')).not.toContain('dynamodb:Scan');
    expect(tableActions('verificationDeadlines')).not.toContain('dynamodb:UpdateItem');
    for (const prefix of ['commands', 'purgeDeleted', 'activityScan', 'verificationDeadlines']) {
      expect(statementsOf(prefix)).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } },
        }),
      );
    }
    const publishers = policies
      .filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes('sns:Publish'))
      .map(([id]) => id.replace(/(Role|SmsPolicy).*/, ''));
    // The commands function publishes notice SMS only (2.2, 2.3): sms-policies.test.ts holds that it reaches no topic.
    expect(publishers.sort()).toEqual(['activityScan', 'commands', 'dailyReport']);
  });

  it('lets the operator query function read the table and the keys and write nothing but audit entries (2.6)', () => {
    const statements = Object.entries(template.findResources('AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith('queries'))
      .flatMap(
        ([, p]) =>
          p.Properties.PolicyDocument.Statement as {
            Effect: string;
            Action: string | string[];
            Condition?: unknown;
          }[],
      )
      .filter((s) => s.Effect === 'Allow');
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
    expect(statements.filter((s) => [s.Action].flat().includes('dynamodb:PutItem'))).toEqual([
      expect.objectContaining({
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } },
      }),
    ]);
    expect(actions).not.toContain('sns:Publish');
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'srs-portal-dev-operator-queries',
      Handler: 'index.handler',
    });
  });
});
