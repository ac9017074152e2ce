import { createTestTables } from '../support/dynamo';
import { accountTestDependencies } from '../support/accounts';
import { newApplicant, testPortal } from '../support/portal';

describe('Hostile use of the API (2.8, Security rules)', () => {
  it('stops brute force across many phones from one source: login attempts per IP are limited (429 + Retry-After)', async () => {
    const tables = await createTestTables();
    const portal = testPortal(accountTestDependencies(tables));
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 102; i += 1) {
      const answer = await portal.call('POST', '/v1/sessions', {
        body: { phone: newApplicant().phone, password: 'guess-123' },
        sourceIp: '203.0.113.66',
      });
      statuses.push(answer.status);
      retryAfter ??= answer.headers['retry-after'];
    }
    expect(statuses.slice(0, 100).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(100)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const elsewhere = await portal.call('POST', '/v1/sessions', {
      body: { phone: newApplicant().phone, password: 'x' },
      sourceIp: '203.0.113.67',
    });
    expect(elsewhere.status).toBe(401);
  });

  it('lets nobody who knows only the phone use up its owner’s password reset or report code (2.7)', async () => {
    const tables = await createTestTables();
    const deps = accountTestDependencies(tables);
    const portal = testPortal(deps);
    const { applicant } = await portal.register();
    const stranger = newApplicant();
    // Wrong PINs from many sources, and registrations of the owner's phone (409), again and again.
    for (let i = 0; i < 6; i += 1) {
      const sourceIp = `198.51.100.${10 + i}`;
      const wrong = { phone: applicant.phone, pin: stranger.pin };
      expect((await portal.call('POST', '/v1/password-resets', { body: wrong, sourceIp })).status).toBe(202);
      expect((await portal.call('POST', '/v1/access-reports', { body: wrong, sourceIp })).status).toBe(202);
      const taken = await portal.call('POST', '/v1/registrations', {
        body: {
          consentId: await portal.consent(),
          applicantType: 'individual',
          ...stranger,
          phone: applicant.phone,
        },
        sourceIp,
      });
      expect(taken.status).toBe(409);
    }
    const sent = deps.phones.sent.length;
    const right = { phone: applicant.phone, pin: applicant.pin };
    expect((await portal.call('POST', '/v1/access-reports', { body: right })).status).toBe(202);
    expect((await portal.call('POST', '/v1/password-resets', { body: right })).status).toBe(202);
    expect(deps.phones.sent.slice(sent).map((m) => m.purpose)).toEqual(['code', 'code']);
  });

  it('counts a whole IPv6 /64 as one source: fresh addresses do not escape the per-IP login limit', async () => {
    const tables = await createTestTables();
    const portal = testPortal(accountTestDependencies(tables));
    const statuses: number[] = [];
    for (let i = 0; i < 101; i += 1) {
      const answer = await portal.call('POST', '/v1/sessions', {
        body: { phone: newApplicant().phone, password: 'guess-123' },
        sourceIp: `2001:db8:77:1:${(i + 1).toString(16)}::1`,
      });
      statuses.push(answer.status);
    }
    expect(statuses.at(-1)).toBe(429);
    const otherSubscriber = await portal.call('POST', '/v1/sessions', {
      body: { phone: newApplicant().phone, password: 'x' },
      sourceIp: '2001:db8:77:2::1',
    });
    expect(otherSubscriber.status).toBe(401);
  });

  it('refuses tampered tokens and shows each account only its own data', async () => {
    const tables = await createTestTables();
    const deps = accountTestDependencies(tables);
    const portal = testPortal(deps);
    const tokens: string[] = [];
    const phones: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const { applicant } = await portal.register();
      const password = deps.phones.lastTo(applicant.phone)!.secret;
      tokens.push((await portal.login(applicant.phone, password)).body.token as string);
      phones.push(applicant.phone);
    }
    const [first, second] = tokens as [string, string];
    const tampered = `${first.slice(0, -2)}${first.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await portal.call('GET', '/v1/me', { token: tampered })).status).toBe(401);
    expect((await portal.call('GET', '/v1/me', { token: first.toUpperCase() })).status).toBe(401);
    expect((await portal.call('GET', '/v1/me', { token: first })).body.login).toBe(phones[0]);
    expect((await portal.call('GET', '/v1/me', { token: second })).body.login).toBe(phones[1]);
  });

  it('answers the password reset and the report code the same for registered and unregistered data', async () => {
    const tables = await createTestTables();
    const deps = accountTestDependencies(tables);
    const portal = testPortal(deps);
    const { applicant } = await portal.register();
    for (const path of ['/v1/password-resets', '/v1/access-reports']) {
      const known = await portal.call('POST', path, {
        body: { phone: applicant.phone, pin: newApplicant().pin },
        sourceIp: '198.51.100.1',
      });
      const unknown = await portal.call('POST', path, {
        body: { phone: newApplicant().phone, pin: applicant.pin },
        sourceIp: '198.51.100.2',
      });
      // The same status and body keys; the request ids differ, as any two requests' do.
      expect({ status: known.status, keys: Object.keys(known.body) }).toEqual({
        status: unknown.status,
        keys: Object.keys(unknown.body),
      });
    }
  });

  it('gives each SMS code five guesses on its own request: guessing a reset code ends that request only (2.7)', async () => {
    const tables = await createTestTables();
    const deps = accountTestDependencies(tables);
    const portal = testPortal(deps);
    const { applicant } = await portal.register();
    const request = async () =>
      (
        await portal.call('POST', '/v1/password-resets', {
          body: { phone: applicant.phone, pin: applicant.pin },
        })
      ).body.requestId as string;
    const first = await request();
    const firstCode = deps.phones.lastTo(applicant.phone)!.secret;
    const second = await request();
    const secondCode = deps.phones.lastTo(applicant.phone)!.secret;
    const confirm = (requestId: string, code: string) =>
      portal.call('POST', '/v1/password-resets/confirm', {
        body: { requestId, code, newPassword: 'Jalal-Abad 2026 walnut' },
      });
    const statuses: number[] = [];
    for (let guess = 0; guess < 1_000_000 && statuses.length < 6; guess += 1) {
      const code = String(guess).padStart(6, '0');
      if (code !== firstCode) statuses.push((await confirm(first, code)).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400]);
    // Five wrong guesses used the first request up: its own code no longer works.
    expect((await confirm(first, firstCode)).status).toBe(400);
    // Request ids that were never issued, or are malformed, are the same 400 and change nothing.
    expect((await confirm(crypto.randomUUID(), secondCode)).status).toBe(400);
    expect((await confirm('../../etc/passwd', secondCode)).status).toBe(400);
    expect((await confirm(second, secondCode)).status).toBe(204);
    expect((await portal.login(applicant.phone, 'Jalal-Abad 2026 walnut')).status).toBe(201);
  });
});
