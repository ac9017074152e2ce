import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevCa, issueCardCertificate, type VirtualCard } from '../../lib/local/virtual-card/dev-ca';
import { signChallenge } from '../../lib/local/virtual-card/card';
import { devCaDirectory, readDevCa, revokeInDevCrl } from '../../lib/local/virtual-card/store';
import type { KeyType } from '../../lib/local/virtual-card/keys';
import { httpClient } from '../support/http';
import { newApplicant } from '../support/portal';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';

const origin = 'https://portal.example.kg';
const day = 86_400_000;

// Starting `npm start` (tsx, the page's build, DynamoDB Local) in beforeAll takes tens of seconds on a loaded 2-core
// machine: hooks and tests get a generous bound (the start itself gives up after 90 s).
jest.setTimeout(180_000);

/**
 * 2.1: the 2017 ID card and its PIN code, end to end over HTTP with virtual cards issued by the development CA that
 * `npm start` trusts; the card's PIN code never reaches the server, only a signature over our challenge.
 */
describe('ID-card login over HTTP (2.1)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-id-card-'));
  let portal: PortalProcess;
  let http: ReturnType<typeof httpClient>;
  const applicant = newApplicant();

  const challenge = async () =>
    (await http('POST', '/v1/id-card/challenges')).body as {
      challengeId: string;
      nonce: string;
      expiresAt: string;
    };
  const cardFor = async (
    pin: string,
    options: { keyType?: KeyType; notBefore?: Date; notAfter?: Date; clientAuth?: boolean } = {},
  ) =>
    issueCardCertificate(await readDevCa(devCaDirectory({ PORTAL_DATA_DIR: dataDir })), { pin, ...options });
  const loginWith = async (card: VirtualCard, sign: { origin?: string; nonce?: string } = {}) => {
    const { challengeId, nonce } = await challenge();
    const authToken = await signChallenge(card, {
      origin: sign.origin ?? origin,
      nonce: sign.nonce ?? nonce,
    });
    return http('POST', '/v1/id-card/sessions', { body: { challengeId, authToken } });
  };

  beforeAll(async () => {
    portal = await startPortalProcess(dataDir, { PORTAL_ORIGIN: origin });
    http = httpClient(portal.url);
    const consent = await http('POST', '/v1/consents', {
      body: { agreementVersion: '1', accepted: true, language: 'ky' },
    });
    const registered = await http('POST', '/v1/registrations', {
      body: { consentId: consent.body.consentId, applicantType: 'individual', ...applicant },
    });
    expect(registered.status).toBe(201);
  });

  afterAll(async () => {
    await portal.stop('SIGTERM');
  });

  it('says at start-up that it trusts the development CA', () => {
    expect(portal.output()).toMatch(/trusting the DEVELOPMENT CA/);
  });

  it('issues one-time challenges of at least 32 random bytes, valid 5 minutes', async () => {
    const issued = await http('POST', '/v1/id-card/challenges');
    expect(issued.status).toBe(201);
    const { nonce, expiresAt } = issued.body as { nonce: string; expiresAt: string };
    expect(Buffer.from(nonce, 'base64').length).toBeGreaterThanOrEqual(32);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
  });

  it.each<[string, KeyType]>([
    ['an EC P-384 card (ES384)', 'ec-p384'],
    ['an RSA card (RS256)', 'rsa'],
  ])('logs in with %s: a session with method id-card', async (_name, keyType) => {
    const answer = await loginWith(await cardFor(applicant.pin, { keyType }));
    expect(answer.status).toBe(201);
    const token = answer.body.token as string;
    expect((await http('GET', '/v1/me', { token })).status).toBe(200);
    const sessions = (await http('GET', '/v1/me/sessions', { token })).body.items as {
      method: string;
      current: boolean;
    }[];
    expect(sessions.find((s) => s.current)?.method).toBe('id-card');
  });

  it('answers 404 not_registered for a genuine card whose PIN has no account', async () => {
    const answer = await loginWith(await cardFor(newApplicant().pin));
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('not_registered');
  });

  describe.each<[KeyType]>([['ec-p384'], ['rsa']])('with a %s card', (keyType) => {
    it.each<[string, () => Promise<{ status: number; body: Record<string, unknown> }>]>([
      [
        'an expired certificate',
        async () =>
          loginWith(
            await cardFor(applicant.pin, {
              notBefore: new Date(Date.now() - 400 * day),
              notAfter: new Date(Date.now() - day),
            }),
          ),
      ],
      [
        'a certificate of another CA',
        async () =>
          loginWith(
            await issueCardCertificate(await createDevCa({ keyType }), { pin: applicant.pin, keyType }),
          ),
      ],
      [
        'a signature for another origin',
        async () =>
          loginWith(await cardFor(applicant.pin, { keyType }), { origin: 'https://evil.example.com' }),
      ],
      [
        'a signature over another nonce',
        async () =>
          loginWith(await cardFor(applicant.pin, { keyType }), {
            nonce: Buffer.alloc(32, 7).toString('base64'),
          }),
      ],
      [
        'a certificate without client authentication usage',
        async () => loginWith(await cardFor(applicant.pin, { keyType, clientAuth: false })),
      ],
      [
        'a tampered signature',
        async () => {
          const { challengeId, nonce } = await challenge();
          const authToken = await signChallenge(await cardFor(applicant.pin, { keyType }), { origin, nonce });
          const signature = Buffer.from(authToken.signature, 'base64');
          signature[10] ^= 0xff;
          return http('POST', '/v1/id-card/sessions', {
            body: { challengeId, authToken: { ...authToken, signature: signature.toString('base64') } },
          });
        },
      ],
      [
        'a replayed challenge',
        async () => {
          const card = await cardFor(applicant.pin, { keyType });
          const { challengeId, nonce } = await challenge();
          const authToken = await signChallenge(card, { origin, nonce });
          expect(
            (await http('POST', '/v1/id-card/sessions', { body: { challengeId, authToken } })).status,
          ).toBe(201);
          return http('POST', '/v1/id-card/sessions', { body: { challengeId, authToken } });
        },
      ],
      [
        'a malformed token',
        async () =>
          http('POST', '/v1/id-card/sessions', {
            body: { challengeId: (await challenge()).challengeId, authToken: { format: 'web-eid:1.0' } },
          }),
      ],
      [
        'a revoked certificate (development CRL)',
        async () => {
          const card = await cardFor(applicant.pin, { keyType });
          await revokeInDevCrl(devCaDirectory({ PORTAL_DATA_DIR: dataDir }), card.certificate);
          return loginWith(card);
        },
      ],
    ])('refuses %s with 401 invalid_id_card', async (_name, attempt) => {
      const answer = await attempt();
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe('invalid_id_card');
    });
  });

  it('records a refused genuine card in the account audit log (revoked)', async () => {
    const password = (await import('../support/http')).lastSmsTo(dataDir, applicant.phone, 'password').secret;
    const token = (await http('POST', '/v1/sessions', { body: { phone: applicant.phone, password } })).body
      .token as string;
    const activity = (await http('GET', '/v1/me/activity', { token, headers: {} })).body.items as {
      action: string;
    }[];
    expect(activity.map((i) => i.action)).toContain('id_card_refused');
  });
});
