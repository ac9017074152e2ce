import * as z from 'zod';
import { problems, type ProblemCode } from './problems';
import { defaultLanguage, languages } from '../functions/commons/i18n';
import { operationResponses, problemsWithRetryAfter, sharedResponseBodies } from './openapi-responses';
import { allRoutes, routeGroups, type RouteDefinition, type RouteGroup } from './routes';

/**
 * The HTTP API v1 as an OpenAPI 3.1 document, derived from the route table (paths, methods, access, request
 * schemas, summaries), contract/openapi-responses.ts (success answers and notable problems) and the problem catalogue
 * (every error code and status). Served at `GET /v1/openapi.json`; the end-to-end tests hold the API to it.
 */
type JsonSchema = Record<string, unknown>;

const schemaRef = (name: string) => `#/components/schemas/${name}`;

/** JSON Schema 2020-12, OpenAPI 3.1's dialect; the document's own `$schema`/`$id` are dropped when embedded. */
const embedded = ({ $schema: _dialect, $id: _id, ...schema }: JsonSchema): JsonSchema => schema;

const requestSchema = (schema: z.core.$ZodType): JsonSchema =>
  embedded(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }));

const groupDescriptions: Readonly<Record<RouteGroup, string>> = {
  public: 'Health, the user agreement, the Privacy Policy (2.4) and this document',
  consents: 'Consent to the user agreement before registering (preamble)',
  registrations: 'Registration and password reset; passwords go by SMS only (2.2, 2.5)',
  sessions: 'Ways in with phone and password, and out (Exit) (2.1, 2.7)',
  'id-card': 'The way in with the 2017 ID card and its PIN code (2.1)',
  cabinet: 'The personal cabinet: masked data, sessions, activity, password, phone, consent (2.2, 2.4, 2.6)',
  'access-reports': 'Reporting unauthorized access, also without logging in (2.6, 2.7)',
  'verification-documents':
    'Supporting documents for a pending verification demand, scanned for malware (2.3)',
};

/**
 * Problems a route can answer because of what it is: it reads a body, changes state, needs a session; and, in AWS,
 * because the edge stands before it: WAF refuses (403) or rate-limits (429) any request.
 */
export const impliedProblems = (route: RouteDefinition): ProblemCode[] => [
  'request_rejected',
  'too_many_requests',
  ...(route.body ? (['malformed_json', 'payload_too_large', 'unsupported_media_type'] as const) : []),
  ...(route.body || route.query || route.idempotent ? (['validation_failed'] as const) : []),
  ...(route.idempotent ? (['idempotency_key_reused', 'request_in_progress'] as const) : []),
  ...(route.params ? (['not_found'] as const) : []),
  ...(route.access === 'public' ? [] : (['unauthenticated'] as const)),
  ...(route.access === 'session'
    ? (['account_blocked', 'verification_required', 'consent_required'] as const)
    : []),
  'internal_error',
  'service_unavailable',
];

/** Every problem an operation can answer, by status. */
export const problemsByStatus = (route: RouteDefinition): Map<number, ProblemCode[]> => {
  const own = (operationResponses[route.operation as keyof typeof operationResponses] as { problems?: [] })
    .problems;
  const codes = [...new Set([...impliedProblems(route), ...(own ?? [])])];
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes)
    byStatus.set(problems[code].status, [...(byStatus.get(problems[code].status) ?? []), code]);
  return new Map([...byStatus].sort(([a], [b]) => a - b));
};

const requestIdHeader = { 'x-request-id': { $ref: '#/components/headers/RequestId' } };

const problemResponse = (status: number, codes: readonly ProblemCode[]) => ({
  description: codes.map((code) => `\`${code}\`: ${problems[code].title.en}`).join('; '),
  headers: {
    ...requestIdHeader,
    ...(codes.some((code) => problemsWithRetryAfter.has(code)) && {
      'retry-after': { $ref: '#/components/headers/RetryAfter' },
    }),
  },
  content: {
    'application/problem+json': {
      schema: {
        type: 'object',
        allOf: [{ $ref: schemaRef('Problem') }],
        properties: { status: { const: status }, code: { enum: [...codes] } },
      },
    },
  },
});

const fieldErrorSchema = z.strictObject({
  field: z.string().describe('The field, dotted for nested ones (`authToken.signature`)'),
  code: z.string().describe('A stable machine code of the field problem'),
  message: z.string().describe('Localized by Accept-Language'),
});

/** RFC 9457 problem details, as functions/commons/http/problem.ts builds them. */
const problemSchema = z.strictObject({
  type: z.url(),
  title: z.string().describe('Localized by Accept-Language'),
  status: z.int(),
  detail: z.string(),
  code: z.enum(Object.keys(problems) as [ProblemCode, ...ProblemCode[]]),
  errors: z.array(fieldErrorSchema).optional(),
});

