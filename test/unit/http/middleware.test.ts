import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { problemResponses } from '../../../functions/commons/http/middleware/problem-responses';
import { cors } from '../../../functions/commons/http/middleware/cors';
import { requestId } from '../../../functions/commons/http/middleware/request-id';
import { securityHeaders } from '../../../functions/commons/http/middleware/security-headers';
import { DomainError } from '../../../functions/domain/errors';
import { apiEvent, json, lambdaContext } from '../../support/events';

const failingWith = (
  error: unknown,
  outer: middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>[] = [],
) =>
  middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(outer)
    .use(problemResponses())
    .handler(async () => {
      throw error;
    });

const answering = (response: APIGatewayProxyResult) =>
  middy<APIGatewayProxyEvent, APIGatewayProxyResult>().handler(async () => response);

describe('Middleware: problemResponses', () => {
  it('turns a domain error into its RFC 9457 problem in the asker language', async () => {
    const event = apiEvent('POST', '/v1/consents', { headers: { 'accept-language': 'ru' } });
    const response = await failingWith(new DomainError('agreement_outdated'))(event, lambdaContext);
    expect(response.statusCode).toBe(409);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(json(response)).toEqual({
      type: 'https://portal.srs.kg/problems/agreement-outdated',
      title: 'Эта версия соглашения устарела',
      status: 409,
      detail: 'Эта версия соглашения устарела',
      code: 'agreement_outdated',
    });
  });

  it('answers in Kyrgyz by default', async () => {
    const response = await failingWith(new DomainError('not_found'))(apiEvent('GET', '/v1/x'), lambdaContext);
    expect(json(response).title).toBe('Мындай дарек жок');
  });

  it('lists field problems with localized messages', async () => {
    const error = new DomainError('validation_failed', { fields: [{ field: 'accepted', code: 'required' }] });
    const event = apiEvent('POST', '/v1/consents', { headers: { 'accept-language': 'en' } });
    expect(json(await failingWith(error)(event, lambdaContext)).errors).toEqual([
      { field: 'accepted', code: 'required', message: 'This field is required' },
    ]);
  });

  it('answers 503 with Retry-After when the store is unreachable, whatever wraps the cause', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const response = await failingWith(new Error('persistence failed', { cause: refused }))(
      apiEvent('GET', '/v1/x'),
      lambdaContext,
    );
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('5');
    expect(json(response).code).toBe('service_unavailable');
  });

  it('answers 503 when DynamoDB throttles', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    expect((await failingWith(throttled)(apiEvent('GET', '/v1/x'), lambdaContext)).statusCode).toBe(503);
  });

  it('answers an unexpected fault with a bare 500 that reveals nothing of it', async () => {
    const response = await failingWith(new TypeError('secret detail +996700123456 at /var/task/index.js'))(
      apiEvent('GET', '/v1/x', { headers: { 'accept-language': 'en' } }),
      lambdaContext,
    );
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/secret|996|task|TypeError/);
    expect(json(response).code).toBe('internal_error');
  });
});

describe('Middleware: requestId', () => {
  it('stamps x-request-id with API Gateway request id on success and on error', async () => {
    const event = apiEvent('GET', '/v1/health');
    const ok = await answering({ statusCode: 200, body: '' }).use(requestId())(event, lambdaContext);
    expect(ok.headers?.['x-request-id']).toBe(event.requestContext.requestId);
    const failed = await failingWith(new DomainError('not_found'), [requestId()])(event, lambdaContext);
    expect(failed.headers?.['x-request-id']).toBe(event.requestContext.requestId);
  });
});

describe('Middleware: securityHeaders', () => {
  it('forbids caching and sniffing and demands HTTPS on every answer', async () => {
    const response = await answering({ statusCode: 200, body: '' }).use(securityHeaders())(
      apiEvent('GET', '/v1/health'),
      lambdaContext,
    );
    expect(response.headers).toMatchObject({
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'strict-transport-security': expect.stringContaining('max-age='),
    });
  });
});

describe('Middleware: cors', () => {
  const answer = (origin: string | undefined) =>
    answering({ statusCode: 200, body: '' }).use(cors(['https://portal.srs.kg']))(
      apiEvent('GET', '/v1/health', { headers: origin ? { origin } : {} }),
      lambdaContext,
    );

  it('names a configured origin in the answer', async () => {
    expect((await answer('https://portal.srs.kg')).headers).toMatchObject({
      'access-control-allow-origin': 'https://portal.srs.kg',
      vary: 'Origin',
    });
  });

  it('gives any other origin, or none, no CORS header', async () => {
    expect(
      (await answer('https://evil.example.com')).headers?.['access-control-allow-origin'],
    ).toBeUndefined();
    expect((await answer(undefined)).headers?.['access-control-allow-origin']).toBeUndefined();
  });
});
