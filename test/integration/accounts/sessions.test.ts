import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbAccountStore } from '../../../functions/adapters/dynamodb/accounts';
import { sealedOrigins } from '../../../functions/wiring/network-data';
import { createTestTables, type TestTables } from '../../support/dynamo';
import { accountTestDependencies } from '../../support/accounts';
import { newApplicant, testPortal } from '../../support/portal';

/**
 * DynamoDB Local never throttles: this client answers the first `throttled` BatchGetItem calls as a throttled
 * table may, with no item and every key left in UnprocessedKeys; everything else goes to DynamoDB Local.
 */
const throttlingBatchGets = (client: DynamoDBDocumentClient, throttled: number): DynamoDBDocumentClient => {
  let left = throttled;
  const send = async (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
    if (!(command instanceof BatchGetCommand) || left === 0) return client.send(command as never);
    left -= 1;
    return { Responses: {}, UnprocessedKeys: command.input.RequestItems, $metadata: {} };
  };
  return Object.assign(Object.create(client) as DynamoDBDocumentClient, { send });
};

describe('Login, sessions and Exit (2.1, 2.7, 2.8) against DynamoDB Local', () => {
  let tables: TestTables;
  let deps: ReturnType<typeof accountTestDependencies>;
  let portal: ReturnType<typeof testPortal>;

  const registered = async () => {
    const { applicant } = await portal.register();
    return { ...applicant, password: deps.phones.lastTo(applicant.phone)!.secret };
  };
  const login = (phone: string, password: string, sourceIp?: string) =>
    portal.call('POST', '/v1/sessions', { body: { phone, password }, sourceIp });

  beforeAll(async () => {
    tables = await createTestTables();
    deps = accountTestDependencies(tables);
    portal = testPortal(deps);
  });

  it('logs in with the phone (any spelling) and the password from the SMS', async () => {
    const applicant = await registered();
    const answer = await login(`0${applicant.phone.slice(4)}`, applicant.password);
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
      consentRequired: false,
    });
    const me = await portal.call('GET', '/v1/me', { token: answer.body.token as string });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ login: applicant.phone, applicantType: 'individual', status: 'active' });
  });

  it('stores the session only by the hash of its token', async () => {
    const applicant = await registered();
    const { token } = (await login(applicant.phone, applicant.password)).body as { token: string };
    expect(JSON.stringify(await tables.scan())).not.toContain(token);
  });

  it('keeps where a login came from on the session item alone, which expires with the session (2.4)', async () => {
    const applicant = await registered();
    const sourceIp = '198.51.100.77';
    const { token } = (await login(applicant.phone, applicant.password, sourceIp)).body as { token: string };
    const items = await tables.scan();
    const session = items.find((item) => item.type === 'session' && item.ip === sourceIp)!;
    expect(session).toMatchObject({
      userAgent: 'jest',
      ttl: Math.ceil(Date.parse(session.absoluteExpiresAt as string) / 1000),
    });
    // The account item outlives its sessions (an account never used again keeps its last ones): no IP, no agent.
    const account = items.find((item) => item.type === 'account' && item.accountId === session.accountId)!;
    expect(JSON.stringify(account)).not.toContain(sourceIp);
    expect(JSON.stringify(account)).not.toContain('198.51.100.0/24');
    expect(JSON.stringify(account)).not.toContain('jest');
    const listed = await portal.call('GET', '/v1/me/sessions', { token });
    expect(listed.body.items).toEqual([
      expect.objectContaining({ ip: sourceIp, userAgent: 'jest', current: true }),
    ]);
  });

  it('answers a wrong password and an unknown phone alike: 401 invalid_credentials', async () => {
    const applicant = await registered();
    const wrong = await login(applicant.phone, 'not-the-password');
    const unknown = await login(newApplicant().phone, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('locks password login after 5 failures with growing delays (423 + Retry-After), then lets the right password in', async () => {
    const applicant = await registered();
    for (let i = 0; i < 5; i += 1) expect((await login(applicant.phone, 'wrong')).status).toBe(401);
    const locked = await login(applicant.phone, applicant.password);
    expect(locked.status).toBe(423);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(59);
    deps.clock.advance(61);
    expect((await login(applicant.phone, 'wrong')).status).toBe(401);
    const longer = await login(applicant.phone, applicant.password);
    expect(longer.status).toBe(423);
    expect(Number(longer.headers['retry-after'])).toBeGreaterThan(60);
    deps.clock.advance(121);
    expect((await login(applicant.phone, applicant.password)).status).toBe(201);
  });

  it('counts concurrent failures without losing one (conditional updates)', async () => {
    const applicant = await registered();
    await Promise.all(Array.from({ length: 4 }, () => login(applicant.phone, 'wrong')));
    const account = (await tables.scan()).find((item) => item.type === 'account' && item.failedLogins === 4);
    expect(account).toBeDefined();
  });

  it('keeps at most 5 live sessions: the sixth login ends the oldest (2.8)', async () => {
    const applicant = await registered();
    const tokens: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      deps.clock.advance(1);
      tokens.push((await login(applicant.phone, applicant.password)).body.token as string);
    }
    expect((await portal.call('GET', '/v1/me', { token: tokens[0] })).status).toBe(401);
    for (const token of tokens.slice(1))
      expect((await portal.call('GET', '/v1/me', { token })).status).toBe(200);
    const sessions = await portal.call('GET', '/v1/me/sessions', { token: tokens[5] });
    const items = sessions.body.items as { current: boolean; method: string }[];
    expect(items).toHaveLength(5);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    expect(items.every((s) => s.method === 'password')).toBe(true);
  });

  it('lists every session while DynamoDB throttles the read, and answers 503 with Retry-After if it keeps on', async () => {
    const applicant = await registered();
    const tokens: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      deps.clock.advance(1);
      tokens.push((await login(applicant.phone, applicant.password)).body.token as string);
    }
    const throttledPortal = (throttled: number) =>
      testPortal({
        ...deps,
        accounts: {
          ...deps.accounts,
          accounts: new DynamoDbAccountStore(
            throttlingBatchGets(tables.client, throttled),
            tables.tableName,
            sealedOrigins(tables.client, tables.tableName, deps.accounts.vault),
          ),
        },
      });

    const listed = await throttledPortal(2).call('GET', '/v1/me/sessions', { token: tokens[2] });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(3);

    const refused = await throttledPortal(Infinity).call('GET', '/v1/me/sessions', { token: tokens[2] });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'service_unavailable' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('ends the session on the server with Exit: the token answers 401 at once (2.7)', async () => {
    const applicant = await registered();
    const { token } = (await login(applicant.phone, applicant.password)).body as { token: string };
    const other = (await login(applicant.phone, applicant.password)).body.token as string;
    expect((await portal.call('DELETE', '/v1/sessions/current', { token })).status).toBe(204);
    expect((await portal.call('GET', '/v1/me', { token })).status).toBe(401);
    expect((await portal.call('GET', '/v1/me', { token: other })).status).toBe(200);
    expect((await portal.call('DELETE', '/v1/sessions', { token: other })).status).toBe(204);
    expect((await portal.call('GET', '/v1/me', { token: other })).status).toBe(401);
  });

  it('ends a session idle for 30 minutes, and any session after 12 hours', async () => {
    const applicant = await registered();
    const { token } = (await login(applicant.phone, applicant.password)).body as { token: string };
    deps.clock.advance(29 * 60);
    expect((await portal.call('GET', '/v1/me', { token })).status).toBe(200);
    deps.clock.advance(29 * 60);
    expect((await portal.call('GET', '/v1/me', { token })).status).toBe(200);
    deps.clock.advance(31 * 60);
    expect((await portal.call('GET', '/v1/me', { token })).status).toBe(401);

    const { token: busy } = (await login(applicant.phone, applicant.password)).body as { token: string };
    for (let minutes = 0; minutes < 12 * 60; minutes += 25) {
      deps.clock.advance(25 * 60);
      if ((await portal.call('GET', '/v1/me', { token: busy })).status !== 200) break;
    }
    expect((await portal.call('GET', '/v1/me', { token: busy })).status).toBe(401);
  });

  it.each([['no header'], ['Bearer not-a-token'], ['Basic abc'], ['Bearer ' + 'A'.repeat(43)]])(
    'answers 401 unauthenticated to %s',
    async (authorization) => {
      const answer = await portal.call('GET', '/v1/me', {
        headers: authorization === 'no header' ? {} : { authorization },
      });
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe('unauthenticated');
    },
  );

  it.each([
    ['PATCH', '/v1/me', { passportNumber: 'not a passport' }],
    ['PUT', '/v1/me/password', {}],
    ['POST', '/v1/me/access-reports', { suspectedSince: 'yesterday' }],
  ] as const)(
    'answers 401 to %s %s without a credential before it reads the body',
    async (method, path, body) => {
      const before = await tables.scan();

      const answer = await portal.call(method, path, { body });

      expect([answer.status, answer.body.code]).toEqual([401, 'unauthenticated']);
      expect(await tables.scan()).toEqual(before);
    },
  );

  it('records logins and failures in the audit log (2.6)', async () => {
    const applicant = await registered();
    await login(applicant.phone, 'wrong');
    const { token } = (await login(applicant.phone, applicant.password)).body as { token: string };
    const activity = await portal.call('GET', '/v1/me/activity', { token });
    const actions = (activity.body.items as { action: string; result: string }[]).map(
      (i) => `${i.action}:${i.result}`,
    );
    expect(actions).toEqual(['login:success', 'login_failed:failure', 'registration:success']);
  });
});

describe('Retried logins (3.4)', () => {
  it('keeps no session token anywhere in clear, not even as a stored answer for an Idempotency-Key', async () => {
    const tables = await createTestTables();
    const deps = accountTestDependencies(tables);
    const portal = testPortal(deps);
    const { applicant } = await portal.register();
    const password = deps.phones.lastTo(applicant.phone)!.secret;
    const body = { phone: applicant.phone, password };
    const headers = { 'idempotency-key': 'login-retry' };
    const first = await portal.call('POST', '/v1/sessions', { body, headers });
    const retried = await portal.call('POST', '/v1/sessions', { body, headers });
    expect([first.status, retried.status]).toEqual([201, 201]);
    expect(retried.body.token).not.toBe(first.body.token);
    const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
    const idempotency =
      (await tables.client.send(new ScanCommand({ TableName: tables.idempotencyTableName }))).Items ?? [];
    const everything = JSON.stringify([...(await tables.scan()), ...idempotency]);
    for (const token of [first.body.token as string, retried.body.token as string])
      expect(everything).not.toContain(token);
  });
});
