import type { Problem } from './api-types';
import type { Language } from './texts';

/** What a call gives: the body of a success, or the problem and when to try again (Retry-After). */
export type Answer<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; problem: Problem; retryAfterSeconds?: number };

/** Thrown when the portal cannot be reached at all (no answer, or an answer that is not the API's). */
export class Unreachable extends Error {}

/**
 * The portal's API on the page's own origin (CloudFront sends /v1/* to API Gateway; `npm start` serves both),
 * so the content security policy can stay `connect-src 'self'`.
 */
export const apiClient = (session: { token(): string | undefined; language(): Language }) =>
  async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Answer<T>> {
    const token = session.token();
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers: {
          accept: 'application/json',
          'accept-language': session.language(),
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...(token && { authorization: `Bearer ${token}` }),
          // 3.4: a request the browser retries after a dropped connection is not done twice.
          ...(method !== 'GET' && { 'idempotency-key': crypto.randomUUID() }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new Unreachable();
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new Unreachable();
    }
    if (response.ok) return { ok: true, status: response.status, body: parsed as T };
    const problem = parsed as Problem | undefined;
    if (!problem || typeof problem.title !== 'string') throw new Unreachable();
    // 423, 429 and 503 say when to come back.
    const retryAfterSeconds = Number(response.headers.get('retry-after'));
    return {
      ok: false,
      status: response.status,
      problem,
      ...(retryAfterSeconds > 0 && { retryAfterSeconds }),
    };
  };
