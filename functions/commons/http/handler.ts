import middy from '@middy/core';
import { onceUntilFailure } from '../once';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { findRouteIn, type RouteAccess, type RouteDefinition } from '../../../contract/route-definition';
import type { BodyOf, ParamsOf, QueryOf } from '../../../contract/routes';
import type { Authenticated } from '../../domain/accounts/account';
import { DomainError, StoreUnavailable, Unauthenticated } from '../../domain/errors';
import type { FlushablePortalMetrics } from '../../adapters/metrics/portal-metrics';
import { countingCalls } from '../../adapters/service-calls';
import { log } from '../log';
import { errorKind, logEvents } from '../log-events';
import type { IdempotentRunner } from './idempotency';
import { config } from '../config';
import { cors } from './middleware/cors';
import { flushMetrics } from './middleware/flush-metrics';
import { problemResponses } from './middleware/problem-responses';
import { requestId } from './middleware/request-id';
import { securityHeaders } from './middleware/security-headers';
import { bearerToken, lowerCaseHeaders, parseRequest } from './request';
import type { HttpResult, Operation, PortalRequest } from './types';

type AuthOf<R> = R extends { access: 'public' } ? undefined : Authenticated;

/** The operations of one route group, typed by its routes: each gets its route's validated body, query and session. */
export type GroupOperations<T extends readonly RouteDefinition[]> = {
  [R in T[number] as R['operation']]: Operation<BodyOf<R>, QueryOf<R>, AuthOf<R>, ParamsOf<R>>;
};

export interface HandlerOptions {
  /** Finds and checks the live session of a request to a route that needs one. */
  readonly authenticate?: (
    request: PortalRequest,
    access: Exclude<RouteAccess, 'public'>,
  ) => Promise<Authenticated>;
  /** Replays answers to retried state-changing requests (3.4). */
  readonly idempotency?: IdempotentRunner;
  /** Business metrics to write when each invocation ends, and each request's store calls. */
  readonly metrics?: Pick<FlushablePortalMetrics, 'flush' | 'storeCalls'>;
}

export const toApiGatewayResult = (result: HttpResult): APIGatewayProxyResult => ({
  statusCode: result.status,
  headers: {
    ...(result.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...result.headers,
  },
  body: result.body === undefined ? '' : JSON.stringify(result.body),
});

export type PortalHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * Writes the one line of each request, so that a slow one can be explained without a tracer: its route (the
 * operation), status, time and the number and time of its DynamoDB, SNS and Secrets Manager calls; ids, numbers
 * and outcomes only (2.4). The store calls also go to the route's `StoreCalls` and `StoreCallTime` metrics.
 */
const servedWithCalls =
  (
    handle: PortalHandler,
    groupRoutes: readonly RouteDefinition[],
    metrics: HandlerOptions['metrics'],
  ): PortalHandler =>
  (event, context) =>
    countingCalls(async (calls) => {
      const result = await handle(event, context);
      const route = findRouteIn(groupRoutes, event.httpMethod, event.resource)?.operation;
      if (route !== undefined) metrics?.storeCalls(route, calls.of('dynamodb'));
      log.info(logEvents.requestServed, {
        requestId: event.requestContext.requestId,
        route,
        status: result.statusCode,
        ...calls.logAttributes(),
      });
      return result;
    });

/**
 * The Lambda handler of one route group: finds the route of the event in the route table, parses and validates
 * the request, checks the session where the route needs one, calls the route's operation (idempotently where the
 * route changes state) and maps its result; request id, security headers and problem responses are middlewares.
 */
export const httpHandler = <const T extends readonly RouteDefinition[]>(
  groupRoutes: T,
  operations: NoInfer<GroupOperations<T>>,
  options: HandlerOptions = {},
): PortalHandler =>
  servedWithCalls(
    middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
      .use(options.metrics ? [flushMetrics(options.metrics)] : [])
      .use(cors(config().allowedOrigins))
      .use(requestId())
      .use(securityHeaders())
      .use(problemResponses())
      .handler(async (event, context) => {
        const route = findRouteIn(groupRoutes, event.httpMethod, event.resource);
        if (route === undefined) throw new DomainError('not_found');
        const operation = operations[route.operation as keyof GroupOperations<T>] as Operation<
          unknown,
          unknown,
          unknown,
          unknown
        >;
        // A request that brings no credential at all is refused before its input is read: 401, not 400.
        if (
          route.access !== 'public' &&
          bearerToken(lowerCaseHeaders(event.headers).authorization) === undefined
        )
          throw new Unauthenticated();
        const parsed = parseRequest(route, event);
        const { authenticate } = options;
        if (route.access !== 'public' && !authenticate)
          throw new Error(`route ${route.path} needs a session but its handler cannot authenticate`);
        // The session is checked inside the idempotent call: a retry of a request that ended its own session (an
        // access report, 2.7) replays its answer to the same credential instead of answering 401.
        const execute = async () =>
          operation(
            route.access === 'public' || !authenticate
              ? parsed
              : { ...parsed, auth: await authenticate(parsed, route.access) },
          );
        const result =
          route.idempotent && options.idempotency
            ? await options.idempotency(`${route.method} ${route.path}`, parsed, context, execute)
            : await execute();
        return toApiGatewayResult(result);
      }) as PortalHandler,
    groupRoutes,
    options.metrics,
  );

/**
 * A handler whose dependencies load asynchronously (keys from Secrets Manager): the first invocation loads them,
 * every later one reuses them; a failed load is retried by the next invocation. Importing the module has no
 * side effects, so tests can import `createHandler` alone. The load's calls count on the request's line.
 */
export const lazyHandler = (load: () => Promise<PortalHandler>): PortalHandler => {
  const ready = onceUntilFailure(load);
  return (event, context) =>
    countingCalls(async () => {
      const handler = await ready().catch((error: unknown) => {
        log.error(logEvents.dependenciesUnavailable, errorKind(error));
        return unavailable;
      });
      return handler(event, context);
    });
};

/** Answers 503 with Retry-After, through the same middlewares, while dependencies cannot load. */
const unavailable: PortalHandler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
  .use(requestId())
  .use(securityHeaders())
  .use(problemResponses())
  .handler(async () => {
    throw new StoreUnavailable(undefined);
  }) as PortalHandler;
