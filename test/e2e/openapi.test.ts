import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenApiDocument } from '../../contract/openapi';
import { problems } from '../../contract/problems';
import { languages } from '../../functions/commons/i18n';
import { lastSmsTo } from '../support/http';
import { openApiValidator, type DocumentedAnswer } from '../support/openapi';
import { newApplicant } from '../support/portal';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';

// Starting `npm start` (tsx, the page's build, DynamoDB Local) in beforeAll takes tens of seconds on a loaded 2-core
// machine: hooks and tests get a generous bound (the start itself gives up after 90 s).
jest.setTimeout(180_000);

/**
 * The API as its document says: an applicant's whole journey over HTTP against `npm start`, each answer held to
 * the document the portal itself serves at /v1/openapi.json (status documented for the operation, content type,
 * body schema, x-request-id). Refusals on the way are checked the same way.
 */
describe('The API answers as its OpenAPI document says', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-openapi-'));
  let portal: PortalProcess;
  let check: ReturnType<typeof openApiValidator>;
  const applicant = newApplicant();
  const newPhone = newApplicant().phone;
  let token = '';

  /** Calls the portal and expects the answer to be the documented one with the status the journey expects. */
  const call = async (
    method: string,
    path: string,
    expected: number,
    options: { body?: unknown; auth?: string; query?: string; language?: string } = {},
  ): Promise<Record<string, unknown>> => {
    const response = await fetch(`${portal.url}${path}${options.query ?? ''}`, {
      method,
      headers: {
        'accept-language': options.language ?? 'en',
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...(options.auth && { authorization: `Bearer ${options.auth}` }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const answer: DocumentedAnswer = {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
    expect({ method, path, status: answer.status, problems: check(method, path, answer) }).toEqual({
      method,
      path,
      status: expected,
      problems: [],
    });
    return (answer.body ?? {}) as Record<string, unknown>;
  };

  beforeAll(async () => {
    portal = await startPortalProcess(dataDir);
    const document = (await (await fetch(`${portal.url}/v1/openapi.json`)).json()) as OpenApiDocument;
    check = openApiValidator(document);
  });

  afterAll(async () => {
    await portal.stop('SIGTERM');
  });

  it('serves its own document as documented', async () => {
    expect((await call('GET', '/v1/openapi.json', 200)).openapi).toBe('3.1.0');
    await call('GET', '/v1/health', 200);
  });

  it('serves the Privacy Policy in ky, ru and en with the SHA-256 of its text; another language is 400 (2.4)', async () => {
    for (const language of languages) {
      const policy = await call('GET', '/v1/privacy-policy', 200, { query: `?lang=${language}` });
      expect(policy).toMatchObject({ version: '1', language });
      expect(policy.sha256).toBe(
        createHash('sha256')
          .update(policy.text as string)
          .digest('hex'),
      );
    }
    expect(await call('GET', '/v1/privacy-policy', 200, { language: 'ru' })).toMatchObject({
      language: 'ru',
    });
    const refused = await call('GET', '/v1/privacy-policy', 400, { query: '?lang=de', language: 'ru' });
    expect(refused).toMatchObject({ code: 'validation_failed', title: problems.validation_failed.title.ru });
  });

  it('consents and registers; refusals are documented problems (preamble, 2.2)', async () => {
    const agreement = await call('GET', '/v1/agreement', 200, { query: '?lang=ru' });
    await call('GET', '/v1/agreement', 404, { query: '?version=99' });
    await call('POST', '/v1/consents', 409, {
      body: { agreementVersion: '0', accepted: true, language: 'ky' },
    });
    await call('POST', '/v1/registrations', 400, {
      body: { consentId: 'x', applicantType: 'individual', phone: '123', passportNumber: 'X', pin: '1' },
    });
    const consent = await call('POST', '/v1/consents', 201, {
      body: { agreementVersion: agreement.version, accepted: true, language: 'ru' },
    });
    await call('POST', '/v1/registrations', 201, {
      body: { consentId: consent.consentId, applicantType: 'individual', ...applicant },
    });
    const again = await call('POST', '/v1/consents', 201, {
      body: { agreementVersion: agreement.version, accepted: true, language: 'ru' },
    });
    await call('POST', '/v1/registrations', 409, {
      body: { consentId: again.consentId, applicantType: 'individual', ...applicant },
    });
  });

  it('logs in with the password from the SMS and reads the cabinet (2.1, 2.4, 2.5)', async () => {
    await call('POST', '/v1/sessions', 401, {
      body: { phone: applicant.phone, password: 'not-the-password' },
    });
    const password = lastSmsTo(dataDir, applicant.phone, 'password').secret;
    token = (await call('POST', '/v1/sessions', 201, { body: { phone: applicant.phone, password } }))
      .token as string;
    await call('GET', '/v1/me', 401);
    const me = await call('GET', '/v1/me', 200, { auth: token });
    expect(me.pin).not.toBe(applicant.pin);
    expect(me.consent).toMatchObject({ privacyPolicyVersion: '1' });
    await call('PATCH', '/v1/me', 200, {
      auth: token,
      body: { passportNumber: `AN${applicant.passportNumber.slice(2)}` },
    });
    await call('GET', '/v1/me/sessions', 200, { auth: token });
    await call('GET', '/v1/me/activity', 200, { auth: token, query: '?limit=5' });
    await call('GET', '/v1/me/activity', 400, { auth: token, query: '?limit=500' });
    await call('POST', '/v1/id-card/challenges', 201);
  });

  it('changes the password and the phone (2.2)', async () => {
    const password = lastSmsTo(dataDir, applicant.phone, 'password').secret;
    await call('PUT', '/v1/me/password', 400, {
      auth: token,
      body: { currentPassword: password, newPassword: '123' },
    });
    await call('PUT', '/v1/me/password', 204, {
      auth: token,
      body: { currentPassword: password, newPassword: 'Tokmok-river-42-quiet' },
    });
    await call('POST', '/v1/me/phone-changes', 403, { auth: token, body: { newPhone } });
    await call('POST', '/v1/me/phone-changes', 202, {
      auth: token,
      body: { newPhone, currentPassword: 'Tokmok-river-42-quiet' },
    });
    await call('POST', '/v1/me/phone-changes/confirm', 400, { auth: token, body: { code: '000000' } });
    const code = lastSmsTo(dataDir, newPhone, 'code').secret;
    const me = await call('POST', '/v1/me/phone-changes/confirm', 200, { auth: token, body: { code } });
    expect(me.login).toBe(newPhone);
  });

  it('reports unauthorized access from the cabinet and without logging in (2.6, 2.7)', async () => {
    await call('POST', '/v1/me/access-reports', 201, { auth: token, body: {} });
    await call('GET', '/v1/me', 401, { auth: token });
    const password = lastSmsTo(dataDir, newPhone, 'password').secret;
    token = (await call('POST', '/v1/sessions', 201, { body: { phone: newPhone, password } }))
      .token as string;
    const activity = await call('GET', '/v1/me/activity', 200, { auth: token });
    expect((activity.items as { attribution: string }[]).map((i) => i.attribution)).toContain('applicant');
    const report = await call('POST', '/v1/access-reports', 202, {
      body: { phone: newPhone, pin: applicant.pin },
    });
    const code = lastSmsTo(dataDir, newPhone, 'code').secret;
    const wrongCode = code === '000000' ? '111111' : '000000';
    await call('POST', '/v1/access-reports/confirm', 400, {
      body: { requestId: report.requestId, code: wrongCode },
    });
    await call('POST', '/v1/access-reports/confirm', 201, {
      body: { requestId: report.requestId, code, description: 'not me' },
    });
    const reset = await call('POST', '/v1/password-resets', 202, {
      body: { phone: newPhone, pin: applicant.pin },
    });
    const resetCode = lastSmsTo(dataDir, newPhone, 'code').secret;
    await call('POST', '/v1/password-resets/confirm', 400, {
      body: { requestId: reset.requestId, code: resetCode, newPassword: '123' },
    });
    await call('POST', '/v1/password-resets/confirm', 204, {
      body: { requestId: reset.requestId, code: resetCode, newPassword: 'Naryn-bridge-7-morning' },
    });
  });

  it('presses Exit and ends every session (2.7)', async () => {
    const password = 'Naryn-bridge-7-morning';
    const first = (await call('POST', '/v1/sessions', 201, { body: { phone: newPhone, password } }))
      .token as string;
    const second = (await call('POST', '/v1/sessions', 201, { body: { phone: newPhone, password } }))
      .token as string;
    await call('DELETE', '/v1/sessions/current', 204, { auth: first });
    await call('GET', '/v1/me', 401, { auth: first });
    await call('DELETE', '/v1/sessions', 204, { auth: second });
    await call('DELETE', '/v1/sessions', 401, { auth: second });
  });
});
