import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** A small HTTP client for the local portal, speaking JSON as a browser or a mobile app would. */
export const httpClient = (baseUrl: string) => {
  const send = async (
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...(options.token && { authorization: `Bearer ${options.token}` }),
        'user-agent': 'e2e-test',
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  return send;
};

export interface OutboxSms {
  at: string;
  phone: string;
  purpose: 'password' | 'code';
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
