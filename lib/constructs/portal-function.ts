import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, Policy, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing, type IDestination } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { metricsNamespace } from '../../functions/adapters/metrics/portal-metrics';
import { documentObjectsArn } from './documents-bucket';
import { lambdaBundling } from '../bundling';
import { acknowledged } from '../nag-suppressions';
import type { GroupNeeds } from '../route-permissions';
import type { StageSettings } from '../stage';
import { idempotencyTable, portalTable, type TableDefinition } from '../../contract/tables';
import { keyUseActions } from './portal-key';
import { portalRolePath } from './portal-roles';
import { portalFunctionName } from '../stage-names';

/** What the data stack shares: the tables, their key, and the secret the HMAC and encryption keys derive from. */
export interface PortalData {
  readonly dataKey: IKey;
  readonly tables: ReadonlyMap<TableDefinition, ITableV2>;
  readonly keysSecret: ISecret;
  /** 2.3: the verification documents' bucket and its key. */
  readonly documents?: { readonly bucketName: string; readonly key: IKey };
}

/** What the messaging stack shares: the operators' topic and the SMS sender id. */
export interface PortalMessaging {
  readonly operatorsTopic: ITopic;
  readonly messagingKey: IKey;
  readonly smsSenderId: string;
}

/** A function's needs: its route group's (or operator job's), and the table actions its handlers use. */
export interface FunctionNeeds extends GroupNeeds {
  /** Actions on the portal table; audit entries stay append-only whatever is listed (2.6). */
  readonly tableActions?: readonly string[];
  /** Uses the idempotency table (3.4). */
  readonly idempotency?: boolean;
  /** S3 actions on the verification documents' objects (2.3), beyond an upload group's `s3:PutObject`. */
  readonly documentActions?: readonly string[];
}

/**
 * Memory from measurement: scrypt at N=2^17, r=8 takes 128 MiB per hash and ~0.3 s of one vCPU (0.28 s measured
 * with node:crypto); Lambda gives one full vCPU at 1769 MB, so a login is not slowed by a CPU share.
 */
export const passwordHashingMemoryMb = 1769;
/** Everything else is I/O bound: DynamoDB, SNS and JSON. */
export const defaultMemoryMb = 256;
/** Under API Gateway's 29 s integration timeout, with room for a cold start, the keys secret and a retry. */
export const apiFunctionTimeout = Duration.seconds(10);

/** The trusted ID-card CAs in the bundle, which Lambda unpacks in /var/task (`PORTAL_ID_CARD_CA`). */
const bundledIdCardCa = 'id-card-ca.pem';

export interface PortalFunctionProps {
  readonly stage: StageSettings;
  readonly data: PortalData;
  readonly messaging: PortalMessaging;
  /** Names the Powertools service (`srs-portal-<name>`), and describes the role and log group. */
  readonly name: string;
  /** The handler module (its export `handler`), e.g. `functions/sessions/handler.ts` from the project root. */
  readonly entry: string;
  readonly needs: FunctionNeeds;
  /**
   * `api`: API Gateway waits for the answer, so failures are HTTP responses. `events`: EventBridge invokes it
   * asynchronously, so it needs a `deadLetterQueue` or `onFailure` (cdk-nag Serverless checks it).
   */
  readonly invokedBy: 'api' | 'events';
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** @default 1769 MB for password hashing, else 256 MB */
  readonly memorySize?: number;
  readonly reservedConcurrentExecutions?: number;
  /** Configuration that is not a secret (ids, ARNs, URLs); secrets come from the keys secret only. */
  readonly environment?: Readonly<Record<string, string>>;
  /** For functions that verify ID cards (2.1). */
  readonly idCard?: { readonly caFile?: string; readonly ocspUrl?: string };
  /** The portal origin ID-card challenges are signed for (`PORTAL_ORIGIN`). */
  readonly portalOrigin?: string;
  /** Origins whose pages may call the API (`PORTAL_ALLOWED_ORIGINS`): the handlers echo CORS to them only. */
  readonly allowedOrigins?: readonly string[];
  /** The handler's export in the entry module. @default 'handler' */
  readonly handler?: string;
  /** Asynchronous invocations (EventBridge): where failed events go, retries, age, and what follows success. */
  readonly deadLetterQueue?: IQueue;
  readonly onFailure?: IDestination;
  readonly onSuccess?: IDestination;
  readonly retryAttempts?: number;
  readonly maxEventAge?: Duration;
}

const projectRoot = join(__dirname, '..', '..');

