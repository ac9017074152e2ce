import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { routesMatching } from '../../contract/routes';

/** An API Gateway REST proxy event for a route of the table, as API Gateway would send it. */
export const apiEvent = (
  method: string,
  path: string,
  options: {
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    query?: Record<string, string>;
  } = {},
): APIGatewayProxyEvent => {
  // As API Gateway fills them: the route's pattern as `resource`, its `{name}` segments as path parameters.
  const match = routesMatching(path).find((candidate) => candidate.route.method === method);
  const body = options.rawBody ?? (options.body === undefined ? null : JSON.stringify(options.body));
  return {
    resource: match?.route.path ?? path,
    path,
    httpMethod: method,
    headers: { 'content-type': 'application/json', 'user-agent': 'jest', ...options.headers },
    multiValueHeaders: {},
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: null,
    pathParameters: match && Object.keys(match.params).length > 0 ? match.params : null,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      requestId: randomUUID(),
      httpMethod: method,
      path,
      resourcePath: match?.route.path ?? path,
      identity: { sourceIp: '203.0.113.7', userAgent: 'jest' },
    } as APIGatewayProxyEvent['requestContext'],
  } as APIGatewayProxyEvent;
};

export const lambdaContext = {
  awsRequestId: 'test',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

export const json = (response: APIGatewayProxyResult): Record<string, unknown> =>
  response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {};
