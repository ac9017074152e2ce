import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { findRoute } from '../contract/routes';

export interface CallOptions {
  readonly body?: unknown;
  readonly token?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  /** Every bench call comes from its own address unless one is given: per-IP limits stay as they are. */
  readonly sourceIp?: string;
  /** The values of the route's `{name}` segments, as API Gateway passes them. */
  readonly params?: Readonly<Record<string, string>>;
}

let addressSerial = 0;

/** A source address no earlier call used (10.0.0.0/8: 16 million of them). */
export const freshSourceIp = (): string => {
  addressSerial += 1;
  const n = addressSerial;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

const userAgent = 'srs-portal-bench';

/**
 * An API Gateway REST proxy event for a route of the route table (`resource`, its `{name}` segments filled from
 * `options.params`), as API Gateway sends it to Lambda.
 */
export const apiEvent = (
  method: string,
  resource: string,
  options: CallOptions = {},
): APIGatewayProxyEvent => {
  const route = findRoute(method, resource);
  if (!route) throw new Error(`the route table has no ${method} ${resource}`);
  const sourceIp = options.sourceIp ?? freshSourceIp();
  const path = Object.entries(options.params ?? {}).reduce(
    (filled, [name, value]) => filled.replace(`{${name}}`, encodeURIComponent(value)),
    resource,
  );
  return {
    resource: route.path,
    path,
    httpMethod: method,
    headers: {
      'content-type': 'application/json',
      'user-agent': userAgent,
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    multiValueHeaders: {},
    queryStringParameters: options.query ? { ...options.query } : null,
    multiValueQueryStringParameters: null,
    pathParameters: options.params ? { ...options.params } : null,
    stageVariables: null,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    isBase64Encoded: false,
    requestContext: {
      requestId: randomUUID(),
      httpMethod: method,
      path,
      resourcePath: route.path,
      identity: { sourceIp, userAgent },
    } as APIGatewayProxyEvent['requestContext'],
  } as APIGatewayProxyEvent;
};

/** The Lambda context the handlers read (the idempotency layer asks for the remaining time). */
export const lambdaContext = (functionName: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:eu-central-1:000000000000:function:${functionName}`,
  memoryLimitInMB: '256',
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
