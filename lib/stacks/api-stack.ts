import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  JsonSchemaVersion,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
  type JsonSchema,
} from 'aws-cdk-lib/aws-apigateway';
import { z } from 'zod';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { EdgeFirewall } from './edge-firewall';
import { allRoutes, groupTableActions, routeGroups, usesIdempotency, type RouteGroup } from '../routes';
import type { StageSettings } from '../stage';
import { idempotencyTable, portalTable, type TableDefinition } from '../tables';

export interface ApiStackProps extends StackProps {
  readonly stage: StageSettings;
  readonly tables: ReadonlyMap<TableDefinition, TableV2>;
  readonly dataKey: IKey;
}

/** API Gateway models are JSON Schema draft 4: the input side of the route's zod schema. */
const jsonSchemaOf = (schema: z.ZodType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-4',
    io: 'input',
    unrepresentable: 'any',
  });
  return { schema: JsonSchemaVersion.DRAFT4, ...(rest as JsonSchema) };
};

const projectRoot = join(__dirname, '..', '..');

const retention = (days: number): RetentionDays =>
  days >= 365 ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH;

/** Actions the idempotency layer needs on its own table (Powertools DynamoDBPersistenceLayer). */
const idempotencyActions = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];

/**
 * The applicants' HTTP API: a REST API built from the route table, one Lambda function per route group (Node.js
 * 22 on arm64, bundled by esbuild on this machine), each allowed only the table actions its handlers use.
 */
export class ApiStack extends Stack {
  readonly api: RestApi;
  readonly functions: ReadonlyMap<RouteGroup, NodejsFunction>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const table = (definition: TableDefinition): TableV2 => props.tables.get(definition)!;

    this.functions = new Map(
      routeGroups.map((group) => [group, this.routeGroupFunction(group, props, table)]),
    );

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: retention(props.stage.logRetentionDays),
    });
    this.api = new RestApi(this, 'Api', {
      restApiName: `srs-portal-${props.stage.name}`,
      description: 'SRS Public Services Portal: applicant accounts API v1',
      cloudWatchRole: true,
      deployOptions: {
        stageName: props.stage.name,
        tracingEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        throttlingRateLimit: 200,
        throttlingBurstLimit: 400,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        // 2.4: ids, route and outcome only; no path values, bodies or headers that could carry personal data.
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            resource: '$context.resourcePath',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            responseLength: '$context.responseLength',
            requestTime: '$context.requestTime',
          }),
        ),
      },
    });
    // Unknown paths: a problem+json 404 as the local server answers, not API Gateway's 403 "Missing Authentication Token".
    this.api.addGatewayResponse('UnknownRoute', {
      type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
      statusCode: '404',
      responseHeaders: { 'Content-Type': "'application/problem+json'" },
      templates: {
        'application/json': JSON.stringify({
          type: 'https://portal.srs.kg/problems/not-found',
          title: 'Мындай дарек жок',
          status: 404,
          detail: 'Мындай дарек жок',
          code: 'not_found',
        }),
      },
    });

    // The edge refuses bodies that break the route's schema before any function runs (the same zod schemas).
    this.api.addGatewayResponse('InvalidBody', {
      type: ResponseType.BAD_REQUEST_BODY,
      statusCode: '400',
      responseHeaders: { 'Content-Type': "'application/problem+json'" },
      templates: {
        'application/json': JSON.stringify({
          type: 'https://portal.srs.kg/problems/validation-failed',
          title: 'Маалыматтар текшерүүдөн өткөн жок',
          status: 400,
          detail: '$context.error.validationErrorString',
          code: 'validation_failed',
        }),
      },
    });
    const requestValidator = this.api.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });

    new EdgeFirewall(this, 'Firewall', {
      api: this.api,
      requestsPerIp: 2_000,
      sensitiveRequestsPerIp: 300,
      // WAF needs at least two statements in an OR: the SMS-sending and password-checking prefixes.
      sensitivePaths: [
        '/v1/registrations',
        '/v1/sessions',
        '/v1/password-resets',
        '/v1/access-reports',
        '/v1/id-card',
      ],
    });

    for (const route of allRoutes) {
      const integration = new LambdaIntegration(this.functions.get(route.group)!);
      const resource = this.api.root.resourceForPath(route.path);
      resource.addMethod(route.method, integration, {
        operationName: route.operation,
        requestValidator,
        ...(route.body && {
          requestModels: {
            'application/json': this.api.addModel(`${route.operation}Model`, {
              contentType: 'application/json',
              modelName: `${route.operation}Body`,
              schema: jsonSchemaOf(route.body),
            }),
          },
        }),
      });
    }
  }

  private routeGroupFunction(
    group: RouteGroup,
    props: ApiStackProps,
    table: (definition: TableDefinition) => TableV2,
  ): NodejsFunction {
    const logGroup = new LogGroup(this, `${group}Logs`, {
      retention: retention(props.stage.logRetentionDays),
    });
    const role = new Role(this, `${group}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `SRS portal ${group} function: its own log group, tracing and the table actions it uses`,
      inlinePolicies: {
        logs: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [logGroup.logGroupArn],
            }),
          ],
        }),
      },
    });
    const fn = new NodejsFunction(this, `${group}Function`, {
      role,
      entry: join(projectRoot, 'functions', group, 'handler.ts'),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      environment: {
        PORTAL_RUNTIME: 'aws',
        POWERTOOLS_SERVICE_NAME: `srs-portal-${group}`,
        [portalTable.envVar]: table(portalTable).tableName,
        [idempotencyTable.envVar]: table(idempotencyTable).tableName,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        minify: true,
        sourceMap: true,
        target: 'node22',
        format: OutputFormat.CJS,
        externalModules: [],
      },
    });
    const actions = groupTableActions[group];
    if (actions.length > 0) {
      const portal = table(portalTable);
      role.addToPolicy(
        new PolicyStatement({
          actions: [...actions],
          resources: [
            portal.tableArn,
            ...portalTable.globalIndexes.map((i) => `${portal.tableArn}/index/${i.indexName}`),
          ],
        }),
      );
    }
    if (usesIdempotency(group)) {
      role.addToPolicy(
        new PolicyStatement({ actions: idempotencyActions, resources: [table(idempotencyTable).tableArn] }),
      );
    }
    if (actions.length > 0 || usesIdempotency(group)) {
      role.addToPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
          resources: [props.dataKey.keyArn],
        }),
      );
    }
    return fn;
  }
}
