import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueCardCertificate } from '../../lib/local/virtual-card/dev-ca';
import { signChallenge } from '../../lib/local/virtual-card/card';
import { devCaDirectory, readDevCa } from '../../lib/local/virtual-card/store';
import { httpClient, smsOutbox, type HttpAnswer, type OutboxSms } from '../support/http';
import { newApplicant } from '../support/portal';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';

// `npm start` (tsx, the page's build, DynamoDB Local) on a loaded 2-core machine, and password hashing with a
// memory-hard KDF on every login: generous bounds, and nothing here asserts on timing.
jest.setTimeout(300_000);

const origin = 'https://portal.example.kg';

/**
 * Who sends from where. The local server takes the request's source IP from the socket (lib/local/server.ts,
 * api-gateway-event.ts), and all of 127.0.0.0/8 is loopback on Linux: each address below is a network of its own
 * as the portal counts networks (an IPv4 address is one requester, functions/domain/network.ts).
 */
const owner = '127.0.0.2';
const attacker = '127.0.0.3';
const attackersSecondNetwork = '127.0.0.4';
const guesser = '127.0.0.5';
const prober = '127.0.0.6';

type Client = ReturnType<typeof httpClient>;
type Applicant = ReturnType<typeof newApplicant> & { password: string };

/**
 * 2.6, 2.7 end to end: nobody but the owner can take, keep or lock the account. Each attack is driven over HTTP
 * against `npm start` from the attacker's own loopback addresses and fails; each ends with the owner's way back,
 * from 127.0.0.2, reading their phone as the SMS outbox.
 */
/**
 * The SMS allowances count in fixed windows on the portal's clock (the hour, the day). A sequence that counts up to
 * a limit starts well clear of the next window's start, so that however slowly it runs it stays in one window.
 */
const clearOfWindowEdge = async (marginMs = 180_000): Promise<void> => {
  const hour = 3_600_000;
  const untilNextHour = hour - (Date.now() % hour);
  if (untilNextHour < marginMs) await new Promise((resolve) => setTimeout(resolve, untilNextHour + 1_000));
};

