import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { findRoute, type BodyOf, type QueryOf, type RouteGroup, type RoutesOf } from '../../../lib/routes';
import { DomainError } from '../../domain/errors';
import { problemResponses } from './middleware/problem-responses';
import { requestId } from './middleware/request-id';
import { securityHeaders } from './middleware/security-headers';
import { parseRequest } from './request';
import type { HttpResult, Operation } from './types';

/** The operations of one route group, typed by the route table: each gets its route's validated body and query. */
export type GroupOperations<G extends RouteGroup> = {
  [R in RoutesOf<G> as R['operation']]: Operation<BodyOf<R>, QueryOf<R>>;
};

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
 * The Lambda handler of one route group: finds the route of the event in the route table, parses and validates
 * the request, calls the route's operation and maps its result; request id, security headers and problem
 * responses are middlewares around it.
 */
export const httpHandler = <G extends RouteGroup>(
  group: G,
  operations: NoInfer<GroupOperations<G>>,
): PortalHandler =>
  middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(requestId())
    .use(securityHeaders())
    .use(problemResponses())
    .handler(async (event) => {
      const route = findRoute(event.httpMethod, event.resource);
      if (route === undefined || route.group !== group) throw new DomainError('not_found');
      const operation = operations[route.operation as keyof GroupOperations<G>] as Operation;
      return toApiGatewayResult(await operation(parseRequest(route, event)));
    }) as PortalHandler;
