import { bishkekDay } from '../../../functions/domain/operators/bishkek-time';
import { createJobHandler } from '../../../functions/operators/jobs';
import { accountTestDependencies } from '../../support/accounts';
import { createTestTables, type TestTables } from '../../support/dynamo';
import { testPortal } from '../../support/portal';
import {
  itemsOf,
  logIn,
  operatorTestDependencies,
  registerApplicant,
  type Applicant,
} from '../operators/support';

const day = 24 * 60 * 60;

/** 2.4: the applicant's own rights over their data, through the cabinet's handler, against DynamoDB Local. */
describe('Export and closure (2.4) against DynamoDB Local', () => {
  let tables: TestTables;
  let deps: ReturnType<typeof accountTestDependencies>;
  let portal: ReturnType<typeof testPortal>;

  const loggedIn = async (): Promise<Applicant & { token: string }> => {
    const applicant = await registerApplicant(portal, deps);
    return { ...applicant, token: (await logIn(portal, applicant)).body.token as string };
  };
  const exportOf = (token: string, body: Record<string, unknown>) =>
    portal.call('POST', '/v1/me/exports', { token, body });
  const close = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    portal.call('POST', '/v1/me/closure', { token, body, headers });

  beforeAll(async () => {
    tables = await createTestTables();
    deps = accountTestDependencies(tables);
    portal = testPortal(deps);
  });

  describe('POST /v1/me/exports', () => {
    it('answers the applicant’s own data unmasked, with the export in the activity', async () => {
      const applicant = await loggedIn();
      const other = await loggedIn();

      const answer = await exportOf(applicant.token, { currentPassword: applicant.password });

      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toContain('no-store');
      expect(answer.body.account).toMatchObject({
        accountId: applicant.accountId,
        phone: applicant.phone,
        passportNumber: applicant.passportNumber,
        pin: applicant.pin,
      });
      expect(JSON.stringify(answer.body)).not.toContain(other.pin);
      expect((answer.body.activity as { action: string }[]).map((item) => item.action)).toEqual([
        'data_exported',
        'login',
        'registration',
      ]);
    });

    it('refuses without re-authentication (403) or with a wrong password (401, counted), and exports nothing', async () => {
      const applicant = await loggedIn();

      const missing = await exportOf(applicant.token, {});
      const wrong = await exportOf(applicant.token, { currentPassword: 'not-the-password' });

      expect([missing.status, missing.body.code]).toEqual([403, 'reauthentication_required']);
      expect([wrong.status, wrong.body.code]).toEqual([401, 'invalid_credentials']);
      expect(JSON.stringify([missing.body, wrong.body])).not.toContain(applicant.pin);
      const audit = await itemsOf(tables, `AUDIT#${applicant.accountId}`);
      expect(audit.map((entry) => `${entry.action}:${entry.result}`)).toContain('data_export_failed:failure');
      expect(audit.map((entry) => entry.action)).not.toContain('data_exported');
      const account = (await itemsOf(tables, `ACCOUNT#${applicant.accountId}`))[0]!;
      expect(account.failedLogins).toBe(1);
    });
  });

  describe('POST /v1/me/closure', () => {
    it('ends every session, refuses the login, and replays its answer to a retry (3.4)', async () => {
      const applicant = await loggedIn();
      const second = (await logIn(portal, applicant)).body.token as string;
      const key = { 'idempotency-key': `closure-${applicant.accountId}` };

      const closed = await close(applicant.token, { currentPassword: applicant.password }, key);
      const retried = await close(applicant.token, { currentPassword: applicant.password }, key);

      expect([closed.status, retried.status]).toEqual([204, 204]);
      for (const token of [applicant.token, second])
        expect((await portal.call('GET', '/v1/me', { token })).status).toBe(401);
      const login = await logIn(portal, applicant);
      expect([login.status, login.body.code]).toEqual([401, 'invalid_credentials']);
      const audit = await itemsOf(tables, `AUDIT#${applicant.accountId}`);
      expect(audit.filter((entry) => entry.action === 'account_closed')).toHaveLength(1);
      expect(await itemsOf(tables, `DUE#purge#${applicant.accountId}`)).toHaveLength(1);
    });

    it('refuses without re-authentication and keeps the account open', async () => {
      const applicant = await loggedIn();

      const answer = await close(applicant.token, {});

      expect([answer.status, answer.body.code]).toEqual([403, 'reauthentication_required']);
      expect((await portal.call('GET', '/v1/me', { token: applicant.token })).status).toBe(200);
    });
  });

  it('counts closures in the operators’ daily report, and the purge frees the phone after retention', async () => {
    // Tables of its own: the report counts this closure alone.
    const ownTables = await createTestTables();
    deps = accountTestDependencies(ownTables);
    portal = testPortal(deps);
    const operators = operatorTestDependencies(ownTables, deps);
    const applicant = await loggedIn();
    const identity = { phone: applicant.phone, passportNumber: applicant.passportNumber, pin: applicant.pin };
    expect((await close(applicant.token, { currentPassword: applicant.password })).status).toBe(204);

    const report = await createJobHandler(operators, 'daily-report')({ day: bishkekDay(deps.clock.now()) });
    const held = await portal.register(identity);
    deps.clock.advance(91 * day);
    const purge = createJobHandler(operators, 'purge-deleted');
    for (let runs = 0; runs < 100 && (await purge({})).continueNow; runs += 1);
    const again = await portal.register(identity);

    expect(report.details).toMatchObject({ closures: 1 });
    expect(held.answer.status).toBe(409);
    expect(again.answer.status).toBe(201);
  });
});
