import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { findRunningStore } from '../../lib/local/store';
import { newApplicant } from '../support/portal';
import { javaRunsOn, startPortalProcess, type PortalProcess } from '../support/portal-process';

const consent = (portal: PortalProcess, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${portal.url}/v1/consents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/**
 * A POST whose headers the server has read (it answered 100 Continue) and whose body waits until `sendBody`: a
 * request certainly in flight at the server, without guessing how long one takes to arrive.
 */
const requestAwaitingBody = (url: string, body: string) =>
  new Promise<{ sendBody(): Promise<{ status: number; body: string }> }>((resolve, reject) => {
    const request = httpRequest(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
      },
    });
    const answered = new Promise<{ status: number; body: string }>((resolveAnswer, rejectAnswer) => {
      request.once('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.once('end', () => resolveAnswer({ status: response.statusCode ?? 0, body: text }));
        response.once('error', rejectAnswer);
      });
      request.once('error', rejectAnswer);
    });
    answered.catch(() => undefined);
    request.once('error', reject);
    request.once('continue', () =>
      resolve({
        sendBody: () => {
          request.end(body);
          return answered;
        },
      }),
    );
    request.flushHeaders();
  });

// Tests here start and restart the portal with its DynamoDB Local: tens of seconds on a loaded 2-core machine,
// over a minute for two starts and stops when other work shares it.
jest.setTimeout(300_000);

describe('npm start: the local portal over HTTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-e2e-'));
  let portal: PortalProcess;

  beforeAll(async () => {
    portal = await startPortalProcess(dataDir);
  });

  afterAll(async () => {
    expect(await portal.stop('SIGTERM')).toBe(0);
    expect(javaRunsOn(dataDir)).toBe(false);
  });

  it('says where it listens and where the data lives', () => {
    expect(portal.output()).toContain(`listening on ${portal.url}`);
    expect(portal.output()).toContain(`Data: ${dataDir}`);
  });

  it('answers health with request id and security headers', async () => {
    const response = await fetch(`${portal.url}/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the agreement in each language with its hash', async () => {
    for (const lang of ['ky', 'ru', 'en']) {
      const body = (await (await fetch(`${portal.url}/v1/agreement?lang=${lang}`)).json()) as Record<
        string,
        string
      >;
      expect(body).toMatchObject({ version: '1', language: lang, effectiveFrom: '2026-01-01' });
      expect(body.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const byHeader = (await (
      await fetch(`${portal.url}/v1/agreement`, { headers: { 'accept-language': 'ru' } })
    ).json()) as {
      language: string;
    };
    expect(byHeader.language).toBe('ru');
  });

  it('answers an unknown agreement version with 404 problem+json', async () => {
    const response = await fetch(`${portal.url}/v1/agreement?version=99`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('records a consent (201) and refuses bad input with a localized problem', async () => {
    const created = await consent(portal, { agreementVersion: '1', accepted: true, language: 'ky' });
    expect(created.status).toBe(201);
    const refused = await consent(
      portal,
      { agreementVersion: '1', accepted: 'yes' },
      { 'accept-language': 'en' },
    );
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as { code: string; errors: { field: string }[]; title: string };
    expect(problem.code).toBe('validation_failed');
    expect(problem.title).toBe('The data did not pass validation');
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['accepted', 'language']);
  });

  it.each([
    ['malformed JSON', { 'content-type': 'application/json' }, '{"a":', 400, 'malformed_json'],
    ['a wrong content type', { 'content-type': 'text/plain' }, 'hello', 415, 'unsupported_media_type'],
    [
      'an oversized body',
      { 'content-type': 'application/json' },
      JSON.stringify({ a: 'x'.repeat(9_000) }),
      413,
      'payload_too_large',
    ],
    [
      'a far oversized body',
      { 'content-type': 'application/json' },
      'x'.repeat(400_000),
      413,
      'payload_too_large',
    ],
  ])('refuses %s', async (_name, headers, body, status, code) => {
    const response = await fetch(`${portal.url}/v1/consents`, { method: 'POST', headers, body });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { code: string }).code).toBe(code);
  });

  it('answers an unknown route with 404 and a wrong method with 405', async () => {
    const unknown = await fetch(`${portal.url}/v2/nothing`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('not_found');
    const wrongMethod = await fetch(`${portal.url}/v1/health`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(wrongMethod.headers.get('x-request-id')).toBeTruthy();
  });

  it('logs one line per request with method, route, status, time and request id', async () => {
    const response = await fetch(`${portal.url}/v1/health`);
    const requestId = response.headers.get('x-request-id')!;
    await portal.waitForOutput(new RegExp(`GET /v1/health 200 [0-9.]+ms ${requestId}`));
  });
});

describe('npm start: shutdown and restart', () => {
  it('stops cleanly on SIGINT and SIGTERM, leaves no Java process, and finds its consents after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portal-restart-'));
    const first = await startPortalProcess(dataDir);
    const created = (await (
      await consent(first, { agreementVersion: '1', accepted: true, language: 'en' })
    ).json()) as {
      consentId: string;
    };
    expect(await first.stop('SIGINT')).toBe(0);
    expect(javaRunsOn(dataDir)).toBe(false);

    const second = await startPortalProcess(dataDir);
    try {
      const running = await findRunningStore(dataDir);
      const client = createDocumentClient({ region: 'eu-central-1', endpoint: running!.endpoint });
      const items = (await client.send(new ScanCommand({ TableName: 'portal' }))).Items ?? [];
      expect(items.map((item) => item.consentId)).toContain(created.consentId);
      client.destroy();
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
    expect(javaRunsOn(dataDir)).toBe(false);
  });

  it('lets a request in flight finish when asked to stop', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portal-inflight-'));
    const portal = await startPortalProcess(dataDir);
    const consentId = (
      (await (await consent(portal, { agreementVersion: '1', accepted: true, language: 'ky' })).json()) as {
        consentId: string;
      }
    ).consentId;
    // In flight for sure, however fast or slow the machine: the portal has read the registration's headers (its
    // 100 Continue says so) and is stopping (its log line says so) before the body is even sent; then the whole
    // request (scrypt, the DynamoDB transaction, the SMS) still runs to its answer, and only then does it exit.
    const inFlight = await requestAwaitingBody(
      `${portal.url}/v1/registrations`,
      JSON.stringify({ consentId, applicantType: 'individual', ...newApplicant() }),
    );
    const stopped = portal.stop('SIGTERM');
    await portal.waitForOutput(/SIGTERM: finishing requests in flight/);
    expect((await inFlight.sendBody()).status).toBe(201);
    expect(await stopped).toBe(0);
    expect(javaRunsOn(dataDir)).toBe(false);
  });

  it('refuses a second portal on the same data directory with a clear message', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portal-twice-'));
    const first = await startPortalProcess(dataDir);
    try {
      await expect(startPortalProcess(dataDir)).rejects.toThrow(/is in use by process/);
    } finally {
      await first.stop();
    }
  });

  it('says in one line what to install when Java is missing', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/local.ts'], {
      cwd: join(__dirname, '..', '..'),
      env: {
        ...process.env,
        PATH: '/nonexistent',
        PORTAL_DATA_DIR: mkdtempSync(join(tmpdir(), 'portal-nojava-')),
      },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Java 17 is needed to run DynamoDB Local: install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless).',
    );
  });
});
