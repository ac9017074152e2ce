import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** Where a client's requests leave from. */
export interface HttpClientOptions {
  /**
   * The local address to send from, so that the portal sees it as the request's source IP: on Linux all of
   * 127.0.0.0/8 is loopback, so 127.0.0.2, 127.0.0.3 … stand for distinct applicants' networks.
   */
  readonly localAddress?: string;
}

/** One request over node:http from a given local address (fetch cannot choose it without undici's Agent). */
const requestFrom = (
  localAddress: string,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Headers; text: string }> =>
  new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      // A connection per request (no keep-alive): none is reused after the server dropped it as idle.
      { method: init.method, headers: init.headers, localAddress, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers))
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
              headers.append(name, one);
          resolve({
            status: response.statusCode ?? 0,
            headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });

/** A small HTTP client for the local portal, speaking JSON as a browser or a mobile app would. */
export const httpClient = (baseUrl: string, client: HttpClientOptions = {}) => {
  const send = async (
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer> => {
    const init = {
      method,
      headers: {
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...(options.token && { authorization: `Bearer ${options.token}` }),
        'user-agent': 'e2e-test',
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    };
    const { status, headers, text } = client.localAddress
      ? await requestFrom(client.localAddress, `${baseUrl}${path}`, init)
      : await fetch(`${baseUrl}${path}`, init).then(async (response) => ({
          status: response.status,
          headers: response.headers,
          text: await response.text(),
        }));
    return {
      status,
      headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  return send;
};

export interface OutboxSms {
  at: string;
  phone: string;
  purpose: 'password' | 'code' | 'notice';
  text: string;
  secret: string;
}

/** The local SMS outbox, read as the applicant reads their phone (DESIGN: Local SMS outbox). */
export const smsOutbox = (dataDir: string): OutboxSms[] => {
  const file = join(dataDir, 'sms-outbox.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxSms);
};

export const lastSmsTo = (dataDir: string, phone: string, purpose?: OutboxSms['purpose']): OutboxSms => {
  const sms = smsOutbox(dataDir)
    .filter((m) => m.phone === phone && (purpose === undefined || m.purpose === purpose))
    .at(-1);
  if (!sms) throw new Error('no SMS to that phone');
  return sms;
};

export const alertsOutbox = (dataDir: string): Record<string, unknown>[] => {
  const file = join(dataDir, 'alerts-outbox.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
};
