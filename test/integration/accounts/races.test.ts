import { scryptPasswordHasher } from '../../../functions/adapters/passwords';
import { lockoutThreshold } from '../../../functions/domain/accounts/account';
import type { PasswordHasher } from '../../../functions/domain/accounts/dependencies';
import { createTestTables, type TestTables } from '../../support/dynamo';
import { accountTestDependencies } from '../../support/accounts';
import { testPortal } from '../../support/portal';
import { updateAccount } from '../../../functions/domain/accounts/updates';

/**
 * Requests already under way when something else changes the account: an access report (2.7), a burst of guesses.
 * The password hasher lets a test run something between a password's check and the request's commit.
 */
describe('Requests racing with changes to the account, against DynamoDB Local', () => {
  let tables: TestTables;
  let deps: ReturnType<typeof accountTestDependencies>;
  let portal: ReturnType<typeof testPortal>;
  let duringNextCheck: (() => Promise<unknown>) | undefined;
  let duringNextHash: (() => Promise<unknown>) | undefined;
  const runOnce = async (which: 'check' | 'hash') => {
    const meanwhile = which === 'check' ? duringNextCheck : duringNextHash;
    if (which === 'check') duringNextCheck = undefined;
    else duringNextHash = undefined;
    await meanwhile?.();
  };

  const real = scryptPasswordHasher({ ln: 10, r: 8, p: 1 });
  const interleaving: PasswordHasher = {
    ...real,
    verify: async (password, hash) => {
      const verified = await real.verify(password, hash);
      await runOnce('check');
      return verified;
    },
    hash: async (password) => {
      const hashed = await real.hash(password);
      await runOnce('hash');
      return hashed;
    },
  };
  /** What an operator's DeleteAccount does to the account item (2.2), for the races below. */
  const deleteAccount = (accountId: string) => () =>
    updateAccount(deps.accounts, accountId, (account) => ({
      commit: { account: { ...account, status: 'deleted' as const, sessions: {} }, audit: [] },
      result: undefined,
    }));

  const loggedIn = async () => {
    const { applicant } = await portal.register();
    const password = deps.phones.lastTo(applicant.phone)!.secret;
    const token = (await portal.login(applicant.phone, password)).body.token as string;
    return { ...applicant, password, token };
  };
  const reportFrom = (token: string) => () => portal.call('POST', '/v1/me/access-reports', { token });

  beforeAll(async () => {
    tables = await createTestTables();
    deps = accountTestDependencies(tables, { passwords: interleaving });
    portal = testPortal(deps);
  });

  it('a login whose password was replaced by a report while it was checked opens no session (2.7)', async () => {
    const applicant = await loggedIn();
    duringNextCheck = reportFrom(applicant.token);
    const login = await portal.login(applicant.phone, applicant.password);
    expect(login.status).toBe(401);
    const issued = deps.phones.lastTo(applicant.phone)!.secret;
    expect((await portal.login(applicant.phone, issued)).status).toBe(201);
  });

  it('a password change under way when the report ends its session does not replace the report’s password (2.7)', async () => {
    const applicant = await loggedIn();
    duringNextCheck = reportFrom(applicant.token);
    const change = await portal.call('PUT', '/v1/me/password', {
      token: applicant.token,
      body: { currentPassword: applicant.password, newPassword: 'Ala-Too-Kyrgyzstan-9' },
    });
    expect(change.status).toBe(401);
    expect((await portal.login(applicant.phone, 'Ala-Too-Kyrgyzstan-9')).status).toBe(401);
    expect((await portal.login(applicant.phone, deps.phones.lastTo(applicant.phone)!.secret)).status).toBe(
      201,
    );
  });

  it('a password reset under way when an operator deletes the account sends no password and sets none (2.2)', async () => {
    const { applicant, answer } = await portal.register();
    const accountId = answer.body.accountId as string;
    const sent = deps.phones.sent.length;
    const reset = await portal.call('POST', '/v1/password-resets', {
      body: { phone: applicant.phone, pin: applicant.pin },
    });
    expect(reset.status).toBe(202);
    const code = deps.phones.lastTo(applicant.phone)!.secret;
    duringNextHash = deleteAccount(accountId);
    const confirmed = await portal.call('POST', '/v1/password-resets/confirm', {
      body: { requestId: reset.body.requestId, code, newPassword: 'Tash-Kumyr 2026!' },
    });
    expect(confirmed.status).toBe(400);
    expect(deps.phones.sent.length).toBe(sent + 1);
    const actions = (await tables.scan()).filter((i) => i.pk === `AUDIT#${accountId}`).map((i) => i.action);
    expect(actions).not.toContain('password_reset');
  });

  it('a report by SMS code under way when an operator deletes the account records nothing (2.2, 2.7)', async () => {
    const { applicant, answer } = await portal.register();
    const accountId = answer.body.accountId as string;
    const { requestId } = (
      await portal.call('POST', '/v1/access-reports', {
        body: { phone: applicant.phone, pin: applicant.pin },
      })
    ).body;
    const code = deps.phones.lastTo(applicant.phone)!.secret;
    duringNextHash = deleteAccount(accountId);
    const confirmed = await portal.call('POST', '/v1/access-reports/confirm', {
      body: { requestId, code, description: 'Not me' },
    });
    expect(confirmed.status).toBe(400);
    expect((await tables.scan()).some((item) => item.pk === `REPORT#${accountId}`)).toBe(false);
  });

  it('a burst of parallel wrong passwords is checked at most up to the lockout, then 423, never 500', async () => {
    const applicant = await loggedIn();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        portal.login(applicant.phone, `wrong-${i}`, `198.51.100.${i + 1}`),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => [401, 423, 503].includes(s))).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(lockoutThreshold);
    for (const answer of answers.filter((a) => a.status !== 401))
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    const right = await portal.login(applicant.phone, applicant.password, '198.51.100.99');
    expect(right.status).toBe(423);
  });

  it('guesses of the current password on a password change count toward the same lockout', async () => {
    const applicant = await loggedIn();
    const guess = (currentPassword: string) =>
      portal.call('PUT', '/v1/me/password', {
        token: applicant.token,
        body: { currentPassword, newPassword: 'Naryn-River-Valley-7' },
      });
    for (let i = 0; i < lockoutThreshold; i += 1) expect((await guess(`wrong-${i}`)).status).toBe(401);
    const locked = await guess(applicant.password);
    expect(locked.status).toBe(423);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await portal.login(applicant.phone, applicant.password)).status).toBe(423);
  });
});
