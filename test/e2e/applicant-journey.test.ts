import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertsOutbox, httpClient, lastSmsTo, smsOutbox } from '../support/http';
import { newApplicant } from '../support/portal';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';

// Starting `npm start` (tsx, the page's build, DynamoDB Local) in beforeAll takes tens of seconds on a loaded 2-core
// machine: hooks and tests get a generous bound (the start itself gives up after 90 s).
jest.setTimeout(180_000);

/**
 * A whole applicant journey over HTTP against `npm start`, reading the SMS outbox like a person reading their
 * phone; at the end, none of the personal data or secrets it used may appear in any log line.
 */
describe('An applicant journey over HTTP (2.1–2.7)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-journey-'));
  let portal: PortalProcess;
  let http: ReturnType<typeof httpClient>;
  const secrets = new Set<string>();
  const applicant = newApplicant();
  const remember = (...values: string[]) => values.forEach((v) => secrets.add(v));

  beforeAll(async () => {
    portal = await startPortalProcess(dataDir);
    http = httpClient(portal.url);
    remember(applicant.phone, applicant.pin, applicant.passportNumber);
  });

  afterAll(async () => {
    await portal.stop('SIGTERM');
  });

  /** Another applicant, registered and logged in: whose session nobody else may end. */
  const registeredStranger = async () => {
    const stranger = newApplicant();
    const agreement = await http('GET', '/v1/agreement');
    const consent = await http('POST', '/v1/consents', {
      body: { agreementVersion: agreement.body.version, accepted: true, language: 'en' },
    });
    await http('POST', '/v1/registrations', {
      body: { consentId: consent.body.consentId, applicantType: 'individual', ...stranger },
    });
    const password = lastSmsTo(dataDir, stranger.phone, 'password').secret;
    const token = (await http('POST', '/v1/sessions', { body: { phone: stranger.phone, password } })).body
      .token as string;
    remember(stranger.phone, stranger.pin, stranger.passportNumber, password, token);
    const listed = (await http('GET', '/v1/me/sessions', { token })).body.items as { sessionId: string }[];
    return { token, sessionId: listed[0]!.sessionId };
  };

  it('consents, registers, reads the password from the SMS and logs in', async () => {
    const agreement = await http('GET', '/v1/agreement');
    const consent = await http('POST', '/v1/consents', {
      body: { agreementVersion: agreement.body.version, accepted: true, language: 'ru' },
    });
    expect(consent.status).toBe(201);
    const registered = await http('POST', '/v1/registrations', {
      body: { consentId: consent.body.consentId, applicantType: 'individual', ...applicant },
      headers: { 'idempotency-key': 'journey-registration' },
    });
    expect(registered.status).toBe(201);
    expect(registered.body.login).toBe(applicant.phone);
    const sms = lastSmsTo(dataDir, applicant.phone);
    expect(sms).toMatchObject({ purpose: 'password', phone: applicant.phone });
    expect(Object.keys(sms)).toEqual(['at', 'phone', 'purpose', 'text', 'secret']);
    expect(sms.text).toMatch(/парол/i);
    remember(sms.secret);
    const login = await http('POST', '/v1/sessions', {
      body: { phone: applicant.phone, password: sms.secret },
    });
    expect(login.status).toBe(201);
    remember(login.body.token as string);
    const me = await http('GET', '/v1/me', { token: login.body.token as string });
    expect(me.status).toBe(200);
    expect(me.body.passportNumber).not.toBe(applicant.passportNumber);
  });

  it('refuses a reused Idempotency-Key with another body (422), sending no SMS (3.4)', async () => {
    const before = smsOutbox(dataDir).length;
    const consent = await http('POST', '/v1/consents', {
      body: { agreementVersion: '1', accepted: true, language: 'ru' },
    });
    const retried = await http('POST', '/v1/registrations', {
      body: { consentId: consent.body.consentId, applicantType: 'individual', ...applicant },
      headers: { 'idempotency-key': 'journey-registration' },
    });
    expect(retried.status).toBe(422);
    expect(smsOutbox(dataDir).length).toBe(before);
  });

  it('reports unauthorized access: old tokens 401, old password fails, the new one works, the boundary shows, operators alerted', async () => {
    const password = lastSmsTo(dataDir, applicant.phone).secret;
    const first = (await http('POST', '/v1/sessions', { body: { phone: applicant.phone, password } })).body
      .token as string;
    const second = (await http('POST', '/v1/sessions', { body: { phone: applicant.phone, password } })).body
      .token as string;
    remember(first, second);
    const report = await http('POST', '/v1/me/access-reports', {
      token: first,
      body: { description: 'Someone else logged in' },
    });
    expect(report.status).toBe(201);
    for (const token of [first, second]) expect((await http('GET', '/v1/me', { token })).status).toBe(401);
    expect((await http('POST', '/v1/sessions', { body: { phone: applicant.phone, password } })).status).toBe(
      401,
    );
    const fresh = lastSmsTo(dataDir, applicant.phone);
    expect(fresh.secret).not.toBe(password);
    remember(fresh.secret);
    const login = await http('POST', '/v1/sessions', {
      body: { phone: applicant.phone, password: fresh.secret },
    });
    expect(login.status).toBe(201);
    const token = login.body.token as string;
    remember(token);
    const activity = (await http('GET', '/v1/me/activity', { token })).body.items as { action: string }[];
    expect(activity.map((i) => i.action)).toContain('access_reported');
    expect(alertsOutbox(dataDir).at(-1)).toMatchObject({
      kind: 'access_report',
      reportId: report.body.reportId,
    });
    expect(JSON.stringify(alertsOutbox(dataDir))).not.toContain(applicant.phone);
  });

  it('reports without logging in, with a code from the SMS (2.7)', async () => {
    const request = await http('POST', '/v1/access-reports', {
      body: { phone: applicant.phone, pin: applicant.pin },
    });
    expect(request.status).toBe(202);
    const code = lastSmsTo(dataDir, applicant.phone);
    expect(code.purpose).toBe('code');
    remember(code.secret);
    const confirmed = await http('POST', '/v1/access-reports/confirm', {
      body: { requestId: request.body.requestId, code: code.secret },
    });
    expect(confirmed.status).toBe(201);
    remember(lastSmsTo(dataDir, applicant.phone, 'password').secret);
  });

  it('presses Exit: the session ends on the server (2.7)', async () => {
    const password = lastSmsTo(dataDir, applicant.phone, 'password').secret;
    const attempt = await http('POST', '/v1/sessions', { body: { phone: applicant.phone, password } });
    expect(attempt.status).toBe(201);
    const token = attempt.body.token as string;
    remember(token);
    expect((await http('DELETE', '/v1/sessions/current', { token })).status).toBe(204);
    expect((await http('GET', '/v1/me', { token })).status).toBe(401);
  });

  it('ends one session it does not recognise, chosen from the list, and nobody else’s (2.7)', async () => {
    const password = lastSmsTo(dataDir, applicant.phone, 'password').secret;
    const logIn = async () =>
      (await http('POST', '/v1/sessions', { body: { phone: applicant.phone, password } })).body
        .token as string;
    const [mine, unrecognised] = [await logIn(), await logIn()];
    remember(mine, unrecognised);
    const listed = (await http('GET', '/v1/me/sessions', { token: mine })).body.items as {
      sessionId: string;
      current: boolean;
    }[];
    const own = listed.find((item) => item.current)!.sessionId;
    const other = (await http('GET', '/v1/me/sessions', { token: unrecognised })).body.items as typeof listed;
    const chosen = other.find((item) => item.current)!.sessionId;

    expect((await http('DELETE', `/v1/sessions/${chosen}`, { token: mine })).status).toBe(204);
    expect((await http('GET', '/v1/me', { token: unrecognised })).status).toBe(401);
    expect((await http('GET', '/v1/me', { token: mine })).status).toBe(200);
    const activity = (await http('GET', '/v1/me/activity', { token: mine })).body.items as {
      action: string;
    }[];
    expect(activity[0]!.action).toBe('session_ended');

    // Already ended, never existed, malformed, or someone else's: 404 alike, and the asking session goes on.
    const stranger = await registeredStranger();
    for (const sessionId of [
      chosen,
      '00000000-0000-4000-8000-000000000000',
      'current%20x',
      stranger.sessionId,
    ]) {
      const refused = await http('DELETE', `/v1/sessions/${sessionId}`, { token: mine });
      expect([refused.status, refused.body.code]).toEqual([404, 'not_found']);
    }
    expect((await http('GET', '/v1/me', { token: stranger.token })).status).toBe(200);
    expect((await http('DELETE', `/v1/sessions/${own}`)).status).toBe(401);
    expect((await http('GET', `/v1/sessions/${own}`, { token: mine })).status).toBe(405);
    expect((await http('GET', '/v1/me', { token: mine })).status).toBe(200);
  });

  it('logs none of the phones, passport numbers, PINs, passwords, tokens or codes it used (2.4)', async () => {
    // Every line, whenever it was flushed and on whichever stream (warnings and errors go to stderr, which may
    // lag behind stdout): the portal is stopped (the last test here) and its output read to the end.
    const last = await fetch(`${portal.url}/v1/health`);
    expect(await portal.stop('SIGTERM')).toBe(0);
    expect(portal.output()).toMatch(
      new RegExp(`GET /v1/health 200 [0-9.]+ms ${last.headers.get('x-request-id')}`),
    );
    // The local SMS console line ("SMS to …") shows the message by design (DESIGN: Local SMS outbox); every other line is a log line.
    const logLines = portal
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('SMS to '));
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.some((line) => line.startsWith('{'))).toBe(true);
    for (const secret of secrets) {
      const leaking = logLines.filter((line) => line.includes(secret));
      expect({ secret: `${secret.slice(0, 3)}…`, leaking }).toEqual({
        secret: `${secret.slice(0, 3)}…`,
        leaking: [],
      });
    }
    const withoutPlus = applicant.phone.slice(1);
    expect(logLines.filter((line) => line.includes(withoutPlus))).toEqual([]);
  });
});
