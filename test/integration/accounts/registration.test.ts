import { createHash } from 'node:crypto';
import { createTestTables, type TestTables } from '../../support/dynamo';
import { accountTestDependencies } from '../../support/accounts';
import { newApplicant, testPortal } from '../../support/portal';

describe('POST /v1/registrations (2.2, 2.5) against DynamoDB Local', () => {
  let tables: TestTables;
  let deps: ReturnType<typeof accountTestDependencies>;
  let portal: ReturnType<typeof testPortal>;

  beforeAll(async () => {
    tables = await createTestTables();
    deps = accountTestDependencies(tables);
    portal = testPortal(deps);
  });

  it('registers an individual, answers the login, and sends the password only by SMS to that phone', async () => {
    const applicant = newApplicant();
    const spelled = `0${applicant.phone.slice(4, 7)} ${applicant.phone.slice(7, 10)} ${applicant.phone.slice(10)}`;
    const { answer } = await portal.register(applicant, { phone: spelled });
    expect(answer.status).toBe(201);
    const login = answer.body.login as string;
    expect(login).toBe(applicant.phone);
    expect(JSON.stringify(answer.body)).not.toMatch(/password/i);
    const sms = deps.phones.lastTo(login)!;
    expect(sms.purpose).toBe('password');
    expect(sms.text).toContain(sms.secret);
    expect(sms.secret).toMatch(/^[23456789bdfghjmnrstuvwz]{14}$/);
  });

  it('stores passport number and PIN only sealed, and claims them by keyed hashes', async () => {
    const { applicant, answer } = await portal.register();
    const items = await tables.scan();
    const dump = JSON.stringify(items);
    expect(dump).not.toContain(applicant.pin);
    expect(dump).not.toContain(applicant.passportNumber);
    expect(dump).not.toContain(applicant.phone);
    const claims = items.filter((item) => item.type === 'claim' && item.accountId === answer.body.accountId);
    expect(claims.map((c) => (c.pk as string).split('#')[1]).sort()).toEqual(['passport', 'phone', 'pin']);
  });

  it('writes the first audit entry with the account (2.6)', async () => {
    const { answer } = await portal.register();
    const entries = (await tables.scan()).filter((item) => item.pk === `AUDIT#${answer.body.accountId}`);
    // 2.4: the IP address and user agent are in the item only sealed under the month's key.
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'registration',
        result: 'success',
        sealedOrigin: expect.any(String),
      }),
    ]);
    expect(JSON.stringify(entries)).not.toContain('203.0.113.7');
    const { entries: read } = await deps.accounts.accounts.activity(answer.body.accountId as string, {
      limit: 5,
    });
    expect(read).toEqual([expect.objectContaining({ action: 'registration', ip: '203.0.113.7' })]);
  });

  it('registers a legal entity with the organization INN (1)', async () => {
    const { answer } = await portal.register(undefined, {
      applicantType: 'legal_entity',
      organizationInn: '01503201910012',
    });
    expect(answer.status).toBe(201);
  });

  it.each([
    ['a legal entity without INN', { applicantType: 'legal_entity' }, 'organizationInn', 'required'],
    ['an unknown applicant type', { applicantType: 'robot' }, 'applicantType', 'invalid_value'],
    ['a foreign phone', { phone: '+7 912 345 67 89' }, 'phone', 'phone_not_kyrgyz'],
    ['a Bishkek landline', { phone: '+996 312 123 456' }, 'phone', 'phone_not_mobile'],
    ['an impossible PIN date', { pin: '23102199012345' }, 'pin', 'pin_invalid_date'],
    ['a future birth date', { pin: '20101209912345' }, 'pin', 'pin_birth_date_in_future'],
    ['a wrong passport series', { passportNumber: 'XY1234567' }, 'passport', 'passport_invalid'],
  ])('refuses %s with a field error and writes nothing', async (_name, change, field, code) => {
    const consentId = await portal.consent();
    const before = await tables.scan();
    const answer = await portal.call('POST', '/v1/registrations', {
      body: { consentId, applicantType: 'individual', ...newApplicant(), ...change },
      headers: { 'accept-language': 'ru' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('validation_failed');
    const errors = answer.body.errors as { field: string; code: string; message: string }[];
    expect(errors).toContainEqual(
      expect.objectContaining({ field: field === 'passport' ? 'passportNumber' : field, code }),
    );
    expect(errors.every((e) => /[а-яё]/i.test(e.message))).toBe(true);
    expect(await tables.scan()).toEqual(before);
  });

  it('refuses a second account with the same phone, PIN or passport number: 409 and nothing written', async () => {
    const { applicant } = await portal.register();
    // Only the SMS attempt counters move: limits count attempts, whatever their outcome.
    const accountData = async () =>
      (await tables.scan()).filter((item) => !String(item.pk).startsWith('RATE#'));
    for (const taken of [
      { phone: applicant.phone },
      { pin: applicant.pin },
      { passportNumber: applicant.passportNumber },
    ]) {
      const consentId = await portal.consent();
      const before = await accountData();
      const answer = await portal.call('POST', '/v1/registrations', {
        body: { consentId, applicantType: 'individual', ...newApplicant(), ...taken },
      });
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('already_registered');
      expect(await accountData()).toEqual(before);
    }
  });

  it('uses a consent once: a second registration with it is 410 consent_expired (preamble)', async () => {
    const consentId = await portal.consent();
    const first = await portal.call('POST', '/v1/registrations', {
      body: { consentId, applicantType: 'individual', ...newApplicant() },
    });
    expect(first.status).toBe(201);
    const second = await portal.call('POST', '/v1/registrations', {
      body: { consentId, applicantType: 'individual', ...newApplicant() },
    });
    expect(second.status).toBe(410);
    expect(second.body.code).toBe('consent_expired');
  });

  it('refuses a consent older than 30 minutes with 410', async () => {
    const consentId = await portal.consent();
    deps.clock.advance(31 * 60);
    const answer = await portal.call('POST', '/v1/registrations', {
      body: { consentId, applicantType: 'individual', ...newApplicant() },
    });
    expect(answer.status).toBe(410);
  });

  it('gives exactly one 201 to twenty concurrent registrations of one phone', async () => {
    const phone = newApplicant().phone;
    const consents = await Promise.all(Array.from({ length: 20 }, () => portal.consent()));
    const answers = await Promise.all(
      consents.map((consentId) =>
        portal.call('POST', '/v1/registrations', {
          body: { consentId, applicantType: 'individual', ...newApplicant(), phone },
          sourceIp: `198.51.100.${Math.floor(Math.random() * 250)}`,
        }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201 && s !== 409 && s !== 429)).toEqual([]);
    const accounts = (await tables.scan()).filter(
      (item) => item.type === 'claim' && (item.pk as string).startsWith('CLAIM#phone#'),
    );
    expect(new Set(accounts.map((a) => a.accountId)).size).toBe(accounts.length);
  });

  it('keeps the account when the SMS fails, logs and counts the failure; the applicant can reset', async () => {
    deps.phones.failing = true;
    try {
      const { applicant, answer } = await portal.register();
      expect(answer.status).toBe(201);
      expect(deps.metrics.counts.get('SmsFailed')).toBeGreaterThanOrEqual(1);
      deps.phones.failing = false;
      const reset = await portal.call('POST', '/v1/password-resets', {
        body: { phone: applicant.phone, pin: applicant.pin },
      });
      expect(reset.status).toBe(202);
      const code = deps.phones.lastTo(applicant.phone)!;
      expect(code.purpose).toBe('code');
      const confirmed = await portal.call('POST', '/v1/password-resets/confirm', {
        body: { requestId: reset.body.requestId, code: code.secret, newPassword: 'Tash-Kumyr 2026!' },
      });
      expect(confirmed.status).toBe(204);
      expect((await portal.login(applicant.phone, 'Tash-Kumyr 2026!')).status).toBe(201);
    } finally {
      deps.phones.failing = false;
    }
  });
});

describe('Idempotency-Key on registration (3.4)', () => {
  it('replays a retried registration: one account, one SMS; another body with the key is 422', async () => {
    const tables = await createTestTables();
    const deps = accountTestDependencies(tables);
    const portal = testPortal(deps);
    const body = { consentId: await portal.consent(), applicantType: 'individual', ...newApplicant() };
    const headers = { 'idempotency-key': 'retry-1' };
    const first = await portal.call('POST', '/v1/registrations', { body, headers });
    const retried = await portal.call('POST', '/v1/registrations', { body, headers });
    expect(first.status).toBe(201);
    expect(retried).toEqual({ ...first, headers: expect.any(Object) });
    expect(retried.body).toEqual(first.body);
    expect(deps.phones.sent.filter((m) => m.phone === body.phone)).toHaveLength(1);
    expect((await tables.scan()).filter((item) => String(item.pk).startsWith('ACCOUNT#'))).toHaveLength(1);
    const other = await portal.call('POST', '/v1/registrations', {
      body: { ...body, ...newApplicant() },
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
  });

  it('keeps nothing readable in the idempotency table: no phone, passport, PIN, password or hash of the body (2.4)', async () => {
    const tables = await createTestTables();
    const deps = accountTestDependencies(tables);
    const portal = testPortal(deps);
    const applicant = newApplicant();
    const body = { consentId: await portal.consent(), applicantType: 'individual', ...applicant };
    const headers = { 'idempotency-key': 'retry-2' };
    const first = await portal.call('POST', '/v1/registrations', { body, headers });
    expect(first.status).toBe(201);
    const { token } = (await portal.login(applicant.phone, deps.phones.lastTo(applicant.phone)!.secret))
      .body as {
      token: string;
    };
    const change = {
      currentPassword: deps.phones.lastTo(applicant.phone)!.secret,
      newPassword: 'Kyzyl-Tash-2026',
    };
    const changed = await portal.call('PUT', '/v1/me/password', { token, body: change, headers });
    expect(changed.status).toBe(204);
    expect(await portal.call('PUT', '/v1/me/password', { token, body: change, headers })).toMatchObject({
      status: 204,
    });
    const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
    const records = (await tables.client.send(new ScanCommand({ TableName: tables.idempotencyTableName })))
      .Items!;
    expect(records).toHaveLength(2);
    const stored = JSON.stringify(records);
    const md5 = (value: unknown) => createHash('md5').update(JSON.stringify(value)).digest('hex');
    for (const secret of [
      applicant.phone,
      applicant.passportNumber,
      applicant.pin,
      change.currentPassword,
      change.newPassword,
      md5(body),
      md5(change),
      String(first.body.accountId),
    ])
      expect(stored).not.toContain(secret);
  });
});
