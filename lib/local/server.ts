import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { PortalHandler } from '../../functions/commons/http/handler';
import { problemResponse } from '../../functions/commons/http/problem';
import type { ProblemCode } from '../../contract/problems';
import { maxBodyBytes } from '../../functions/commons/http/request';
import { securityHeaderValues } from '../../functions/commons/http/middleware/security-headers';
import { negotiateLanguage } from '../../functions/commons/i18n';
import { routeGroups, routesMatching, type RouteGroup } from '../../contract/routes';
import { toApiGatewayEvent } from './api-gateway-event';
import { sendSiteFile, siteFileFor, type Site } from './web';

export type Handlers = Readonly<Record<RouteGroup, PortalHandler>>;

/** Loads each group's handler as Lambda would: the module is imported once, its dependencies bound at load. */
export const loadHandlers = async (): Promise<Handlers> =>
  Object.fromEntries(
    await Promise.all(
      routeGroups.map(async (group) => {
        const module = (await import(`../../functions/${group}/handler`)) as { handler: PortalHandler };
        return [group, module.handler] as const;
      }),
    ),
  ) as Handlers;

const lambdaContext = (group: RouteGroup, requestId: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: `portal-${group}`,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:portal-${group}`,
  memoryLimitInMB: '1024',
  awsRequestId: requestId,
  logGroupName: `/aws/lambda/portal-${group}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 29_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** Reads the body up to a bound: a client cannot make the local server buffer without end. */
const readBody = (request: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > limit ? 'too_large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });

const send = (response: ServerResponse, result: APIGatewayProxyResult): void => {
  response.writeHead(result.statusCode, result.headers as Record<string, string>);
  response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
};

/** A problem answered by the server itself (unknown route, wrong method), with the headers the API always adds. */
const localProblem = (
  request: IncomingMessage,
  code: ProblemCode,
  requestId: string,
  headers: Record<string, string> = {},
) => {
  const result = problemResponse(code, negotiateLanguage(request.headers['accept-language']), { headers });
  return { ...result, headers: { ...securityHeaderValues, ...result.headers, 'x-request-id': requestId } };
};

export interface RequestLog {
  method: string;
  route: string;
  status: number;
  ms: number;
  requestId: string;
}

/**
 * The local API: routes each request with the route table, turns it into an API Gateway REST proxy event and
 * calls the handler Lambda would run. Unknown paths get 404, known paths with another method 405. The files of
 * the applicants' page (`site`), when there is one, are served at `/` and beside it.
 */
export const createPortalServer = (
  handlers: Handlers,
  onRequest: (entry: RequestLog) => void,
  site?: Site,
): Server =>
  createServer(async (request, response) => {
    const started = process.hrtime.bigint();
    const method = request.method ?? 'GET';
    // A request target URL cannot parse (`//`, `//a b/`) names no route: it must not take the server down.
    const path = URL.parse(request.url ?? '/', 'http://localhost')?.pathname ?? '/\u0000unparsable';
    const siteFile = site && siteFileFor(site.files, method, path);
    if (siteFile) {
      sendSiteFile(site, siteFile, request, response);
      onRequest({
        method,
        route: path,
        status: 200,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        requestId: '-',
      });
      return;
    }
    const matching = routesMatching(path);
    const match = matching.find((candidate) => candidate.route.method === method);
    let result: APIGatewayProxyResult;
    let requestId: string = randomUUID();
    try {
      const body = await readBody(request, maxBodyBytes * 4);
      if (!match) {
        result =
          matching.length === 0
            ? localProblem(request, 'not_found', requestId)
            : localProblem(request, 'method_not_allowed', requestId, {
                allow: [...new Set(matching.map((m) => m.route.method))].join(', '),
              });
      } else if (body === 'too_large') {
        result = localProblem(request, 'payload_too_large', requestId);
      } else {
        const event = toApiGatewayEvent(request, body, {
          resource: match.route.path,
          pathParameters: match.params,
        });
        requestId = event.requestContext.requestId;
        result = await handlers[match.route.group](event, lambdaContext(match.route.group, requestId));
      }
    } catch {
      result = localProblem(request, 'internal_error', requestId);
    }
    send(response, result);
    onRequest({
      method,
      route: match?.route.path ?? path.slice(0, 100),
      status: result.statusCode,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      requestId,
    });
  });
