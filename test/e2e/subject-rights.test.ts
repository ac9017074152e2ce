import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenApiDocument } from '../../contract/openapi';
import { lockoutThreshold } from '../../functions/domain/accounts/account';
import { bishkekDay } from '../../functions/domain/operators/bishkek-time';
import { issueCardCertificate } from '../../lib/local/virtual-card/dev-ca';
import { signChallenge } from '../../lib/local/virtual-card/card';
import { devCaDirectory, readDevCa } from '../../lib/local/virtual-card/store';
import { admin } from '../support/admin-cli';
import { smsText } from '../../functions/domain/sms-texts';
import { httpClient, lastSmsTo, smsOutbox, type HttpAnswer } from '../support/http';
import { openApiValidator } from '../support/openapi';
import { newApplicant } from '../support/portal';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';

// `npm start` and a memory-hard KDF on every login, on a loaded 2-core machine: generous bounds, no timing asserted.
jest.setTimeout(300_000);

const origin = 'https://portal.example.kg';

type Applicant = ReturnType<typeof newApplicant> & { password: string };

/**
 * 2.4 end to end against `npm start`: the applicant exports everything held on them and closes the account, each
 * after re-authentication (2.7); every answer is held to the API document.
 */
describe('Export and closure of the account, over HTTP (2.4)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-subject-rights-'));
  let portal: PortalProcess;
  let http: ReturnType<typeof httpClient>;
  let documented: ReturnType<typeof openApiValidator>;

  /** A call whose answer must be the documented one. */
  const call = async (
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer> => {
    const answer = await http(method, path, options);
    const body = Object.keys(answer.body).length === 0 ? undefined : answer.body;
    expect(documented(method, path, { ...answer, body })).toEqual([]);
    return answer;
  };
  const register = async (): Promise<Applicant> => {
    const agreement = await http('GET', '/v1/agreement');
    const consent = await http('POST', '/v1/consents', {
      body: { agreementVersion: agreement.body.version, accepted: true, language: 'ky' },
    });
    const applicant = newApplicant();
    const registered = await http('POST', '/v1/registrations', {
      body: { consentId: consent.body.consentId, applicantType: 'individual', ...applicant },
    });
    expect(registered.status).toBe(201);
    return { ...applicant, password: lastSmsTo(dataDir, applicant.phone, 'password').secret! };
  };
  const passwordLogin = (applicant: Applicant) =>
    http('POST', '/v1/sessions', { body: { phone: applicant.phone, password: applicant.password } });
  const passwordSession = async (applicant: Applicant) => {
    const login = await passwordLogin(applicant);
    expect(login.status).toBe(201);
    return login.body.token as string;
  };
  /** The applicant's 2017 ID card: a virtual card of the development CA that `npm start` trusts (2.1). */
  const idCardLogin = async (pin: string) => {
    const card = await issueCardCertificate(await readDevCa(devCaDirectory({ PORTAL_DATA_DIR: dataDir })), {
      pin,
    });
    const { challengeId, nonce } = (await http('POST', '/v1/id-card/challenges')).body as Record<
      string,
      string
    >;
    return http('POST', '/v1/id-card/sessions', {
      body: { challengeId, authToken: await signChallenge(card, { origin, nonce }) },
    });
  };
  const exportWith = (token: string, body: Record<string, unknown>) =>
    call('POST', '/v1/me/exports', { token, body });
  const closeWith = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    call('POST', '/v1/me/closure', { token, body, headers });

  beforeAll(async () => {
    portal = await startPortalProcess(dataDir, { PORTAL_ORIGIN: origin });
    http = httpClient(portal.url);
    documented = openApiValidator(
      (await (await fetch(`${portal.url}/v1/openapi.json`)).json()) as OpenApiDocument,
    );
  });

  afterAll(async () => {
    await portal?.stop('SIGTERM');
  });

  describe('POST /v1/me/exports', () => {
    it('answers what was registered, unmasked, and the activity shows the export (2.4, 2.6)', async () => {
      const applicant = await register();
      const token = await passwordSession(applicant);

      const exported = await exportWith(token, { currentPassword: applicant.password });

      expect(exported.status).toBe(200);
      expect(exported.headers.get('cache-control')).toBe('no-store');
      expect(exported.body.account).toMatchObject({
        applicantType: 'individual',
        status: 'active',
        phone: applicant.phone,
        passportNumber: applicant.passportNumber,
        pin: applicant.pin,
      });
      expect(exported.body.consents).toEqual([
        expect.objectContaining({ agreementVersion: '1', language: 'ky' }),
      ]);
      expect(exported.body.sessions).toEqual([
        expect.objectContaining({ method: 'password', current: true }),
      ]);
      const actions = (exported.body.activity as { action: string }[]).map((item) => item.action);
      expect(actions).toEqual(['data_exported', 'login', 'registration']);
      const activity = await call('GET', '/v1/me/activity', { token });
      expect((activity.body.items as { action: string }[])[0]!.action).toBe('data_exported');
    });

    it('needs no password in an ID-card session of the last 15 minutes (2.1, 2.7)', async () => {
      const applicant = await register();
      const login = await idCardLogin(applicant.pin);
      expect(login.status).toBe(201);

      const exported = await exportWith(login.body.token as string, {});

      expect(exported.status).toBe(200);
      expect(exported.body.sessions).toEqual([expect.objectContaining({ method: 'id-card' })]);
    });

    it('refuses a session alone (403) and a wrong password (401), which counts toward the lockout (2.7)', async () => {
      const applicant = await register();
      const token = await passwordSession(applicant);

      const missing = await exportWith(token, {});
      const wrong = [];
      for (let n = 0; n < lockoutThreshold; n += 1)
        wrong.push(await exportWith(token, { currentPassword: 'not-the-password' }));
      const login = await passwordLogin(applicant);

      expect([missing.status, missing.body.code]).toEqual([403, 'reauthentication_required']);
      expect([wrong[0]!.status, wrong[0]!.body.code]).toEqual([401, 'invalid_credentials']);
      for (const answer of wrong)
        expect(['invalid_credentials', 'account_locked']).toContain(answer.body.code);
      expect(JSON.stringify([missing.body, ...wrong.map((a) => a.body)])).not.toContain(applicant.pin);
      expect([login.status, login.body.code]).toEqual([423, 'account_locked']);
    });

    it('holds the verification demand and the metadata of the documents sent for it, with no link (2.3, 2.4)', async () => {
      const applicant = await register();
      const token = await passwordSession(applicant);
      const demanded = await admin(dataDir, [
        'request-verification',
        ...['--phone', applicant.phone, '--deadline', '2099-12-31'],
        ...['--operator', 'op.e2e', '--reason', 'Passport data differs'],
      ]);
      expect(demanded.status).toBe(0);
      const sent = await call('POST', '/v1/me/verification-documents', {
        token,
        body: { fileName: 'passport.pdf', contentType: 'application/pdf', size: 1234 },
      });
      expect(sent.status).toBe(201);

      const exported = await exportWith(token, { currentPassword: applicant.password });

      expect(exported.status).toBe(200);
      const verification = exported.body.verification as Record<string, unknown>;
      expect(verification).toMatchObject({ status: 'pending' });
      expect(verification.documents).toEqual([
        {
          documentId: sent.body.documentId,
          demandRequestedAt: verification.requestedAt,
          fileName: 'passport.pdf',
          contentType: 'application/pdf',
          size: 1234,
          status: 'awaiting_upload',
          createdAt: expect.any(String),
        },
      ]);
      expect(JSON.stringify(verification)).not.toMatch(/https?:/);
    });

    it('exports only the data of the token’s own account', async () => {
      const [mine, theirs] = [await register(), await register()];
      const theirToken = await passwordSession(theirs);

      const exported = await exportWith(theirToken, { currentPassword: theirs.password });

      expect(exported.status).toBe(200);
      expect((exported.body.account as { phone: string }).phone).toBe(theirs.phone);
      expect(JSON.stringify(exported.body)).not.toContain(mine.pin);
    });
  });

  describe('POST /v1/me/closure', () => {
    let applicant: Applicant;
    let tokens: string[];

    beforeAll(async () => {
      applicant = await register();
      tokens = [await passwordSession(applicant), await passwordSession(applicant)];
    });

    it('refuses a session alone and keeps the account open (2.7)', async () => {
      const answer = await closeWith(tokens[0]!, {});

      expect([answer.status, answer.body.code]).toEqual([403, 'reauthentication_required']);
      expect((await http('GET', '/v1/me', { token: tokens[0] })).status).toBe(200);
    });

    it('closes the account: every session ends, a retry is replayed, a later login is refused (2.4, 3.4)', async () => {
      const retry = { 'idempotency-key': `closure-${applicant.phone}` };

      const closed = await closeWith(tokens[0]!, { currentPassword: applicant.password }, retry);
      const replayed = await closeWith(tokens[0]!, { currentPassword: applicant.password }, retry);

      expect([closed.status, replayed.status]).toEqual([204, 204]);
      // 2.7: the phone hears of the closure once, by a notice SMS in the language of the consent.
      const notices = smsOutbox(dataDir).filter(
        (sms) => sms.phone === applicant.phone && sms.purpose === 'notice',
      );
      expect(notices).toEqual([
        {
          at: expect.any(String),
          phone: applicant.phone,
          purpose: 'notice',
          text: smsText('account_closed_notice', 'ky'),
        },
      ]);
      for (const token of tokens) expect((await call('GET', '/v1/me', { token })).status).toBe(401);
      expect((await closeWith(tokens[1]!, { currentPassword: applicant.password })).status).toBe(401);
      const login = await passwordLogin(applicant);
      expect([login.status, login.body.code]).toEqual([401, 'invalid_credentials']);
      expect((await idCardLogin(applicant.pin)).body.code).toBe('not_registered');
    });

    it('is counted in the operators’ daily report', async () => {
      const run = await admin(dataDir, ['run-job', 'daily-report', '--day', bishkekDay(new Date())]);

      expect([run.status, run.stderr]).toEqual([0, '']);
      const reports = readFileSync(join(dataDir, 'alerts-outbox.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { kind: string; details: Record<string, unknown> })
        .filter((alert) => alert.kind === 'daily_report');
      expect(reports.at(-1)!.details).toMatchObject({ closures: 1 });
    });
  });
});
