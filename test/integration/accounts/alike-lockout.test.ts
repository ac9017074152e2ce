import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { DynamoDbLoginFailureCounter } from '../../../functions/adapters/dynamodb/login-failures';
import { lockoutThreshold } from '../../../functions/domain/accounts/account';
import { passwordLockout } from '../../../functions/domain/accounts/login-failures';
import { updateAccount } from '../../../functions/domain/accounts/updates';
import { parsePhone } from '../../../functions/domain/identity';
import { lockoutMemorySeconds } from '../../../functions/domain/limits';
import { accountTestDependencies } from '../../support/accounts';
import { createTestTables, type TestTables } from '../../support/dynamo';
import { newApplicant, testPortal, type Answer } from '../../support/portal';

/**
 * 2.7 (no enumeration), DESIGN HTTP API: "423 account_locked + Retry-After (unknown phones lock alike)". A phone
 * that opens no account (none, a deleted one, one without a password) answers wrong passwords exactly as a
 * registered phone does: the same statuses, bodies and Retry-After, on the same clock, against DynamoDB Local.
 */
describe('Unknown phones lock alike (2.7), against DynamoDB Local', () => {
  let tables: TestTables;
  let deps: ReturnType<typeof accountTestDependencies>;
  let portal: ReturnType<typeof testPortal>;
  let sourceSerial = 0;

  /** A fresh IPv4 requester, so that the per-requester login limit (2.8) stays out of the way. */
  const freshSource = () => {
    sourceSerial += 1;
    return `10.${(sourceSerial >> 16) & 255}.${(sourceSerial >> 8) & 255}.${sourceSerial & 255}`;
  };
  const registered = async () => {
    const { applicant, answer } = await portal.register();
    expect(answer.status).toBe(201);
    return { ...applicant, accountId: answer.body.accountId as string };
  };
  /** What the applicant can see of an answer: the status, the body and the Retry-After header. */
  const seen = (answer: Answer) => ({
    status: answer.status,
    body: answer.body,
    retryAfter: answer.headers['retry-after'],
  });
  const wrong = async (phone: string, sourceIp: string) =>
    seen(await portal.login(phone, 'not-the-password', sourceIp));

  /** The same script of wrong passwords and waits, on each phone in turn at the same instants. */
  const runAlike = async (phones: readonly string[], script: readonly (number | 'attempt')[]) => {
    const sourceIp = freshSource();
    const answers: ReturnType<typeof seen>[][] = phones.map(() => []);
    for (const step of script) {
      if (step === 'attempt') {
        for (const [i, phone] of phones.entries()) answers[i]!.push(await wrong(phone, sourceIp));
      } else deps.clock.advance(step);
    }
    return answers;
  };

  beforeAll(async () => {
    tables = await createTestTables();
    deps = accountTestDependencies(tables);
    portal = testPortal(deps);
  });

  it('answers 7 wrong passwords on a registered and on an unknown phone with the same statuses and Retry-After', async () => {
    const applicant = await registered();
    const unknown = newApplicant().phone;
    const script = [
      ...Array<'attempt'>(7).fill('attempt'),
      61,
      'attempt', // the lock is over: counted (6th failure), locks for 2 minutes
      'attempt',
      121,
      'attempt', // 7th failure: locks for 4 minutes
      'attempt',
      240 + lockoutMemorySeconds, // the run is forgotten: the next failure starts a new one
      ...Array<'attempt'>(lockoutThreshold + 1).fill('attempt'),
    ] as const;

    const [onRegistered, onUnknown] = await runAlike([applicant.phone, unknown], script);

    expect(onUnknown).toEqual(onRegistered);
    expect(onUnknown!.map((a) => `${a.status}${a.retryAfter ? `:${a.retryAfter}` : ''}`)).toEqual([
      '401',
      '401',
      '401',
      '401',
      '401',
      '423:60',
      '423:60',
      '401',
      '423:120',
      '401',
      '423:240',
      '401',
      '401',
      '401',
      '401',
      '401',
      '423:60',
    ]);
    expect(onUnknown![5]!.body).toMatchObject({ code: 'account_locked', status: 423 });
  });

  it('locks a deleted account and an account without a password as it locks an unknown phone', async () => {
    const deleted = await registered();
    const passwordless = await registered();
    await updateAccount(deps.accounts, deleted.accountId, (account) => ({
      commit: { account: { ...account, status: 'deleted' as const, sessions: {} }, audit: [] },
      result: undefined,
    }));
    await updateAccount(deps.accounts, passwordless.accountId, (account) => ({
      commit: { account: { ...account, passwordHash: undefined }, audit: [] },
      result: undefined,
    }));
    const applicant = await registered();

    const answers = await runAlike(
      [applicant.phone, deleted.phone, passwordless.phone, newApplicant().phone],
      [...Array<'attempt'>(lockoutThreshold + 1).fill('attempt'), 30, 'attempt'],
    );

    for (const other of answers.slice(1)) expect(other).toEqual(answers[0]);
    expect(answers[0]!.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 423, 423]);
    expect(answers[0]!.slice(-2).map((a) => a.retryAfter)).toEqual(['60', '30']);
  });

  it('keeps the count of an unknown phone under its lookup key only, never the phone, with a TTL', async () => {
    const unknown = newApplicant().phone;
    await wrong(unknown, freshSource());
    const items = (await tables.scan()).filter((item) => String(item.pk).startsWith('LOGINFAIL#'));
    const item = items.find((i) => i.pk === `LOGINFAIL#${deps.accounts.vault.lookupKey('phone', unknown)}`);
    expect(item).toMatchObject({ failures: 1, type: 'login_failures', ttl: expect.any(Number) });
    const now = deps.clock.now().getTime() / 1000;
    expect(item!.ttl).toBeGreaterThan(now + 86_400);
    expect(item!.ttl).toBeLessThanOrEqual(Math.ceil(now) + 86_400 + lockoutMemorySeconds);
    expect(JSON.stringify(items)).not.toContain(unknown.slice(1));
  });

  it('costs one conditional write per attempt on an unknown phone, counted or refused, and no read', async () => {
    const sent: string[] = [];
    const client = Object.assign(Object.create(tables.client) as DynamoDBDocumentClient, {
      send: (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
        sent.push(command.constructor.name);
        return tables.client.send(command as never);
      },
    });
    const counter = new DynamoDbLoginFailureCounter(client, tables.tableName);
    const key = deps.accounts.vault.lookupKey('phone', newApplicant().phone);
    const now = deps.clock.now();

    const outcomes = [];
    for (let i = 0; i <= lockoutThreshold; i += 1)
      outcomes.push(await counter.countFailure(key, now, passwordLockout));

    expect(outcomes.map((o) => o.locked)).toEqual([false, false, false, false, false, true]);
    expect(outcomes.at(-1)).toEqual({ locked: true, lockedUntil: new Date(now.getTime() + 60_000) });
    expect(sent).toEqual(Array<string>(lockoutThreshold + 1).fill('UpdateCommand'));
  });

  it('lets parallel wrong passwords on an unknown phone through only up to the lock: the rest answer 423', async () => {
    const unknown = newApplicant().phone;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => portal.login(unknown, 'not-the-password', freshSource())),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(lockoutThreshold);
    expect(statuses.filter((s) => s === 423)).toHaveLength(20 - lockoutThreshold);
    for (const answer of answers.filter((a) => a.status === 423))
      expect(answer.headers['retry-after']).toBe('60');
    const item = (await tables.scan()).find(
      (i) => i.pk === `LOGINFAIL#${deps.accounts.vault.lookupKey('phone', unknown)}`,
    );
    expect(item).toMatchObject({ failures: lockoutThreshold });
  });

  it('answers any script of wrong passwords and waits alike on random unknown phones and registered ones', async () => {
    // Kyrgyz mobiles in the 55x range, apart from the 700 range the registered test applicants use.
    const unknownPhone = fc
      .stringMatching(/^55\d{7}$/)
      .map((digits) => parsePhone(`+996${digits}`))
      .filter((parsed) => parsed.ok)
      .map((parsed) => (parsed as { value: string }).value);
    const longest = passwordLockout.lockSeconds.at(-1)!;
    // Waits around the edges that matter: locks ending (60 s, 120 s…), runs being forgotten.
    const wait = fc.oneof(
      fc.integer({ min: 0, max: 300 }),
      fc.constantFrom(59, 60, 61, 119, 120, 121, 239, 241, longest),
      fc.integer({ min: -1, max: 1 }).map((d) => lockoutMemorySeconds + d),
      fc.constantFrom(60, 120, 240, longest).map((lock) => lock + lockoutMemorySeconds),
    );
    // Bursts of wrong passwords, each followed by a wait.
    const script = fc
      .array(fc.tuple(fc.integer({ min: 0, max: lockoutThreshold + 2 }), wait), {
        minLength: 1,
        maxLength: 3,
      })
      .map((bursts) =>
        bursts.flatMap(([attempts, seconds]) => [...Array<'attempt'>(attempts).fill('attempt'), seconds]),
      );
    const usedUnknown = new Set<string>();

    await fc.assert(
      fc.asyncProperty(unknownPhone, script, async (unknown, steps) => {
        fc.pre(!usedUnknown.has(unknown));
        usedUnknown.add(unknown);
        const applicant = await registered();
        const [onRegistered, onUnknown] = await runAlike([applicant.phone, unknown], steps);
        expect(onUnknown).toEqual(onRegistered);
      }),
      { numRuns: 15 },
    );
  });
});
