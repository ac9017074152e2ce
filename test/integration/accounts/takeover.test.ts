import fc from 'fast-check';
import { parsePhone } from '../../../functions/domain/identity';
import { phoneReservationDays } from '../../../functions/domain/accounts/previous-phones';
import { createTestTables, type TestTables } from '../../support/dynamo';
import { accountTestDependencies } from '../../support/accounts';
import { newApplicant, testPortal } from '../../support/portal';

/**
 * 2.6, 2.7: nobody but the owner can take, keep or lock the account. A stolen session cannot move the login, the
 * phone it leaves is told and keeps the way back for 30 days, and codes belong to the request that asked for them.
 */
describe('Nobody but the owner takes, keeps or locks the account (2.7), against DynamoDB Local', () => {
  let tables: TestTables;
  let deps: ReturnType<typeof accountTestDependencies>;
  let portal: ReturnType<typeof testPortal>;

  const loggedIn = async () => {
    const { applicant, answer } = await portal.register();
    const password = deps.phones.lastTo(applicant.phone)!.secret;
    const token = (await portal.login(applicant.phone, password)).body.token as string;
    return { ...applicant, accountId: answer.body.accountId as string, password, token };
  };

  const requestPhoneChange = (token: string, body: Record<string, string>) =>
    portal.call('POST', '/v1/me/phone-changes', { token, body });

  /** What an intruder holding the owner's session and password does: moves the login to a phone of their own. */
  const moveLogin = async (owner: Awaited<ReturnType<typeof loggedIn>>) => {
    const intruderPhone = newApplicant().phone;
    expect(
      (await requestPhoneChange(owner.token, { newPhone: intruderPhone, currentPassword: owner.password }))
        .status,
    ).toBe(202);
    const code = deps.phones.lastTo(intruderPhone)!.secret;
    const moved = await portal.call('POST', '/v1/me/phone-changes/confirm', {
      token: owner.token,
      body: { code },
    });
    expect(moved.status).toBe(200);
    return intruderPhone;
  };

  const reportCode = async (phone: string, pin: string) => {
    const answer = await portal.call('POST', '/v1/access-reports', { body: { phone, pin } });
    expect(answer.status).toBe(202);
    return answer.body.requestId as string;
  };

  const actions = async (accountId: string) =>
    (await tables.scan()).filter((item) => item.pk === `AUDIT#${accountId}`).map((item) => item.action);

  beforeAll(async () => {
    tables = await createTestTables();
    deps = accountTestDependencies(tables);
    portal = testPortal(deps);
  });

  it('asks a password session for the current password before moving the login: 403 without, 401 wrong', async () => {
    const owner = await loggedIn();
    const newPhone = newApplicant().phone;
    const sent = deps.phones.sent.length;
    const missing = await requestPhoneChange(owner.token, { newPhone });
    expect([missing.status, missing.body.code]).toEqual([403, 'reauthentication_required']);
    const wrong = await requestPhoneChange(owner.token, { newPhone, currentPassword: 'not-the-password' });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'invalid_credentials']);
    expect(deps.phones.sent.length).toBe(sent);
    expect(
      (await requestPhoneChange(owner.token, { newPhone, currentPassword: owner.password })).status,
    ).toBe(202);
  });

  it('counts wrong current passwords toward the lockout: a stolen session cannot guess the password', async () => {
    const owner = await loggedIn();
    const newPhone = newApplicant().phone;
    const statuses: number[] = [];
    for (let guess = 1; guess <= 6; guess += 1)
      statuses.push(
        (await requestPhoneChange(owner.token, { newPhone, currentPassword: `guess-${guess}` })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 423]);
    expect((await portal.login(owner.phone, owner.password)).status).toBe(423);
  });

  it('tells the phone the login left, without a secret, and keeps it reserved to the account', async () => {
    const owner = await loggedIn();
    await moveLogin(owner);
    const notice = deps.phones.noticesTo(owner.phone).at(-1)!;
    expect(notice.purpose).toBe('notice');
    expect(notice.secret).toBeUndefined();
    expect(notice.text).toContain('Сиз эмессизби?');
    expect(notice.text.length).toBeLessThanOrEqual(70);
    // Nobody else registers the previous phone while it is reserved, or moves a login to it.
    const stranger = await loggedIn();
    expect((await portal.register({ ...newApplicant(), phone: owner.phone })).answer.status).toBe(409);
    expect(
      (
        await requestPhoneChange(stranger.token, {
          newPhone: owner.phone,
          currentPassword: stranger.password,
        })
      ).status,
    ).toBe(409);
  });

  it('lets the previous phone take the account back: login restored, sessions ended, the new password to it', async () => {
    const owner = await loggedIn();
    const intruderPhone = await moveLogin(owner);
    const requestId = await reportCode(owner.phone, owner.pin);
    const code = deps.phones.lastTo(owner.phone)!;
    expect(code.purpose).toBe('code');
    const reported = await portal.call('POST', '/v1/access-reports/confirm', {
      body: { requestId, code: code.secret, description: 'My login was moved' },
    });
    expect(reported.status).toBe(201);
    expect((await portal.call('GET', '/v1/me', { token: owner.token })).status).toBe(401);
    const password = deps.phones.lastTo(owner.phone)!;
    expect(password.purpose).toBe('password');
    const session = await portal.login(owner.phone, password.secret);
    expect(session.status).toBe(201);
    const me = await portal.call('GET', '/v1/me', { token: session.body.token as string });
    expect(me.body.login).toBe(owner.phone);
    expect((await portal.login(intruderPhone, password.secret)).status).toBe(401);
    expect(deps.phones.lastTo(intruderPhone)?.purpose).toBe('code');
    expect(await actions(owner.accountId)).toEqual(expect.arrayContaining(['phone_change_undone']));
    // The intruder's phone is released: it is nobody's login now.
    expect((await portal.register({ ...newApplicant(), phone: intruderPhone })).answer.status).toBe(201);
  });

  it('undoes every phone change since the suspected start of a report from the cabinet', async () => {
    const owner = await loggedIn();
    const suspectedSince = deps.clock.now().toISOString();
    deps.clock.advance(60);
    const first = await moveLogin(owner);
    deps.clock.advance(60);
    const second = await moveLogin({ ...owner });
    expect(first).not.toBe(second);
    const reported = await portal.call('POST', '/v1/me/access-reports', {
      token: owner.token,
      body: { suspectedSince },
    });
    expect(reported.status).toBe(201);
    const password = deps.phones.lastTo(owner.phone)!;
    expect(password.purpose).toBe('password');
    const session = await portal.login(owner.phone, password.secret);
    expect(session.status).toBe(201);
    expect((await portal.call('GET', '/v1/me', { token: session.body.token as string })).body.login).toBe(
      owner.phone,
    );
  });

  it('leaves no way back to a phone the owner moved the login away from by moving back to their own', async () => {
    const owner = await loggedIn();
    const intruderPhone = await moveLogin(owner);
    // The owner, still logged in, moves the login back to their own reserved phone (the code comes to it).
    await requestPhoneChange(owner.token, { newPhone: owner.phone, currentPassword: owner.password });
    const code = deps.phones.lastTo(owner.phone)!.secret;
    const back = await portal.call('POST', '/v1/me/phone-changes/confirm', {
      token: owner.token,
      body: { code },
    });
    expect(back.body.login).toBe(owner.phone);
    // The intruder's phone is not reserved: a report code asked with it and the PIN goes nowhere.
    const sent = deps.phones.sent.length;
    await reportCode(intruderPhone, owner.pin);
    expect(deps.phones.sent.length).toBe(sent);
    // And a report with a suspected start before the attack keeps the owner's phone as the login.
    const reported = await portal.call('POST', '/v1/me/access-reports', {
      token: owner.token,
      body: { suspectedSince: new Date(deps.clock.now().getTime() - 3_600_000).toISOString() },
    });
    expect(reported.status).toBe(201);
    expect(deps.phones.lastTo(owner.phone)!.purpose).toBe('password');
  });

  it('ends the previous phone’s way back after 30 days', async () => {
    const owner = await loggedIn();
    await moveLogin(owner);
    deps.clock.advance(phoneReservationDays * 86_400 + 60);
    const sent = deps.phones.sent.length;
    await reportCode(owner.phone, owner.pin);
    expect(deps.phones.sent.length).toBe(sent);
    expect((await portal.register({ ...newApplicant(), phone: owner.phone })).answer.status).toBe(201);
  });

  it('binds a code to its request: a stranger’s wrong guesses and new requests leave the owner’s code usable', async () => {
    const owner = await loggedIn();
    const ownerRequest = await reportCode(owner.phone, owner.pin);
    const code = deps.phones.lastTo(owner.phone)!.secret;
    const junk = code === '000000' ? '111111' : '000000';
    // A stranger knowing the phone and PIN asks from another network and guesses against their own request.
    const strangerRequest = (
      await portal.call('POST', '/v1/access-reports', {
        body: { phone: owner.phone, pin: owner.pin },
        sourceIp: '203.0.113.7',
      })
    ).body.requestId as string;
    for (let guess = 0; guess < 6; guess += 1) {
      const answer = await portal.call('POST', '/v1/access-reports/confirm', {
        body: { requestId: strangerRequest, code: junk },
        sourceIp: '203.0.113.7',
      });
      expect(answer.status).toBe(400);
    }
    const confirmed = await portal.call('POST', '/v1/access-reports/confirm', {
      body: { requestId: ownerRequest, code },
    });
    expect(confirmed.status).toBe(201);
  });

  it('changes nothing on a password reset request: the owner’s password and sessions hold without the code', async () => {
    const owner = await loggedIn();
    for (let request = 0; request < 3; request += 1)
      expect(
        (await portal.call('POST', '/v1/password-resets', { body: { phone: owner.phone, pin: owner.pin } }))
          .status,
      ).toBe(202);
    expect((await portal.call('GET', '/v1/me', { token: owner.token })).status).toBe(200);
    expect((await portal.login(owner.phone, owner.password)).status).toBe(201);
  });

  it('answers reset and report-code requests alike whether or not phone and PIN match (status, body keys, limits)', async () => {
    const sequence = async (path: string, phone: string, pin: string) => {
      const answers: string[] = [];
      for (let request = 0; request < 5; request += 1) {
        const answer = await portal.call('POST', path, { body: { phone, pin }, sourceIp: '198.51.100.9' });
        answers.push(`${answer.status}:${Object.keys(answer.body).sort().join(',')}`);
      }
      return answers;
    };
    for (const path of ['/v1/password-resets', '/v1/access-reports']) {
      const [owner, other] = [await loggedIn(), await loggedIn()];
      const matching = await sequence(path, owner.phone, owner.pin);
      expect(matching.slice(0, 3)).toEqual(Array(3).fill('202:requestId'));
      expect(await sequence(path, other.phone, newApplicant().pin)).toEqual(matching);
      expect(await sequence(path, newApplicant().phone, newApplicant().pin)).toEqual(matching);
    }
  });

  it('answers alike over random phones and PINs: the same statuses and body keys, whatever matches (property)', async () => {
    const owner = await loggedIn();
    // Random Kyrgyz mobiles (55x, apart from the test applicants' 700 range) and random valid PINs.
    const phone = fc
      .stringMatching(/^55\d{7}$/)
      .map((digits) => parsePhone(`+996${digits}`))
      .filter((parsed) => parsed.ok)
      .map((parsed) => (parsed as { value: string }).value);
    const pin = fc.integer({ min: 1, max: 99_999 }).map((n) => `215051990${String(n).padStart(5, '0')}`);
    const who = fc.oneof(
      fc.constant({ phone: owner.phone, pin: owner.pin }),
      pin.map((other) => ({ phone: owner.phone, pin: other })),
      fc.tuple(phone, pin).map(([other, otherPin]) => ({ phone: other, pin: otherPin })),
    );
    let network = 0;
    await fc.assert(
      fc.asyncProperty(
        who,
        fc.constantFrom('/v1/password-resets', '/v1/access-reports'),
        async (body, path) => {
          // Each case from a network of its own: the allowances answer alike too, but are not what is drawn here.
          network += 1;
          const sourceIp = `192.0.2.${network % 250}`;
          deps.clock.advance(3600);
          const answer = await portal.call('POST', path, { body, sourceIp });
          expect({ status: answer.status, keys: Object.keys(answer.body) }).toEqual({
            status: 202,
            keys: ['requestId'],
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});
