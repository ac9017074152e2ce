import { Aws, CfnOutput, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  BasePathMapping,
  DomainName,
  EndpointType,
  JsonSchemaVersion,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
  SecurityPolicy,
  type JsonSchema,
  type MethodDeploymentOptions,
} from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { FilterPattern, LogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { z } from 'zod';
import { metricsNamespace } from '../../functions/adapters/metrics/portal-metrics';
import { PortalFunction, type PortalData, type PortalMessaging } from '../constructs/portal-function';
import { problemContentType } from '../../functions/commons/http/problem';
import { maxBodyBytes } from '../../functions/commons/http/request';
import { problems, type ProblemCode } from '../../contract/problems';
import { securityHeaderValues } from '../../functions/commons/http/middleware/security-headers';
import { edgeLanguage, edgeProblem } from '../edge-problems';
import { acknowledged } from '../nag-suppressions';
import { methodRequestParameters } from '../query-parameters';
import { EdgeFirewall, type ViewerIpForwarding } from './edge-firewall';
import { allRoutes, routeGroups, type RouteGroup } from '../../contract/routes';
import { groupTableActions, isGuardedRoute, needsOf, usesIdempotency } from '../route-permissions';
import type { DeploymentOptions, StageSettings } from '../stage';
import { viewerIp } from '../../contract/viewer-ip';
import { originVerifySecretName } from '../viewer-ip';
import { apiHostParameterName } from '../stage-names';

export interface ApiStackProps extends StackProps {
  readonly stage: StageSettings;
  readonly data: PortalData;
  readonly messaging: PortalMessaging;
  readonly options: DeploymentOptions;
  /**
   * CloudFront (the web stack) sends /v1/* here and forwards the viewer's IP (lib/viewer-ip.ts): the stack creates
   * the origin secret, the WAF trusts the viewer-IP header only with it, and the functions read the applicant's IP
   * from it. Off, the header is refused by nothing and trusted by nobody: source IPs count.
   */
  readonly frontedByCloudFront?: boolean;
}

/** API Gateway models are JSON Schema draft 4: the input side of the route's zod schema. */
const jsonSchemaOf = (schema: z.core.$ZodType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-4',
    io: 'input',
    unrepresentable: 'any',
  });
  return { schema: JsonSchemaVersion.DRAFT4, ...(rest as JsonSchema) };
};

/** Headers browsers may send to the API: JSON bodies, sessions (2.1), retries (3.4) and language. */
const corsRequestHeaders = ['Content-Type', 'Authorization', 'Idempotency-Key', 'Accept-Language'];
/** Headers browser code may read: the request id of every response and the wait of a 423/429/503. */
const corsExposedHeaders = ['x-request-id', 'Retry-After'];

/**
 * The problem API Gateway answers for each of its response types, every type AWS documents: the status is the
 * catalogue's, so status and body agree. Types this API cannot meet (API keys, authorizers, signatures) are here too,
 * so that no answer of API Gateway's goes out without the request id; the two fallbacks catch types AWS adds later.
 */
