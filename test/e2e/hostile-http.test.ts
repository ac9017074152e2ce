import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';

const rawRequest = (url: string, text: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    // A server that refuses before it has read everything closes with data unread, which resets the connection:
    // how much of the request it had read by then depends on timing, so its answer counts if one arrived.
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
  });

// Starting `npm start` (tsx, the page's build, DynamoDB Local) in beforeAll takes tens of seconds on a loaded 2-core
// machine: hooks and tests get a generous bound (the start itself gives up after 90 s).
jest.setTimeout(180_000);

describe('Hostile HTTP against npm start', () => {
  let portal: PortalProcess;

  beforeAll(async () => {
    portal = await startPortalProcess(mkdtempSync(join(tmpdir(), 'portal-hostile-')));
  });

  afterAll(async () => {
    await portal.stop('SIGTERM');
  });

  it('refuses oversized headers (431) and keeps serving', async () => {
    const answer = await rawRequest(
      portal.url,
      `GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431/);
    expect((await fetch(`${portal.url}/v1/health`)).status).toBe(200);
  });

  it('answers a request target that is no URL (GET //) with 404 and keeps serving', async () => {
    for (const target of ['//', '//a%20b/', '//x:y@/']) {
      const answer = await rawRequest(
        portal.url,
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
      expect([target, answer.slice(0, 12)]).toEqual([target, 'HTTP/1.1 404']);
    }
    expect((await fetch(`${portal.url}/v1/health`)).status).toBe(200);
  });

  it('does not let a header value inject headers into the answer', async () => {
    const answer = await rawRequest(
      portal.url,
      `GET /v1/agreement HTTP/1.1\r\nHost: x\r\nAccept-Language: en\rX-Injected: yes\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).not.toMatch(/\r\nX-Injected/i);
  });

  it('answers a path traversal or encoded path with 404, not a file', async () => {
    for (const path of ['/v1/../../etc/passwd', '/v1/%2e%2e/%2e%2e/etc/passwd', '/v1/me%00', '//v1/health']) {
      const response = await fetch(`${portal.url}${path}`);
      expect([400, 404]).toContain(response.status);
      expect(await response.text()).not.toContain('root:');
    }
  });
});
