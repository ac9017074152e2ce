import { z } from 'zod';
import { handler } from '../../../functions/public/handler';
import { problems, type ProblemCode } from '../../../contract/problems';
import { openApiDocument, problemsByStatus } from '../../../contract/openapi';
import { operationResponses } from '../../../contract/openapi-responses';
import { allRoutes } from '../../../contract/routes';
import { apiEvent, json, lambdaContext } from '../../support/events';
import { lintOpenApi, openApiValidator } from '../../support/openapi';

type Operation = {
  operationId: string;
  summary: string;
  security: unknown[];
  parameters: { $ref?: string; name?: string; required?: boolean; schema?: unknown }[];
  requestBody?: { required: boolean; content: { 'application/json': { schema: unknown } } };
  responses: Record<
    string,
    { content?: Record<string, { schema: { properties?: { code?: { enum: string[] } } } }> }
  >;
};

const document = openApiDocument();
const operationOf = (method: string, path: string) =>
  (document.paths as unknown as Record<string, Record<string, Operation>>)[path]![method.toLowerCase()]!;

/**
 * Findings of the recommended ruleset that are acknowledged: the portal publishes no licence, and three public
 * operations have no client error to document (health, this document, an ID-card challenge take no input).
 */
const acknowledgedWarnings = ['info-license #/info'];

describe('The API document (OpenAPI 3.1)', () => {
  it('passes Redocly’s recommended ruleset with no error and only acknowledged warnings', () => {
    const findings = lintOpenApi();
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`)).toEqual(
      [],
    );
    expect(findings.map((f) => `${f.ruleId} ${f.pointer}`).sort()).toEqual([...acknowledgedWarnings].sort());
  });

  it('has one operation per route of the route table, named and summarized by it', () => {
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    expect(operations).toHaveLength(allRoutes.length);
    for (const route of allRoutes) {
      const operation = operationOf(route.method, route.path);
      expect(operation.operationId).toBe(route.operation);
      expect(operation.summary).toBe(route.summary);
      expect(operation.security).toEqual(route.access === 'public' ? [] : [{ session: [] }]);
    }
  });

  it('takes request bodies from the route table’s zod schemas, as the client sends them (io: input)', () => {
    for (const route of allRoutes.filter((r) => r.body)) {
      const { $schema: _dialect, ...schema } = z.toJSONSchema(route.body!, {
        target: 'draft-2020-12',
        io: 'input',
        unrepresentable: 'any',
      });
      expect(operationOf(route.method, route.path).requestBody?.content['application/json'].schema).toEqual(
        schema,
      );
    }
  });

  it('makes a body optional only where the schema accepts none (2.7: a report from the cabinet may be empty)', () => {
    expect(operationOf('POST', '/v1/me/access-reports').requestBody?.required).toBe(false);
    expect(operationOf('POST', '/v1/registrations').requestBody?.required).toBe(true);
  });

  it('turns query schemas into query parameters', () => {
    const parameters = operationOf('GET', '/v1/me/activity').parameters.filter((p) => p.name);
    expect(parameters).toEqual([
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      },
      {
        name: 'cursor',
        in: 'query',
        required: false,
        schema: { type: 'string', minLength: 1, maxLength: 200 },
      },
    ]);
  });

  it('documents Idempotency-Key on exactly the state-changing routes that accept it (3.4)', () => {
    for (const route of allRoutes) {
      const refs = operationOf(route.method, route.path).parameters.map((p) => p.$ref);
      expect(refs.includes('#/components/parameters/IdempotencyKey')).toBe(route.idempotent === true);
    }
  });

  it('documents each problem under its own status, with its code as the only allowed codes there', () => {
    for (const route of allRoutes) {
      const operation = operationOf(route.method, route.path);
      for (const [status, codes] of problemsByStatus(route)) {
        for (const code of codes) expect(problems[code].status).toBe(status);
        const schema = operation.responses[String(status)]!.content!['application/problem+json']!.schema;
        expect(schema.properties!.code!.enum).toEqual(codes);
      }
    }
  });

  it('documents what the route’s kind implies: 401 for sessions, 403 consent_required for the cabinet, 400 for bodies', () => {
    const codesOf = (method: string, path: string): ProblemCode[] =>
      [...problemsByStatus(allRoutes.find((r) => r.method === method && r.path === path)!).values()].flat();
    expect(codesOf('GET', '/v1/me')).toEqual(expect.arrayContaining(['unauthenticated', 'consent_required']));
    expect(codesOf('DELETE', '/v1/sessions/current')).not.toContain('consent_required');
    expect(codesOf('POST', '/v1/registrations')).toEqual(
      expect.arrayContaining([
        'validation_failed',
        'already_registered',
        'consent_expired',
        'too_many_requests',
      ]),
    );
    // Every route, behind the edge: WAF may refuse (403) or rate-limit (429) any request in AWS.
    expect(codesOf('GET', '/v1/health')).toEqual([
      'request_rejected',
      'too_many_requests',
      'internal_error',
      'service_unavailable',
    ]);
  });

  it('documents a success answer for every operation of the route table and nothing else', () => {
    expect(Object.keys(operationResponses).sort()).toEqual(allRoutes.map((r) => r.operation).sort());
  });

  it('is served at GET /v1/openapi.json by the public function', async () => {
    const response = await handler(apiEvent('GET', '/v1/openapi.json'), lambdaContext);
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

describe('Holding answers to the document', () => {
  const check = openApiValidator(document);
  const headers = (contentType?: string) =>
    new Headers({ 'x-request-id': 'r', ...(contentType && { 'content-type': contentType }) });
  const problem = (code: ProblemCode, extra: Record<string, unknown> = {}) => ({
    type: `https://portal.srs.kg/problems/${code}`,
    title: problems[code].title.en,
    status: problems[code].status,
    detail: problems[code].title.en,
    code,
    ...extra,
  });

  it('accepts an answer as documented', () => {
    expect(
      check('POST', '/v1/registrations', {
        status: 201,
        headers: headers('application/json'),
        body: { accountId: 'a', login: '+996700123456' },
      }),
    ).toEqual([]);
    expect(
      check('POST', '/v1/sessions', {
        status: 401,
        headers: headers('application/problem+json'),
        body: problem('invalid_credentials'),
      }),
    ).toEqual([]);
  });

  it('refuses an undocumented status, a problem code not documented there, and an undocumented field', () => {
    expect(check('GET', '/v1/health', { status: 418, headers: headers(), body: undefined })).toEqual([
      'GET /v1/health answered 418, which is not documented',
    ]);
    expect(
      check('GET', '/v1/me', {
        status: 401,
        headers: headers('application/problem+json'),
        body: problem('invalid_credentials'),
      }),
    ).not.toEqual([]);
    expect(
      check('POST', '/v1/registrations', {
        status: 201,
        headers: headers('application/json'),
        body: { accountId: 'a', login: '+996700123456', pin: '21505199000001' },
      }).join(),
    ).toContain('additionalProperty":"pin');
  });

  it('refuses a body on an answer documented without one, and a missing request id', () => {
    expect(
      check('DELETE', '/v1/sessions/current', { status: 204, headers: headers(), body: {} }),
    ).not.toEqual([]);
    expect(
      check('GET', '/v1/health', {
        status: 200,
        headers: new Headers({ 'content-type': 'application/json' }),
        body: { status: 'ok' },
      }),
    ).toEqual(['no x-request-id']);
  });
});