describe('Nobody but the owner can take, keep or lock the account, over HTTP (2.6, 2.7)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-takeover-'));
  let portal: PortalProcess;
  const clients = new Map<string, Client>();
  const from = (address: string): Client => {
    if (!clients.has(address)) clients.set(address, httpClient(portal.url, { localAddress: address }));
    return clients.get(address)!;
  };

  // --- The owner's phone: the SMS outbox, read from a point on. ---
  const outboxMark = () => smsOutbox(dataDir).length;
  const smsSince = (mark: number, phone: string, purpose?: OutboxSms['purpose']) =>
    smsOutbox(dataDir)
      .slice(mark)
      .filter((sms) => sms.phone === phone && (purpose === undefined || sms.purpose === purpose));
  /** The one SMS of `purpose` that reached `phone` since `mark`. */
  const onlySmsSince = (mark: number, phone: string, purpose: OutboxSms['purpose']) => {
    const sent = smsSince(mark, phone, purpose);
    expect(sent).toHaveLength(1);
    return sent[0]!;
  };
  /** A 6-digit code that is certainly not `code`: what a guesser sends. */
  const junkFor = (code?: string) => (code === '000000' ? '111111' : '000000');

  // --- Ways in. ---
  const register = async (): Promise<Applicant> => {
    const http = from(owner);
    const agreement = await http('GET', '/v1/agreement');
    const consent = await http('POST', '/v1/consents', {
      body: { agreementVersion: agreement.body.version, accepted: true, language: 'ky' },
    });
    expect(consent.status).toBe(201);
    const applicant = newApplicant();
    const mark = outboxMark();
    const registered = await http('POST', '/v1/registrations', {
      body: { consentId: consent.body.consentId, applicantType: 'individual', ...applicant },
    });
    expect(registered.status).toBe(201);
    return { ...applicant, password: onlySmsSince(mark, applicant.phone, 'password').secret };
  };
  const passwordLogin = (address: string, phone: string, password: string) =>
    from(address)('POST', '/v1/sessions', { body: { phone, password } });
  const passwordSession = async (address: string, phone: string, password: string) => {
    const login = await passwordLogin(address, phone, password);
    expect(login.status).toBe(201);
    return login.body.token as string;
  };
  /** The owner's 2017 ID card (a virtual card of the development CA `npm start` trusts), signing a fresh challenge. */
  const idCardLogin = async (address: string, pin: string) => {
    const card = await issueCardCertificate(await readDevCa(devCaDirectory({ PORTAL_DATA_DIR: dataDir })), {
      pin,
    });
    const http = from(address);
    const { challengeId, nonce } = (await http('POST', '/v1/id-card/challenges')).body as {
      challengeId: string;
      nonce: string;
    };
    return http('POST', '/v1/id-card/sessions', {
      body: { challengeId, authToken: await signChallenge(card, { origin, nonce }) },
    });
  };
  const idCardSession = async (address: string, pin: string) => {
    const login = await idCardLogin(address, pin);
    expect(login.status).toBe(201);
    return login.body.token as string;
  };
  const me = (address: string, token: string) => from(address)('GET', '/v1/me', { token });

  // --- Moving the login (2.2, 2.7). ---
  const requestPhoneChange = (address: string, token: string, newPhone: string, currentPassword?: string) =>
    from(address)('POST', '/v1/me/phone-changes', {
      token,
      body: { newPhone, ...(currentPassword !== undefined && { currentPassword }) },
    });
  /** Requests the move (202), reads the code on the new phone and confirms it (200). */
  const moveLogin = async (address: string, token: string, newPhone: string, currentPassword?: string) => {
    const mark = outboxMark();
    expect((await requestPhoneChange(address, token, newPhone, currentPassword)).status).toBe(202);
    const { secret: code } = onlySmsSince(mark, newPhone, 'code');
    const moved = await from(address)('POST', '/v1/me/phone-changes/confirm', { token, body: { code } });
    expect(moved.status).toBe(200);
    expect(moved.body.login).toBe(newPhone);
  };

  // --- Codes by SMS without logging in (2.7). ---
  type CodePath = '/v1/access-reports' | '/v1/password-resets';
  /** Asks for a code for phone + PIN; `code` is the SMS this very request sent to the phone, if any. */
  const requestCode = async (address: string, path: CodePath, phone: string, pin: string) => {
    const mark = outboxMark();
    const answer = await from(address)('POST', path, { body: { phone, pin } });
    return {
      answer,
      requestId: answer.body.requestId as string,
      code: smsSince(mark, phone, 'code')[0]?.secret,
    };
  };
  const confirmReport = (address: string, requestId: string, code: string) =>
    from(address)('POST', '/v1/access-reports/confirm', { body: { requestId, code } });
  const confirmReset = (address: string, requestId: string, code: string, newPassword: string) =>
    from(address)('POST', '/v1/password-resets/confirm', { body: { requestId, code, newPassword } });

  /** What a client can tell apart in an answer without reading prose: status, body keys, a Retry-After or not. */
  const shape = (answer: HttpAnswer) =>
    `${answer.status} ${Object.keys(answer.body).sort().join(',')}${answer.headers.has('retry-after') ? ' retry-after' : ''}`;
  const shapes = async (times: number, attempt: () => Promise<HttpAnswer>) => {
    const seen: string[] = [];
    for (let i = 0; i < times; i += 1) seen.push(shape(await attempt()));
    return seen;
  };
  const expectLocked = (answer: HttpAnswer) => {
    expect([answer.status, answer.body.code]).toEqual([423, 'account_locked']);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  };
  const activityOf = async (address: string, token: string) => {
    const answer = await from(address)('GET', '/v1/me/activity?limit=100', { token });
    expect(answer.status).toBe(200);
    return answer.body.items as { action: string; ip?: string }[];
  };

  beforeAll(async () => {
    portal = await startPortalProcess(dataDir, { PORTAL_ORIGIN: origin });
  });

  afterAll(async () => {
    await portal?.stop('SIGTERM');
  });

  it('reaches the portal from each loopback address as that address: the audit log shows who did what (2.6)', async () => {
    const applicant = await register();
    const ownersToken = await passwordSession(owner, applicant.phone, applicant.password);
    const attackersToken = await passwordSession(attacker, applicant.phone, applicant.password);
    const logins = (await activityOf(owner, ownersToken)).filter((item) => item.action === 'login');
    expect(logins.map((item) => item.ip)).toEqual([attacker, owner]);
    const sessions = (await from(attacker)('GET', '/v1/me/sessions', { token: attackersToken })).body
      .items as { ip: string; current: boolean }[];
    expect(sessions.find((session) => session.current)?.ip).toBe(attacker);
  });

  describe('2.7: a stolen session cannot move the login, and its guesses lock only the password', () => {
    let applicant: Applicant;
    let stolen: string;
    const intruderPhone = newApplicant().phone;

    beforeAll(async () => {
      applicant = await register();
      stolen = await passwordSession(owner, applicant.phone, applicant.password);
    });

    it('refuses a session alone: 403 reauthentication_required, no code to the intruder’s phone (2.7)', async () => {
      const mark = outboxMark();
      const answer = await requestPhoneChange(attacker, stolen, intruderPhone);
      expect([answer.status, answer.body.code]).toEqual([403, 'reauthentication_required']);
      expect(smsSince(mark, intruderPhone)).toEqual([]);
    });

    it('answers wrong current passwords 401 and locks password login after the 5th: 423 with Retry-After (2.7)', async () => {
      const mark = outboxMark();
      for (let guess = 1; guess <= 5; guess += 1) {
        const answer = await requestPhoneChange(attacker, stolen, intruderPhone, `guess-${guess}-password`);
        expect([answer.status, answer.body.code]).toEqual([401, 'invalid_credentials']);
      }
      expectLocked(await requestPhoneChange(attacker, stolen, intruderPhone, applicant.password));
      expectLocked(await passwordLogin(owner, applicant.phone, applicant.password));
      expect(smsSince(mark, intruderPhone)).toEqual([]);
      expect((await me(owner, stolen)).body.login).toBe(applicant.phone);
    });

    it('lets the owner back in with the ID card while password login is locked, and end the stolen session (2.7)', async () => {
      expectLocked(await passwordLogin(owner, applicant.phone, applicant.password));
      const card = await idCardSession(owner, applicant.pin);
      expect((await me(owner, card)).body.login).toBe(applicant.phone);
      expect((await from(owner)('DELETE', '/v1/sessions', { token: card })).status).toBe(204);
      for (const token of [stolen, card]) expect((await me(attacker, token)).status).toBe(401);
    });

    it('lets a fresh ID-card session move the login without a password; the old phone is told (2.7)', async () => {
      const ownersNewPhone = newApplicant().phone;
      const card = await idCardSession(owner, applicant.pin);
      const mark = outboxMark();
      await moveLogin(owner, card, ownersNewPhone);
      const notice = onlySmsSince(mark, applicant.phone, 'notice');
      expect(Object.keys(notice).sort()).toEqual(['at', 'phone', 'purpose', 'text']);
      expect((await me(owner, card)).body.login).toBe(ownersNewPhone);
      // The owner's ID-card login ended the lock the stolen session ran up: the password works on the new login.
      expect((await passwordLogin(owner, ownersNewPhone, applicant.password)).status).toBe(201);
      expect((await passwordLogin(attacker, intruderPhone, applicant.password)).status).toBe(401);
    });
  });

  describe('2.7: the previous phone takes the account back', () => {
    let applicant: Applicant;
    let ownersToken: string;
    let attackersToken: string;
    const intruderPhone = newApplicant().phone;
    const attackersPassword = 'Kept-by-the-intruder-4815';
    let mark: number;

    beforeAll(async () => {
      applicant = await register();
      ownersToken = await passwordSession(owner, applicant.phone, applicant.password);
    });

    it('lets an intruder holding session and password move the login; the old phone gets a notice without a secret (2.7)', async () => {
      mark = outboxMark();
      await moveLogin(attacker, ownersToken, intruderPhone, applicant.password);
      const notice = onlySmsSince(mark, applicant.phone, 'notice');
      expect(notice).not.toHaveProperty('secret');
      expect(smsSince(mark, applicant.phone).map((sms) => sms.purpose)).toEqual(['notice']);
      // The intruder keeps it: a session on their phone and a password of their own (the owner's session ends).
      attackersToken = await passwordSession(attacker, intruderPhone, applicant.password);
      const changed = await from(attacker)('PUT', '/v1/me/password', {
        token: attackersToken,
        body: { currentPassword: applicant.password, newPassword: attackersPassword },
      });
      expect(changed.status).toBe(204);
      expect((await me(owner, ownersToken)).status).toBe(401);
      expect((await passwordLogin(owner, applicant.phone, applicant.password)).status).toBe(401);
    });

    it('takes it back with a code to the previous phone: login restored, intruder out, new password to it (2.7)', async () => {
      const request = await requestCode(owner, '/v1/access-reports', applicant.phone, applicant.pin);
      expect(shape(request.answer)).toBe('202 requestId');
      expect(request.code).toMatch(/^\d{6}$/);
      const passwordMark = outboxMark();
      const reported = await confirmReport(owner, request.requestId, request.code!);
      expect(reported.status).toBe(201);
      expect(Object.keys(reported.body).sort()).toEqual(['reportId', 'reportedAt']);
      expect((await me(attacker, attackersToken)).status).toBe(401);
      const { secret: password } = onlySmsSince(passwordMark, applicant.phone, 'password');
      expect(smsSince(passwordMark, intruderPhone, 'password')).toEqual([]);
      const token = await passwordSession(owner, applicant.phone, password);
      expect((await me(owner, token)).body.login).toBe(applicant.phone);
      for (const oldPassword of [applicant.password, attackersPassword])
        expect((await passwordLogin(owner, applicant.phone, oldPassword)).status).toBe(401);
      for (const anyPassword of [password, attackersPassword, applicant.password])
        expect((await passwordLogin(attacker, intruderPhone, anyPassword)).status).toBe(401);
    });

    it('shows the undoing in the activity, the intruder’s move from the intruder’s address (2.6)', async () => {
      const password = smsSince(mark, applicant.phone, 'password').at(-1)!.secret;
      const items = await activityOf(owner, await passwordSession(owner, applicant.phone, password));
      const actions = items.map((item) => item.action);
      expect(actions).toEqual(
        expect.arrayContaining(['phone_changed', 'access_reported', 'phone_change_undone']),
      );
      expect(items.find((item) => item.action === 'phone_changed')?.ip).toBe(attacker);
      expect(items.find((item) => item.action === 'access_reported')?.ip).toBe(owner);
    });

    it('gives the intruder’s phone no way back: it is no longer reserved, a report code from it sends nothing (2.7)', async () => {
      const request = await requestCode(attacker, '/v1/access-reports', intruderPhone, applicant.pin);
      expect(shape(request.answer)).toBe('202 requestId');
      expect(request.code).toBeUndefined();
      expect((await confirmReport(attacker, request.requestId, junkFor())).status).toBe(400);
    });
  });

  describe('2.7: codes belong to their request, and allowances to the network that asks', () => {
    let applicant: Applicant;
    let ownersToken: string;
    let ownersReport: { requestId: string; code: string };

    beforeAll(async () => {
      applicant = await register();
      ownersToken = await passwordSession(owner, applicant.phone, applicant.password);
      const request = await requestCode(owner, '/v1/access-reports', applicant.phone, applicant.pin);
      expect(request.answer.status).toBe(202);
      ownersReport = { requestId: request.requestId, code: request.code! };
    });

    /** A stranger who knows phone and PIN asks from `address` and guesses against their own request. */
    const strangerAsksAndGuesses = async (address: string, path: CodePath) => {
      const request = await requestCode(address, path, applicant.phone, applicant.pin);
      if (request.answer.status !== 202) return request.answer;
      for (let guess = 0; guess < 6; guess += 1) {
        const junk = junkFor(request.code);
        const answer =
          path === '/v1/access-reports'
            ? await confirmReport(address, request.requestId, junk)
            : await confirmReset(address, request.requestId, junk, 'Stranger-chosen-9321');
        expect([answer.status, answer.body.code]).toEqual([400, 'invalid_code']);
      }
      return request.answer;
    };

    it('refuses junk codes on the stranger’s own and on random requestIds; their reset requests change nothing (2.7)', async () => {
      const mark = outboxMark();
      for (const path of ['/v1/access-reports', '/v1/password-resets'] as const) {
        expect((await strangerAsksAndGuesses(attacker, path)).status).toBe(202);
        const random =
          path === '/v1/access-reports'
            ? await confirmReport(attacker, randomUUID(), '123456')
            : await confirmReset(attacker, randomUUID(), '123456', 'Stranger-chosen-9321');
        expect([random.status, random.body.code]).toEqual([400, 'invalid_code']);
      }
      // No logout, no new password: the owner's session and password hold, and the phone got codes only.
      expect(new Set(smsSince(mark, applicant.phone).map((sms) => sms.purpose))).toEqual(new Set(['code']));
      expect((await me(owner, ownersToken)).status).toBe(200);
      expect((await passwordLogin(owner, applicant.phone, applicant.password)).status).toBe(201);
      expect((await me(owner, ownersToken)).status).toBe(200);
    });

    it('runs out the stranger’s network (429) while the owner’s network still gets 202 and a code by SMS (2.7)', async () => {
      await clearOfWindowEdge();
      const refusals: HttpAnswer[] = [];
      for (let request = 0; request < 8 && refusals.length < 2; request += 1) {
        const path = request % 2 === 0 ? '/v1/access-reports' : '/v1/password-resets';
        const answer = await strangerAsksAndGuesses(attacker, path);
        if (answer.status !== 202) refusals.push(answer);
      }
      expect(refusals.map((answer) => [answer.status, answer.body.code])).toEqual([
        [429, 'too_many_requests'],
        [429, 'too_many_requests'],
      ]);
      for (const answer of refusals) expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      // A second network of the stranger's gets its own allowance; the owner's stays untouched by both.
      expect((await strangerAsksAndGuesses(attackersSecondNetwork, '/v1/password-resets')).status).toBe(202);
      for (const path of ['/v1/access-reports', '/v1/password-resets'] as const) {
        const request = await requestCode(owner, path, applicant.phone, applicant.pin);
        expect(shape(request.answer)).toBe('202 requestId');
        expect(request.code).toMatch(/^\d{6}$/);
      }
      expect((await me(owner, ownersToken)).status).toBe(200);
    });

    it('still confirms the owner’s first code after the stranger’s requests, guesses and the owner’s own later ones (2.7)', async () => {
      const reported = await confirmReport(owner, ownersReport.requestId, ownersReport.code);
      expect(reported.status).toBe(201);
      expect((await me(owner, ownersToken)).status).toBe(401);
    });
  });

  describe('2.7: answers tell nobody whether a phone is registered or a PIN matches', () => {
    it('locks a registered and an unknown phone alike over 6 wrong passwords (same statuses, Retry-After); the owner’s ID card gets back in (2.7)', async () => {
      const registered = await register();
      const unknownPhone = newApplicant().phone;
      const wrongPasswords = (phone: string) =>
        shapes(6, () => passwordLogin(guesser, phone, 'Not-the-password-1'));
      const onRegistered = await wrongPasswords(registered.phone);
      expect(onRegistered.map((seen) => seen.split(' ')[0])).toEqual([
        '401',
        '401',
        '401',
        '401',
        '401',
        '423',
      ]);
      expect(onRegistered.at(-1)).toMatch(/ retry-after$/);
      expect(await wrongPasswords(unknownPhone)).toEqual(onRegistered);
      // The stranger locked the owner's password login knowing the phone alone: the ID card is the way back in.
      expectLocked(await passwordLogin(owner, registered.phone, registered.password));
      await idCardSession(owner, registered.pin);
      expect((await passwordLogin(owner, registered.phone, registered.password)).status).toBe(201);
    });

    it.each<[CodePath]>([['/v1/password-resets'], ['/v1/access-reports']])(
      'answers %s alike for matching and mismatching phone + PIN: statuses, body keys, limits (2.7)',
      async (path) => {
        const [account, other] = [await register(), await register()];
        await clearOfWindowEdge();
        const mark = outboxMark();
        const sequence = (phone: string, pin: string) =>
          shapes(5, async () => (await requestCode(prober, path, phone, pin)).answer);
        const matching = await sequence(account.phone, account.pin);
        expect(matching.slice(0, 3)).toEqual(Array(3).fill('202 requestId'));
        expect(matching.slice(3).map((seen) => seen.split(' ')[0])).toEqual(['429', '429']);
        expect(await sequence(other.phone, newApplicant().pin)).toEqual(matching);
        expect(await sequence(newApplicant().phone, newApplicant().pin)).toEqual(matching);
        expect(smsSince(mark, account.phone, 'code')).toHaveLength(3);
        expect(smsSince(mark, other.phone)).toEqual([]);
      },
    );
  });

  describe('2.7: re-authentication for moving the login', () => {
    it('lets a fresh ID-card session move the login without currentPassword: 202, then 200 (2.7)', async () => {
      const applicant = await register();
      const card = await idCardSession(owner, applicant.pin);
      const mark = outboxMark();
      await moveLogin(owner, card, newApplicant().phone);
      expect(onlySmsSince(mark, applicant.phone, 'notice')).not.toHaveProperty('secret');
    });

    it('makes a password session send currentPassword: 403 reauthentication_required without it, 202 with it (2.7)', async () => {
      const applicant = await register();
      const token = await passwordSession(owner, applicant.phone, applicant.password);
      const newPhone = newApplicant().phone;
      const missing = await requestPhoneChange(owner, token, newPhone);
      expect([missing.status, missing.body.code]).toEqual([403, 'reauthentication_required']);
      expect((await requestPhoneChange(owner, token, newPhone, applicant.password)).status).toBe(202);
    });
  });
});
