import { createTestTables, type TestTables } from '../../support/dynamo';
import { accountTestDependencies } from '../../support/accounts';
import { newApplicant, testPortal } from '../../support/portal';

describe('Reporting unauthorized access (2.6, 2.7) against DynamoDB Local', () => {
  let tables: TestTables;
  let deps: ReturnType<typeof accountTestDependencies>;
  let portal: ReturnType<typeof testPortal>;

  const loggedIn = async () => {
    const { applicant, answer } = await portal.register();
    const password = deps.phones.lastTo(applicant.phone)!.secret;
    const login = () => portal.login(applicant.phone, password);
    const token = (await login()).body.token as string;
    return { ...applicant, accountId: answer.body.accountId as string, password, token, login };
  };

  beforeAll(async () => {
    tables = await createTestTables();
    deps = accountTestDependencies(tables);
    portal = testPortal(deps);
  });

  it('from the cabinet: every session ends, the old password fails, the new one from the SMS works, operators are alerted', async () => {
    const applicant = await loggedIn();
    const other = (await applicant.login()).body.token as string;
    deps.clock.advance(5);
    const report = await portal.call('POST', '/v1/me/access-reports', {
      token: applicant.token,
      body: { description: 'Not me' },
    });
    expect(report.status).toBe(201);
    expect(report.body).toEqual({ reportId: expect.any(String), reportedAt: deps.clock.now().toISOString() });
    for (const token of [applicant.token, other])
      expect((await portal.call('GET', '/v1/me', { token })).status).toBe(401);
    expect((await applicant.login()).status).toBe(401);
    const sms = deps.phones.lastTo(applicant.phone)!;
    expect(sms.purpose).toBe('password');
    const fresh = await portal.login(applicant.phone, sms.secret);
    expect(fresh.status).toBe(201);
    expect(deps.alerts.published.at(-1)).toMatchObject({
      kind: 'access_report',
      accountId: applicant.accountId,
      reportId: report.body.reportId,
    });
    expect(JSON.stringify(deps.alerts.published)).not.toContain(applicant.phone);
    expect(deps.metrics.counts.get('AccessReports')).toBeGreaterThanOrEqual(1);
  });

  it('replays a retried report to the same credential, although the report ended that session (2.7, 3.4)', async () => {
    const applicant = await loggedIn();
    const headers = { 'idempotency-key': 'report-retry' };
    const call = (token: string) =>
      portal.call('POST', '/v1/me/access-reports', { token, headers, body: { description: 'Not me' } });
    const first = await call(applicant.token);
    const retried = await call(applicant.token);
    expect([first.status, retried.status]).toEqual([201, 201]);
    expect(retried.body).toEqual(first.body);
    expect(
      deps.phones.sent.filter((m) => m.phone === applicant.phone && m.purpose === 'password'),
    ).toHaveLength(2);
    // Only the credential that made the request gets its answer: another token with the same key is refused.
    expect((await call('not-a-session-token')).status).toBe(401);
    expect((await portal.call('GET', '/v1/me', { token: applicant.token })).status).toBe(401);
  });

  it('accepts an empty body: reporting needs nothing but the wish to report', async () => {
    const applicant = await loggedIn();
    expect((await portal.call('POST', '/v1/me/access-reports', { token: applicant.token })).status).toBe(201);
  });

  it('marks the moment in the activity: every action before the report is the applicant’s, those in the suspected window flagged disputed (2.6)', async () => {
    const applicant = await loggedIn();
    deps.clock.advance(60);
    const suspectedSince = deps.clock.now().toISOString();
    deps.clock.advance(60);
    await portal.login(applicant.phone, applicant.password);
    deps.clock.advance(60);
    await portal.call('POST', '/v1/me/access-reports', { token: applicant.token, body: { suspectedSince } });
    const password = deps.phones.lastTo(applicant.phone)!.secret;
    const token = (await portal.login(applicant.phone, password)).body.token as string;
    const items = (await portal.call('GET', '/v1/me/activity', { token })).body.items as {
      action: string;
      attributedToApplicant: boolean;
      attribution: string;
    }[];
    expect(items.map((i) => `${i.action}:${i.attribution}`)).toEqual([
      'login:applicant',
      'access_reported:applicant',
      'login:disputed',
      'login:applicant',
      'registration:applicant',
    ]);
    // "All actions ... are deemed to be the Applicant's own, except after the Applicant has notified the Operator."
    expect(items.every((i) => i.attributedToApplicant)).toBe(true);
  });

  it('without logging in: 202 always, a code only where phone and PIN match, then the same effects', async () => {
    const applicant = await loggedIn();
    const sentBefore = deps.phones.sent.length;
    const wrongPin = await portal.call('POST', '/v1/access-reports', {
      body: { phone: applicant.phone, pin: newApplicant().pin },
    });
    const unknown = await portal.call('POST', '/v1/access-reports', {
      body: { phone: newApplicant().phone, pin: applicant.pin },
    });
    expect([wrongPin.status, unknown.status]).toEqual([202, 202]);
    expect(Object.keys(wrongPin.body)).toEqual(['requestId']);
    expect(Object.keys(unknown.body)).toEqual(['requestId']);
    expect(deps.phones.sent.length).toBe(sentBefore);
    const request = await portal.call('POST', '/v1/access-reports', {
      body: { phone: applicant.phone, pin: applicant.pin },
    });
    expect(request.status).toBe(202);
    const { requestId } = request.body;
    const code = deps.phones.lastTo(applicant.phone)!;
    expect(code.secret).toMatch(/^\d{6}$/);
    const wrong = await portal.call('POST', '/v1/access-reports/confirm', {
      body: { requestId, code: code.secret === '000000' ? '111111' : '000000' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('invalid_code');
    const confirmed = await portal.call('POST', '/v1/access-reports/confirm', {
      body: { requestId, code: code.secret, description: 'Stolen phone' },
    });
    expect(confirmed.status).toBe(201);
    expect((await portal.call('GET', '/v1/me', { token: applicant.token })).status).toBe(401);
    expect((await applicant.login()).status).toBe(401);
    const password = deps.phones.lastTo(applicant.phone)!;
    expect(password.purpose).toBe('password');
    expect((await portal.login(applicant.phone, password.secret)).status).toBe(201);
    const again = await portal.call('POST', '/v1/access-reports/confirm', {
      body: { requestId, code: code.secret },
    });
    expect(again.status).toBe(400);
  });

  it('records two reports at once: both stored, sessions end once, one new password is valid', async () => {
    const applicant = await loggedIn();
    const sentBefore = deps.phones.sent.filter((m) => m.phone === applicant.phone).length;
    const [first, second] = await Promise.all([
      portal.call('POST', '/v1/me/access-reports', { token: applicant.token, body: { description: 'one' } }),
      portal.call('POST', '/v1/me/access-reports', { token: applicant.token, body: { description: 'two' } }),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const reports = (await tables.scan()).filter((item) => item.pk === `REPORT#${applicant.accountId}`);
    expect(reports).toHaveLength(2);
    const passwords = deps.phones.sent.filter((m) => m.phone === applicant.phone).slice(sentBefore);
    expect(passwords).toHaveLength(1);
    expect((await portal.login(applicant.phone, passwords[0]!.secret!)).status).toBe(201);
  });

  it('keeps the report and ends the sessions when the SMS fails; the applicant can reset the password', async () => {
    const applicant = await loggedIn();
    deps.phones.failing = true;
    try {
      expect((await portal.call('POST', '/v1/me/access-reports', { token: applicant.token })).status).toBe(
        201,
      );
    } finally {
      deps.phones.failing = false;
    }
    expect((await portal.call('GET', '/v1/me', { token: applicant.token })).status).toBe(401);
    expect((await tables.scan()).some((item) => item.pk === `REPORT#${applicant.accountId}`)).toBe(true);
    const reset = await portal.call('POST', '/v1/password-resets', {
      body: { phone: applicant.phone, pin: applicant.pin },
    });
    expect(reset.status).toBe(202);
    const code = deps.phones.lastTo(applicant.phone)!.secret;
    const confirmed = await portal.call('POST', '/v1/password-resets/confirm', {
      body: { requestId: reset.body.requestId, code, newPassword: 'Tash-Kumyr 2026!' },
    });
    expect(confirmed.status).toBe(204);
    expect((await portal.login(applicant.phone, 'Tash-Kumyr 2026!')).status).toBe(201);
  });

  it('refuses a suspected start in the future with 400 and records nothing', async () => {
    const applicant = await loggedIn();
    const future = new Date(deps.clock.now().getTime() + 86_400_000).toISOString();
    const answer = await portal.call('POST', '/v1/me/access-reports', {
      token: applicant.token,
      body: { suspectedSince: future },
    });
    expect(answer.status).toBe(400);
    expect((await tables.scan()).some((item) => item.pk === `REPORT#${applicant.accountId}`)).toBe(false);
  });

  it('refuses a future suspected start with the code before the code is tried: no attempt is used up', async () => {
    const applicant = await loggedIn();
    const { requestId } = (
      await portal.call('POST', '/v1/access-reports', {
        body: { phone: applicant.phone, pin: applicant.pin },
      })
    ).body;
    const code = deps.phones.lastTo(applicant.phone)!.secret;
    const future = new Date(deps.clock.now().getTime() + 86_400_000).toISOString();
    const confirm = (extra: Record<string, string> = {}) =>
      portal.call('POST', '/v1/access-reports/confirm', { body: { requestId, code, ...extra } });
    for (let i = 0; i < 6; i += 1) expect((await confirm({ suspectedSince: future })).status).toBe(400);
    expect((await confirm()).status).toBe(201);
  });
});
