import type { APIGatewayProxyEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const isUtf8 = (bytes: Buffer): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

const singleValued = (multi: Record<string, string[]>): Record<string, string> | null => {
  const entries = Object.entries(multi);
  return entries.length === 0
    ? null
    : Object.fromEntries(entries.map(([name, values]) => [name, values.at(-1)!]));
};

/**
 * The API Gateway REST proxy event that API Gateway would build for this request: the local server calls the
 * Lambda handlers with exactly this shape.
 */
export const toApiGatewayEvent = (
  request: IncomingMessage,
  body: Buffer,
  match: { resource: string; pathParameters: Record<string, string> },
): APIGatewayProxyEvent => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!;
    (multiValueHeaders[name] ??= []).push(request.rawHeaders[i + 1]!);
  }
  const multiValueQuery: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (multiValueQuery[name] ??= []).push(value);
  const utf8 = isUtf8(body);
  const userAgent = request.headers['user-agent'] ?? null;
  return {
    resource: match.resource,
    path: url.pathname,
    httpMethod: request.method ?? 'GET',
    headers: singleValued(multiValueHeaders) ?? {},
    multiValueHeaders,
    queryStringParameters: singleValued(multiValueQuery),
    multiValueQueryStringParameters: Object.keys(multiValueQuery).length ? multiValueQuery : null,
    pathParameters: Object.keys(match.pathParameters).length ? match.pathParameters : null,
    stageVariables: null,
    body: body.length === 0 ? null : body.toString(utf8 ? 'utf8' : 'base64'),
    isBase64Encoded: body.length > 0 && !utf8,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      authorizer: null,
      protocol: `HTTP/${request.httpVersion}`,
      httpMethod: request.method ?? 'GET',
      path: url.pathname,
      stage: 'local',
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: match.resource,
      identity: {
        sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent,
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        user: null,
        userArn: null,
      },
    },
  };
};