/**
 * One portal Lambda function with only what it needs: Node.js 24 on arm64, bundled by esbuild on this machine,
 * X-Ray active tracing, Powertools metrics in the SrsPortal namespace, its own log group with the stage's
 * retention, and its own role (under the stage's IAM path) allowed exactly the needs it declares:
 * - the table actions listed, on the portal table and its indexes, and never UpdateItem, DeleteItem or
 *   BatchWriteItem on an audit partition (2.6: an explicit Deny that no Allow overrides);
 * - the idempotency table (3.4); the keys secret, GetSecretValue only (2.4);
 * - SMS to phone numbers in the stage's region only (2.5), and publishing to the operators' topic only if it
 *   alerts operators (2.7) — an SMS sender is denied every other topic explicitly.
 * The operations stack builds its functions with it too.
 */
export class PortalFunction extends Construct {
  readonly function: NodejsFunction;
  /** `srs-portal-<stage>-<name>`: other stacks name the function by it (monitoring), never by an export. */
  readonly functionName: string;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PortalFunctionProps) {
    super(scope, id);
    const { stage, data, messaging, needs } = props;
    const tableActions = needs.tableActions ?? [];
    const usesTables = tableActions.length > 0 || needs.idempotency === true;
    this.functionName = portalFunctionName(stage, props.name);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: stage.logRetentionDays,
      removalPolicy: stage.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      path: portalRolePath(stage),
      description: `SRS portal ${stage.name} ${props.name} function: only the actions its handlers use`,
      inlinePolicies: {
        logs: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [this.logGroup.logGroupArn],
            }),
          ],
        }),
      },
    });

    const idCardCa = needs.verifiesIdCards ? props.idCard?.caFile : undefined;
    this.function = new NodejsFunction(this, 'Function', {
      functionName: this.functionName,
      role: this.role,
      description: `SRS portal ${stage.name}: ${props.name}`,
      entry: join(projectRoot, props.entry),
      handler: props.handler ?? 'handler',
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? (needs.hashesPasswords ? passwordHashingMemoryMb : defaultMemoryMb),
      timeout: props.timeout ?? apiFunctionTimeout,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      deadLetterQueue: props.deadLetterQueue,
      onFailure: props.onFailure,
      onSuccess: props.onSuccess,
      retryAttempts: props.retryAttempts,
      maxEventAge: props.maxEventAge,
      environment: {
        PORTAL_RUNTIME: 'aws',
        POWERTOOLS_SERVICE_NAME: `srs-portal-${props.name}`,
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // 2.4: events carry passwords and codes: they never go to the logs.
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        // Read by every function's configuration, so it is valid everywhere (SNS: 1-11 letters and digits).
        PORTAL_SMS_SENDER_ID: messaging.smsSenderId,
        NODE_OPTIONS: '--enable-source-maps',
        ...(tableActions.length > 0 && { [portalTable.envVar]: this.table(portalTable, data).tableName }),
        ...(needs.idempotency && { [idempotencyTable.envVar]: this.table(idempotencyTable, data).tableName }),
        ...(needs.readsKeys && { PORTAL_KEYS_SECRET_ID: data.keysSecret.secretArn }),
        ...(needs.alertsOperators && { PORTAL_ALERTS_TOPIC_ARN: messaging.operatorsTopic.topicArn }),
        ...(props.portalOrigin && { PORTAL_ORIGIN: props.portalOrigin }),
        ...(props.allowedOrigins?.length && { PORTAL_ALLOWED_ORIGINS: props.allowedOrigins.join(',') }),
        ...(idCardCa && { PORTAL_ID_CARD_CA: `/var/task/${bundledIdCardCa}` }),
        ...(needs.verifiesIdCards && props.idCard?.ocspUrl && { PORTAL_ID_CARD_OCSP: props.idCard.ocspUrl }),
        ...props.environment,
      },
      bundling: {
        minify: lambdaBundling.minify,
        sourceMap: lambdaBundling.sourceMap,
        sourcesContent: lambdaBundling.sourcesContent,
        charset: Charset.UTF8,
        mainFields: [...lambdaBundling.mainFields],
        target: lambdaBundling.target,
        format: OutputFormat.CJS,
        externalModules: [...lambdaBundling.externalModules],
        // esbuild's --alias:<package>=<path>, one per entry (lib/bundling.ts).
        esbuildArgs: Object.fromEntries(
          Object.entries(lambdaBundling.alias).map(([from, to]) => [`--alias:${from}`, to]),
        ),
        ...(idCardCa && {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (_input: string, output: string) => [
              `cp ${JSON.stringify(idCardCa)} ${JSON.stringify(join(output, bundledIdCardCa))}`,
            ],
          },
        }),
      },
    });
    Validations.of(this.function).acknowledge(...acknowledged.nodeRuntime);
    if (props.invokedBy === 'api') {
      Validations.of(this.function).acknowledge(...acknowledged.synchronousFunction);
    }
    // Tracing.ACTIVE has put the X-Ray writes (Resource *) in the role's default policy.
    Validations.of(this.role.node.findChild('DefaultPolicy')).acknowledge(...acknowledged.xrayWrites);

    if (tableActions.length > 0) this.grantPortalTable(tableActions, data);
    if (needs.idempotency) {
      this.allow(
        ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        [this.table(idempotencyTable, data).tableArn],
      );
    }
    if (needs.readsKeys) this.allow(['secretsmanager:GetSecretValue'], [data.keysSecret.secretArn]);
    if (usesTables || needs.readsKeys) {
      this.allow(keyUseActions, [data.dataKey.keyArn], {
        StringEquals: {
          'kms:ViaService': [
            ...(usesTables ? [`dynamodb.${Stack.of(this).region}.amazonaws.com`] : []),
            ...(needs.readsKeys ? [`secretsmanager.${Stack.of(this).region}.amazonaws.com`] : []),
          ],
        },
      });
    }
    if (needs.alertsOperators) {
      this.allow(['sns:Publish'], [messaging.operatorsTopic.topicArn]);
      this.allow(['kms:GenerateDataKey', 'kms:Decrypt'], [messaging.messagingKey.keyArn], {
        StringEquals: { 'kms:ViaService': `sns.${Stack.of(this).region}.amazonaws.com` },
      });
    }
    if (needs.sendsSms) this.grantSms(messaging, needs.alertsOperators === true);
    const documentActions = [
      ...(needs.uploadsDocuments ? ['s3:PutObject'] : []),
      ...(needs.documentActions ?? []),
    ];
    if (documentActions.length > 0) this.grantDocuments(documentActions, data);
  }

  /** 2.3: the documents' objects (never the bucket's other keys), and their key through S3 only. */
  private grantDocuments(actions: readonly string[], data: PortalData): void {
    if (!data.documents) throw new Error('The data stack has no documents bucket');
    const { bucketName, key } = data.documents;
    this.function.addEnvironment('PORTAL_DOCUMENTS_BUCKET', bucketName);
    this.allow(actions, [documentObjectsArn(bucketName)]);
    this.allow(['kms:GenerateDataKey', 'kms:Decrypt'], [key.keyArn], {
      StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` },
    });
    Validations.of(this.role.node.findChild('DefaultPolicy')).acknowledge(...acknowledged.documentObjects);
  }

  private table(definition: TableDefinition, data: PortalData): ITableV2 {
    const table = data.tables.get(definition);
    if (!table) throw new Error(`The data stack has no ${definition.id} table`);
    return table;
  }

  private allow(actions: readonly string[], resources: string[], conditions?: Record<string, unknown>): void {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: [...actions], resources, conditions }));
  }

  private grantPortalTable(actions: readonly string[], data: PortalData): void {
    const table = this.table(portalTable, data);
    const resources = [
      table.tableArn,
      ...portalTable.globalIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
    ];
    this.allow(actions, resources);
    // 2.6: the audit log is append-only for every function, whatever it is allowed elsewhere in the table.
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'AuditEntriesAreAppendOnly',
        effect: Effect.DENY,
        actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
        resources: [table.tableArn],
        conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [`${keys.auditPartition('')}*`] } },
      }),
    );
  }

  /**
   * 2.5: SMS straight to phone numbers, and to no topic but the operators' when the function alerts them. SNS
   * names no resource for a phone number, so the Allow names everything that is not an SNS ARN (`NotResource`:
   * topics and push endpoints excluded), held to the stage's region, whose SMS spend limit applies. An explicit
   * Deny then refuses every topic the function does not need, whatever is granted to the role later: all SNS ARNs,
   * or for an alerting function every resource but the operators' topic that has an owning account (a phone
   * number has none, so SMS stays allowed).
   */
  private grantSms(messaging: PortalMessaging, alertsOperators: boolean): void {
    const anySnsArn = `arn:${Aws.PARTITION}:sns:*:*:*`;
    const otherTopics = alertsOperators
      ? new PolicyStatement({
          sid: 'NoTopicButOperators',
          effect: Effect.DENY,
          actions: ['sns:Publish'],
          notResources: [messaging.operatorsTopic.topicArn],
          conditions: { Null: { 'aws:ResourceAccount': 'false' } },
        })
      : new PolicyStatement({
          sid: 'NoTopics',
          effect: Effect.DENY,
          actions: ['sns:Publish'],
          resources: [anySnsArn],
        });
    const statements = [
      new PolicyStatement({
        sid: 'SmsToPhoneNumbers',
        actions: ['sns:Publish'],
        notResources: [anySnsArn],
        conditions: { StringEquals: { 'aws:RequestedRegion': Stack.of(this).region } },
      }),
      otherTopics,
    ];
    const policy = new Policy(this, 'SmsPolicy', { statements });
    policy.attachToRole(this.role);
    this.function.node.addDependency(policy);
  }
}