const gatewayProblems: readonly (readonly [ResponseType, ProblemCode])[] = [
  // An unknown route: 404, not API Gateway's 403 "Missing Authentication Token".
  [ResponseType.MISSING_AUTHENTICATION_TOKEN, 'not_found'],
  [ResponseType.RESOURCE_NOT_FOUND, 'not_found'],
  [ResponseType.BAD_REQUEST_BODY, 'validation_failed'],
  [ResponseType.BAD_REQUEST_PARAMETERS, 'validation_failed'],
  [ResponseType.REQUEST_TOO_LARGE, 'payload_too_large'],
  [ResponseType.UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type'],
  [ResponseType.THROTTLED, 'too_many_requests'],
  [ResponseType.QUOTA_EXCEEDED, 'too_many_requests'],
  [ResponseType.UNAUTHORIZED, 'unauthenticated'],
  // WAF's plain blocks (managed rule groups, a forged viewer-IP header); its custom responses replace this answer.
  [ResponseType.WAF_FILTERED, 'request_rejected'],
  [ResponseType.ACCESS_DENIED, 'request_rejected'],
  [ResponseType.EXPIRED_TOKEN, 'request_rejected'],
  [ResponseType.INVALID_API_KEY, 'request_rejected'],
  [ResponseType.INVALID_SIGNATURE, 'request_rejected'],
  [ResponseType.INTEGRATION_FAILURE, 'service_unavailable'],
  [ResponseType.INTEGRATION_TIMEOUT, 'service_unavailable'],
  [ResponseType.API_CONFIGURATION_ERROR, 'internal_error'],
  [ResponseType.AUTHORIZER_CONFIGURATION_ERROR, 'internal_error'],
  [ResponseType.AUTHORIZER_FAILURE, 'internal_error'],
  [ResponseType.DEFAULT_4XX, 'request_rejected'],
  [ResponseType.DEFAULT_5XX, 'internal_error'],
];

/**
 * Construct ids of the gateway responses deployed before this table: kept, because CloudFormation would create the
 * renamed resource first and then delete the old one, which resets that response type to AWS's default.
 */
const deployedGatewayResponseIds: Readonly<Record<string, string>> = {
  MISSING_AUTHENTICATION_TOKEN: 'UnknownRoute',
  BAD_REQUEST_BODY: 'InvalidBody',
  BAD_REQUEST_PARAMETERS: 'MissingParameters',
  THROTTLED: 'Throttled',
};

const pascalCase = (name: string): string =>
  name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/** Every gateway response: its construct id, type and problem; a fallback keeps each type's own status. */
export const gatewayAnswers = gatewayProblems.map(([type, code]) => ({
  id: deployedGatewayResponseIds[type.responseType] ?? pascalCase(type.responseType),
  type,
  code,
  fallback: type === ResponseType.DEFAULT_4XX || type === ResponseType.DEFAULT_5XX,
}));

/**
 * The functions' security headers (never cached, never sniffed, HTTPS only), as static gateway response values:
 * quoted, so a value that holds a quote itself (the CSP's 'none') is left out; a problem body is never rendered.
 */
const edgeSecurityHeaders = Object.fromEntries(
  Object.entries(securityHeaderValues)
    .filter(([, value]) => !value.includes("'"))
    .map(([name, value]) => [name, `'${value}'`]),
);

/** Seconds to wait after an edge answer that says "later": the stage's throttling refills every second. */
const gatewayRetryAfterSeconds: Partial<Record<ProblemCode, number>> = {
  too_many_requests: 1,
  service_unavailable: 5,
};

/** The stage's method options key: the resource path and the method, e.g. `/v1/sessions/POST`. */
const methodKey = (path: string, method: string) => `${path}/${method}`;

/**
 * The applicants' HTTP API: a REST API built from the route table, one Lambda function per route group (each
 * with only the needs its group declares in lib/route-permissions.ts), request bodies validated against the routes' zod
 * schemas and required query parameters checked, WAF and throttling at the edge (stricter on guarded routes; the
 * applicant's IP behind CloudFront), JSON access logs without personal data, CORS only for configured origins, and
 * an optional custom domain with TLS 1.2 or later.
 */
export class ApiStack extends Stack {
  readonly api: RestApi;
  readonly functions: ReadonlyMap<RouteGroup, PortalFunction>;
  readonly firewall: EdgeFirewall;
  readonly stageName: string;
  /** Requests the stage's throttling refused (429), from the access log. */
  readonly throttledRequests: Metric;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { stage, options } = props;
    this.stageName = stage.name;
    this.functions = new Map(routeGroups.map((group) => [group, this.routeGroupFunction(group, props)]));

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: stage.logRetentionDays,
      removalPolicy: stage.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // API Gateway counts no metric of the requests its throttling refuses: the access log names them.
    this.throttledRequests = new MetricFilter(this, 'ThrottledRequests', {
      logGroup: accessLogs,
      filterPattern: FilterPattern.stringValue('$.errorType', '=', 'THROTTLED'),
      metricNamespace: metricsNamespace,
      metricName: 'StageThrottled',
      metricValue: '1',
      defaultValue: 0,
    }).metric({ statistic: 'Sum' });
    const guarded = allRoutes.filter(isGuardedRoute);
    const guardedThrottling: Record<string, MethodDeploymentOptions> = Object.fromEntries(
      guarded.map((route) => [
        methodKey(route.path, route.method),
        {
          throttlingRateLimit: stage.limits.guardedMethodRate,
          throttlingBurstLimit: stage.limits.guardedMethodBurst,
          // Said again: a method's own settings need not inherit the stage's metrics and logging.
          metricsEnabled: true,
          loggingLevel: MethodLoggingLevel.ERROR,
          dataTraceEnabled: false,
        },
      ]),
    );
    this.api = new RestApi(this, 'Api', {
      restApiName: `srs-portal-${stage.name}`,
      description: 'SRS Public Services Portal: applicant accounts API v1',
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: true,
      ...(options.allowedOrigins.length > 0 && {
        defaultCorsPreflightOptions: {
          allowOrigins: [...options.allowedOrigins],
          allowMethods: [...new Set(allRoutes.map((route) => route.method))],
          allowHeaders: corsRequestHeaders,
          exposeHeaders: corsExposedHeaders,
          allowCredentials: false,
        },
      }),
      deployOptions: {
        stageName: stage.name,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        throttlingRateLimit: stage.limits.stageRate,
        throttlingBurstLimit: stage.limits.stageBurst,
        methodOptions: guardedThrottling,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        // 2.4: ids, route and outcome only; no path values, bodies or headers that could carry personal data.
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            resource: '$context.resourcePath',
            status: '$context.status',
            errorType: '$context.error.responseType',
            wafStatus: '$context.waf.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            responseLength: '$context.responseLength',
            requestTime: '$context.requestTime',
          }),
        ),
      },
    });
    Validations.of(this.api).acknowledge(...acknowledged.sessionAuthorization);
    // The web stack's CloudFront origin reads the host by this name at its own deployment, not by an export.
    new StringParameter(this, 'ApiHost', {
      parameterName: apiHostParameterName(stage),
      description: `SRS portal ${stage.name}: the API's execute-api host, CloudFront's origin for /v1/*`,
      stringValue: `${this.api.restApiId}.execute-api.${this.region}.${Aws.URL_SUFFIX}`,
    });
    const loggingRole = this.api.node.tryFindChild('CloudWatchRole');
    if (loggingRole) Validations.of(loggingRole).acknowledge(...acknowledged.apiGatewayLoggingRole);
    this.edgeResponses(options);

    const requestValidator = this.api.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    for (const route of allRoutes) {
      const integration = new LambdaIntegration(this.functions.get(route.group)!.function);
      this.api.root.resourceForPath(route.path).addMethod(route.method, integration, {
        operationName: route.operation,
        requestValidator,
        // The query string's names, required where the schema says so, and the path's: the validator refuses a
        // missing one.
        ...((route.query || route.params) && { requestParameters: methodRequestParameters(route) }),
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

    this.firewall = new EdgeFirewall(this, 'Firewall', {
      api: this.api,
      metricName: `srs-portal-${stage.name}-api`,
      requestsPerIp: stage.limits.requestsPerIp,
      guardedRequestsPerIp: stage.limits.guardedRequestsPerIp,
      guardedRoutes: guarded,
      maxBodyBytes,
      viewerIp: props.frontedByCloudFront ? this.viewerIpForwarding(stage) : undefined,
    });

    if (options.customDomain) {
      const domain = new DomainName(this, 'Domain', {
        domainName: options.customDomain.domainName,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', options.customDomain.certificateArn),
        endpointType: EndpointType.REGIONAL,
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
      new BasePathMapping(this, 'DomainMapping', { domainName: domain, restApi: this.api });
      new CfnOutput(this, 'DomainTarget', {
        description: `Point ${options.customDomain.domainName} (CNAME or alias) here`,
        value: domain.domainNameAliasDomainName,
      });
    }
  }

  /**
   * The secret CloudFront sends in its origin header, generated by Secrets Manager under a fixed, stage-scoped
   * name: the web stack reads it by that name, the WAF here by reference; both resolve it at deployment, so
   * neither template holds it.
   */
  private viewerIpForwarding(stage: StageSettings): ViewerIpForwarding {
    const secret = new Secret(this, 'OriginVerifySecret', {
      secretName: originVerifySecretName(stage.name),
      description: `SRS portal ${stage.name}: CloudFront sends it in ${viewerIp.originVerifyHeader}, so that the API's WAF trusts the ${viewerIp.header} it forwards`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(secret).acknowledge(...acknowledged.originVerifyNotRotated);
    return {
      header: viewerIp.header,
      originVerifyHeader: viewerIp.originVerifyHeader,
      originVerifySecret: secret.secretValue.unsafeUnwrap(),
    };
  }

  private routeGroupFunction(group: RouteGroup, props: ApiStackProps): PortalFunction {
    const needs = needsOf(group);
    const concurrency = props.stage.reservedConcurrency;
    return new PortalFunction(this, group, {
      stage: props.stage,
      data: props.data,
      messaging: props.messaging,
      name: group,
      entry: `functions/${group}/handler.ts`,
      invokedBy: 'api',
      needs: { ...needs, tableActions: groupTableActions[group], idempotency: usesIdempotency(group) },
      reservedConcurrentExecutions:
        concurrency && (needs.hashesPasswords ? concurrency.passwordHashing : concurrency.other),
      idCard: props.options.idCard,
      portalOrigin: props.options.portalOrigin,
      allowedOrigins: props.options.allowedOrigins,
      // Behind CloudFront the WAF vouches for the viewer-IP header (lib/viewer-ip.ts); not a secret.
      ...(props.frontedByCloudFront && { environment: { [viewerIp.envVar]: viewerIp.header } }),
    });
  }

  /**
   * What API Gateway answers itself, before any function runs: every response type AWS documents, as the
   * catalogue's problem+json with the request id (see gatewayAnswers and edgeLanguage).
   */
  private edgeResponses(options: DeploymentOptions): void {
    // A browser reads an edge refusal only with CORS headers; a static header can name one origin only.
    const cors: Record<string, string> =
      options.allowedOrigins.length === 1
        ? {
            'Access-Control-Allow-Origin': `'${options.allowedOrigins[0]}'`,
            'Access-Control-Expose-Headers': `'${corsExposedHeaders.join(',')}'`,
          }
        : {};
    for (const { id, type, code, fallback } of gatewayAnswers) {
      const retryAfter = gatewayRetryAfterSeconds[code];
      this.api.addGatewayResponse(id, {
        type,
        // A fallback keeps the status of the type that falls back to it (AWS: setting one would set them all).
        ...(!fallback && { statusCode: String(problems[code].status) }),
        responseHeaders: {
          'Content-Type': `'${problemContentType}'`,
          'Content-Language': `'${edgeLanguage}'`,
          // API Gateway's request id: the one the functions answer in x-request-id (requestContext.requestId).
          'x-request-id': 'context.requestId',
          ...(retryAfter !== undefined && { 'Retry-After': `'${retryAfter}'` }),
          ...edgeSecurityHeaders,
          ...cors,
        },
        templates: { 'application/json': edgeProblem(code) },
      });
    }
  }
}
