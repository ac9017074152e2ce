import { DocumentCatalog, agreementV1 } from '../../../functions/domain/agreement/catalog';
import { createTestTables, type TestTables } from '../../support/dynamo';
import { accountTestDependencies } from '../../support/accounts';
import { newApplicant, testPortal } from '../../support/portal';

describe('The personal cabinet (2.2, 2.4, 2.6) against DynamoDB Local', () => {
  let tables: TestTables;
  let deps: ReturnType<typeof accountTestDependencies>;
  let portal: ReturnType<typeof testPortal>;

  const loggedIn = async () => {
    const { applicant } = await portal.register();
    const password = deps.phones.lastTo(applicant.phone)!.secret;
    const token = (await portal.login(applicant.phone, password)).body.token as string;
    return { ...applicant, password, token };
  };

  beforeAll(async () => {
    tables = await createTestTables();
    deps = accountTestDependencies(tables);
    portal = testPortal(deps);
  });

  it('shows the passport number and PIN masked (2.4)', async () => {
    const applicant = await loggedIn();
    const me = await portal.call('GET', '/v1/me', { token: applicant.token });
    expect(me.body.passportNumber).toBe(`ID*****${applicant.passportNumber.slice(-2)}`);
    expect(me.body.pin).toBe(`2***********${applicant.pin.slice(-2)}`);
    expect(JSON.stringify(me.body)).not.toContain(applicant.pin);
    expect(me.body.consent).toEqual({
      version: '1',
      privacyPolicyVersion: '1',
      acceptedAt: expect.any(String),
    });
  });

  it('keeps the passport number current, claiming the new one in the same transaction (2.2)', async () => {
    const applicant = await loggedIn();
    const fresh = newApplicant().passportNumber.replace('ID', 'AN');
    const changed = await portal.call('PATCH', '/v1/me', {
      token: applicant.token,
      body: { passportNumber: fresh.toLowerCase() },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.passportNumber).toBe(`AN*****${fresh.slice(-2)}`);
    // The old number is free again; the new one is taken.
    const other = await loggedIn();
    expect(
      (await portal.call('PATCH', '/v1/me', { token: other.token, body: { passportNumber: fresh } })).status,
    ).toBe(409);
    expect(
      (
        await portal.call('PATCH', '/v1/me', {
          token: other.token,
          body: { passportNumber: applicant.passportNumber },
        })
      ).status,
    ).toBe(200);
  });

  it('refuses a passport number of another account with 409 and changes nothing', async () => {
    const [first, second] = [await loggedIn(), await loggedIn()];
    const before = await tables.scan();
    const answer = await portal.call('PATCH', '/v1/me', {
      token: second.token,
      body: { passportNumber: first.passportNumber },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('already_registered');
    expect((await tables.scan()).filter((i) => !String(i.pk).startsWith('SESSION#'))).toEqual(
      before.filter((i) => !String(i.pk).startsWith('SESSION#')),
    );
  });

  it('changes the password: weak ones refused, the current one required, other sessions end', async () => {
    const applicant = await loggedIn();
    const other = (await portal.login(applicant.phone, applicant.password)).body.token as string;
    const weak = await portal.call('PUT', '/v1/me/password', {
      token: applicant.token,
      body: { currentPassword: applicant.password, newPassword: 'password1' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('weak_password');
    const wrong = await portal.call('PUT', '/v1/me/password', {
      token: applicant.token,
      body: { currentPassword: 'nope', newPassword: 'Tash-Kumyr 2026!' },
    });
    expect(wrong.status).toBe(401);
    const ok = await portal.call('PUT', '/v1/me/password', {
      token: applicant.token,
      body: { currentPassword: applicant.password, newPassword: 'Tash-Kumyr 2026!' },
    });
    expect(ok.status).toBe(204);
    expect((await portal.call('GET', '/v1/me', { token: other })).status).toBe(401);
    expect((await portal.call('GET', '/v1/me', { token: applicant.token })).status).toBe(200);
    expect((await portal.login(applicant.phone, 'Tash-Kumyr 2026!')).status).toBe(201);
    expect((await portal.login(applicant.phone, applicant.password)).status).toBe(401);
  });

  it('moves the login to a new phone once the code sent to it comes back', async () => {
    const applicant = await loggedIn();
    const newPhone = newApplicant().phone;
    expect(
      (
        await portal.call('POST', '/v1/me/phone-changes', {
          token: applicant.token,
          body: { newPhone, currentPassword: applicant.password },
        })
      ).status,
    ).toBe(202);
    const code = deps.phones.lastTo(newPhone)!;
    expect(code.purpose).toBe('code');
    expect(code.secret).toMatch(/^\d{6}$/);
    const wrongCode = code.secret === '000000' ? '111111' : '000000';
    const wrong = await portal.call('POST', '/v1/me/phone-changes/confirm', {
      token: applicant.token,
      body: { code: wrongCode },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('invalid_code');
    const confirmed = await portal.call('POST', '/v1/me/phone-changes/confirm', {
      token: applicant.token,
      body: { code: code.secret },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.login).toBe(newPhone);
    expect((await portal.login(newPhone, applicant.password)).status).toBe(201);
    expect((await portal.login(applicant.phone, applicant.password)).status).toBe(401);
    const reused = await portal.call('POST', '/v1/me/phone-changes/confirm', {
      token: applicant.token,
      body: { code: code.secret },
    });
    expect(reused.status).toBe(400);
  });

  it('gives a code few attempts: after five wrong ones even the right code is refused', async () => {
    const applicant = await loggedIn();
    const newPhone = newApplicant().phone;
    await portal.call('POST', '/v1/me/phone-changes', {
      token: applicant.token,
      body: { newPhone, currentPassword: applicant.password },
    });
    const code = deps.phones.lastTo(newPhone)!.secret;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      expect(
        (
          await portal.call('POST', '/v1/me/phone-changes/confirm', {
            token: applicant.token,
            body: { code: wrong },
          })
        ).status,
      ).toBe(400);
    }
    expect(
      (await portal.call('POST', '/v1/me/phone-changes/confirm', { token: applicant.token, body: { code } }))
        .status,
    ).toBe(400);
  });

  it('refuses a phone change to a phone of another account with 409', async () => {
    const [first, second] = [await loggedIn(), await loggedIn()];
    const answer = await portal.call('POST', '/v1/me/phone-changes', {
      token: second.token,
      body: { newPhone: first.phone, currentPassword: second.password },
    });
    expect(answer.status).toBe(409);
  });

  it('resets the password by phone and PIN in two steps: a code where both match, the chosen password only with it (2.7)', async () => {
    const applicant = await loggedIn();
    const sentBefore = deps.phones.sent.length;
    const mismatch = await portal.call('POST', '/v1/password-resets', {
      body: { phone: applicant.phone, pin: newApplicant().pin },
    });
    const unknown = await portal.call('POST', '/v1/password-resets', {
      body: { phone: newApplicant().phone, pin: applicant.pin },
    });
    expect([mismatch.status, unknown.status]).toEqual([202, 202]);
    expect(Object.keys(mismatch.body)).toEqual(['requestId']);
    expect(Object.keys(unknown.body)).toEqual(['requestId']);
    expect(deps.phones.sent.length).toBe(sentBefore);
    const match = await portal.call('POST', '/v1/password-resets', {
      body: { phone: applicant.phone, pin: applicant.pin },
    });
    expect(match.status).toBe(202);
    const code = deps.phones.lastTo(applicant.phone)!;
    expect(code.purpose).toBe('code');
    // Nothing changed yet: the session and the password hold until the owner's code comes back.
    expect((await portal.call('GET', '/v1/me', { token: applicant.token })).status).toBe(200);
    const confirm = (body: Record<string, string>) =>
      portal.call('POST', '/v1/password-resets/confirm', {
        body: { requestId: match.body.requestId, ...body },
      });
    // A code of a request that matched nothing is no code at all.
    expect(
      (
        await portal.call('POST', '/v1/password-resets/confirm', {
          body: { requestId: mismatch.body.requestId, code: code.secret, newPassword: 'Tash-Kumyr 2026!' },
        })
      ).body.code,
    ).toBe('invalid_code');
    const weak = await confirm({ code: code.secret, newPassword: applicant.phone });
    expect([weak.status, weak.body.code]).toEqual([400, 'weak_password']);
    expect((await confirm({ code: code.secret, newPassword: 'Tash-Kumyr 2026!' })).status).toBe(204);
    expect((await portal.call('GET', '/v1/me', { token: applicant.token })).status).toBe(401);
    expect((await portal.login(applicant.phone, applicant.password)).status).toBe(401);
    expect((await portal.login(applicant.phone, 'Tash-Kumyr 2026!')).status).toBe(201);
    expect(deps.phones.noticesTo(applicant.phone).at(-1)!.text).toContain('сырсөз өзгөртүлдү');
    expect((await confirm({ code: code.secret, newPassword: 'Another 2026 pass!' })).status).toBe(400);
  });

  it('limits password resets of a phone from one network to 3 an hour: the fourth is 429 with Retry-After', async () => {
    const applicant = await loggedIn();
    const statuses: number[] = [];
    let retryAfter = '';
    for (let i = 0; i < 4; i += 1) {
      const answer = await portal.call('POST', '/v1/password-resets', {
        body: { phone: applicant.phone, pin: applicant.pin },
      });
      statuses.push(answer.status);
      retryAfter = answer.headers['retry-after'] ?? retryAfter;
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('pages the activity newest first with a cursor', async () => {
    const applicant = await loggedIn();
    for (let i = 0; i < 3; i += 1) await portal.login(applicant.phone, 'wrong');
    const first = await portal.call('GET', '/v1/me/activity', {
      token: applicant.token,
      query: { limit: '2' },
    });
    expect((first.body.items as unknown[]).length).toBe(2);
    const second = await portal.call('GET', '/v1/me/activity', {
      token: applicant.token,
      query: { limit: '10', cursor: first.body.nextCursor as string },
    });
    const all = [
      ...(first.body.items as { action: string }[]),
      ...(second.body.items as { action: string }[]),
    ].map((i) => i.action);
    expect(all).toEqual(['login_failed', 'login_failed', 'login_failed', 'login', 'registration']);
    expect(all.length).toBe(5);
  });
});

describe('A new agreement version (preamble)', () => {
  it('asks for consent at login, refuses the cabinet with 403 consent_required until the applicant consents again', async () => {
    const tables = await createTestTables();
    const agreementV2 = { ...agreementV1, version: '2', effectiveFrom: '2027-01-01' };
    const deps = accountTestDependencies(tables, {
      agreements: new DocumentCatalog([agreementV1, agreementV2]),
    });
    const portal = testPortal(deps);
    const { applicant } = await portal.register();
    const password = deps.phones.lastTo(applicant.phone)!.secret;
    // Time passes until version 2 is in force.
    const days = Math.ceil((Date.parse('2027-01-02') - deps.clock.now().getTime()) / 86_400_000);
    deps.clock.advance(days * 86_400);
    const session = await portal.login(applicant.phone, password);
    expect(session.body.consentRequired).toBe(true);
    const token = session.body.token as string;
    const refused = await portal.call('GET', '/v1/me', { token });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('consent_required');
    expect(
      (
        await portal.call('POST', '/v1/me/consents', {
          token,
          body: { agreementVersion: '1', accepted: true, language: 'ky' },
        })
      ).status,
    ).toBe(409);
    const consented = await portal.call('POST', '/v1/me/consents', {
      token,
      body: { agreementVersion: '2', accepted: true, language: 'ru' },
    });
    expect(consented.status).toBe(201);
    const me = await portal.call('GET', '/v1/me', { token });
    expect(me.status).toBe(200);
    expect((me.body.consent as { version: string }).version).toBe('2');
  });
});
