import fc from 'fast-check';
import { problems } from '../../contract/problems';
import { allRoutes } from '../../contract/routes';
import { accountTestDependencies } from '../support/accounts';
import { createTestTables, type TestTables } from '../support/dynamo';
import { testPortal } from '../support/portal';

/** Statuses the API documents: successes of the routes and every problem's status. */
const documentedStatuses = new Set([200, 201, 202, 204, ...Object.values(problems).map((p) => p.status)]);

/**
 * Abuse counters (rate limits, failed logins on unknown phones) count attempts and failed attempts are audited
 * (2.6) whatever their outcome; everything else must stay as it was after a 4xx.
 */
const abuseCounters = /^(RATE|LOGINFAIL)#/;
const dataItems = async (tables: TestTables) =>
  (await tables.scan()).filter((item) => !abuseCounters.test(String(item.pk)) && item.result !== 'failure');

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e',
    '𝓐𝓑',
    'ID1234567',
    '+996700000000',
    '21505199000001',
    '${jndi:x}',
    "' OR 1=1 --",
    '<script>',
    '__proto__',
  ),
  fc.string({ minLength: 5000, maxLength: 5000 }).map((s) => s.padEnd(5000, 'x')),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A body shaped like the route's: its own field names with hostile values, plus hostile extra keys. */
const bodyFor = (fields: string[]) =>
  fc.oneof(
    fc.record(Object.fromEntries(fields.map((f) => [f, hostileValue])), { requiredKeys: [] }),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', ...fields), hostileValue, {
      maxKeys: 4,
    }),
    hostileValue,
  );

const rawBody = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":1,"a":2}',
    '[]',
    'null',
    '"x"',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
  ),
  fc.string({ maxLength: 200 }),
  fc.integer({ min: 1, max: 60 }).map((depth) => '['.repeat(depth * 50) + ']'.repeat(depth * 50)),
);

const headers = (validToken: () => string) =>
  fc.record(
    {
      'content-type': fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        '',
        'application/x-www-form-urlencoded',
      ),
      'accept-language': fc.oneof(
        fc.constantFrom('ky', 'ru-RU,ru;q=0.9', 'en;q=0', '*'),
        fc.string({ maxLength: 30 }),
      ),
      authorization: fc.oneof(
        fc.constant(null).map(() => `Bearer ${validToken()}`),
        fc.constant('Bearer ' + 'A'.repeat(43)),
        fc.string({ maxLength: 60 }),
        fc.constant('Bearer '),
      ),
      'idempotency-key': fc.oneof(fc.uuid(), fc.string({ maxLength: 300 })),
    },
    { requiredKeys: [] },
  );

/** What a `{name}` path segment may hold: an id of the right shape that names nothing, or anything at all. */
const pathSegment = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 40 })).map(encodeURIComponent);

const fieldsOf = (route: (typeof allRoutes)[number]): string[] => {
  const shape = route.body as
    | { shape?: Record<string, unknown>; def?: { innerType?: { shape?: Record<string, unknown> } } }
    | undefined;
  return Object.keys(shape?.shape ?? shape?.def?.innerType?.shape ?? {});
};

describe('Fuzzing every route (fast-check): only documented statuses, never a 5xx, a 4xx changes nothing', () => {
  let tables: TestTables;
  let portal: ReturnType<typeof testPortal>;

  let deps: ReturnType<typeof accountTestDependencies>;
  let token = '';

  beforeAll(async () => {
    tables = await createTestTables();
    deps = accountTestDependencies(tables);
    portal = testPortal(deps);
  });

  // A session of each route's own: Exit and access reports end theirs, wrong current passwords lock the account.
  beforeEach(async () => {
    const { applicant } = await portal.register();
    const password = deps.phones.lastTo(applicant.phone)!.secret;
    token = (await portal.login(applicant.phone, password)).body.token as string;
  });

  it.each(allRoutes.filter((r) => r.group !== 'public').map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            bodyFor(fieldsOf(route)).map((body) => ({ body })),
            rawBody.map((raw) => ({ raw })),
          ),
          headers(() => token),
          fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
          pathSegment,
          async (input, requestHeaders, query, segment) => {
            const before = await dataItems(tables);
            const answer = await portal.call(route.method, route.path.replace(/\{\w+\}/g, segment), {
              ...('body' in input ? { body: input.body } : { rawBody: input.raw }),
              headers: requestHeaders,
              query,
            });
            expect(documentedStatuses.has(answer.status)).toBe(true);
            expect(answer.status).toBeLessThan(500);
            if (answer.status >= 400) {
              expect(answer.headers['content-type']).toBe('application/problem+json');
              expect(answer.body).toMatchObject({
                type: expect.any(String),
                title: expect.any(String),
                status: answer.status,
                code: expect.any(String),
              });
              expect(await dataItems(tables)).toEqual(before);
            }
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          },
        ),
        { numRuns: 40 },
      );
    },
  );
});