/** Named schemas: the problem, the bodies several operations answer, and each operation's own answer body. */
const componentSchemas = (): { schemas: Record<string, JsonSchema>; nameOf: Map<z.ZodType, string> } => {
  const registry = z.registry<{ id: string }>();
  registry.add(problemSchema, { id: 'Problem' });
  registry.add(fieldErrorSchema, { id: 'FieldError' });
  for (const [id, schema] of Object.entries(sharedResponseBodies)) registry.add(schema, { id });
  for (const [operation, answer] of Object.entries(operationResponses)) {
    const body = (answer as { body?: z.ZodType }).body;
    if (body && !registry.has(body)) registry.add(body, { id: `${operation}Response` });
  }
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
    uri: schemaRef,
  });
  const nameOf = new Map<z.ZodType, string>();
  for (const answer of Object.values(operationResponses)) {
    const body = (answer as { body?: z.ZodType }).body;
    if (body) nameOf.set(body, registry.get(body)!.id);
  }
  return {
    schemas: Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, embedded(s as JsonSchema)])),
    nameOf,
  };
};

/** Query or path parameters from an object schema; path parameters are always required (OpenAPI 3.1). */
const parameters = (where: 'query' | 'path', of: z.core.$ZodType) => {
  const schema = requestSchema(of) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (schema.required?.includes(name) ?? false),
    ...(typeof property.description === 'string' && { description: property.description }),
    schema: property,
  }));
};

const operation = (route: RouteDefinition, nameOf: Map<z.ZodType, string>) => {
  const answer = operationResponses[route.operation as keyof typeof operationResponses] as {
    status: number;
    description: string;
    body?: z.ZodType;
  };
  return {
    operationId: route.operation,
    summary: route.summary,
    tags: [route.group],
    security: route.access === 'public' ? [] : [{ session: [] }],
    ...(route.access === 'session-any-consent' && {
      description: 'Serves applicants whose consent is outdated too (preamble).',
    }),
    parameters: [
      { $ref: '#/components/parameters/AcceptLanguage' },
      ...(route.idempotent ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
      ...(route.params ? parameters('path', route.params) : []),
      ...(route.query ? parameters('query', route.query) : []),
    ],
    ...(route.body && {
      requestBody: {
        required: !z.safeParse(route.body, undefined).success,
        content: { 'application/json': { schema: requestSchema(route.body) } },
      },
    }),
    responses: {
      [String(answer.status)]: {
        description: answer.description,
        headers: requestIdHeader,
        ...(answer.body && {
          content: { 'application/json': { schema: { $ref: schemaRef(nameOf.get(answer.body)!) } } },
        }),
      },
      ...Object.fromEntries(
        [...problemsByStatus(route)].map(([status, codes]) => [
          String(status),
          problemResponse(status, codes),
        ]),
      ),
    },
  };
};

/** OpenAPI paths: `{name}` segments are already OpenAPI's own path templates. */
const paths = (nameOf: Map<z.ZodType, string>) => {
  const byPath: Record<string, Record<string, unknown>> = {};
  for (const route of allRoutes)
    (byPath[route.path] ??= {})[route.method.toLowerCase()] = operation(route, nameOf);
  return byPath;
};

export const openApiDocument = () => {
  const { schemas, nameOf } = componentSchemas();
  return {
    openapi: '3.1.0',
    info: {
      title: 'SRS Public Services Portal: applicant accounts',
      version: '1.0.0',
      summary: 'Consent, registration, login, the personal cabinet and reporting unauthorized access',
      description:
        'The HTTP API v1 of the Public Services Portal of the State Registration Service of the Kyrgyz Republic. ' +
        'Errors are RFC 9457 `application/problem+json` with a stable `code`; titles and messages follow ' +
        '`Accept-Language` (ky, the default; ru; en). State-changing requests accept `Idempotency-Key` (3.4).',
    },
    servers: [{ url: '/', description: 'The portal that serves this document' }],
    security: [{ session: [] }],
    tags: routeGroups.map((group) => ({ name: group, description: groupDescriptions[group] })),
    paths: paths(nameOf),
    components: {
      securitySchemes: {
        session: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token of `POST /v1/sessions` or `POST /v1/id-card/sessions`',
        },
      },
      parameters: {
        AcceptLanguage: {
          name: 'accept-language',
          in: 'header',
          required: false,
          description: `Language of titles, details and messages: ${languages.join(', ')} (default ${defaultLanguage})`,
          schema: { type: 'string', examples: ['ru', 'en-GB,en;q=0.8'] },
        },
        IdempotencyKey: {
          name: 'idempotency-key',
          in: 'header',
          required: false,
          description:
            'A retried request with the same key gets the first answer again; another body with it gets 422 (3.4)',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
      },
      headers: {
        RequestId: { description: 'The request id, as in the logs', schema: { type: 'string' } },
        RetryAfter: {
          description: 'Seconds to wait before trying again',
          schema: { type: 'integer', minimum: 1 },
        },
      },
      schemas,
    },
  };
};

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
