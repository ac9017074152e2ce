import { randomUUID } from 'node:crypto';
import { scryptPasswordHasher } from '../functions/adapters/passwords';
import type { Deployment } from './deployment';
import { registerApplicant } from './scenario-steps';
import { median, ratio, round } from './stats';

export interface LoginResult {
  readonly samples: number;
  readonly loginP50Ms: number;
  readonly kdfP50Ms: number;
  readonly ratio: number;
  readonly dynamoRequests: number;
}

/**
 * Password login with the real KDF (scryptPasswordHasher(): N=2^17, r=8, p=1) against one KDF hash alone: login is
 * the KDF plus a few DynamoDB requests, so the ratio shows what login adds. The two alternate, bounded by count
 * and time. `deployment` must be built with the real hasher.
 */
export const measureLogin = async (
  deployment: Deployment,
  options: { samples: number; deadline: number },
): Promise<LoginResult> => {
  const kdf = scryptPasswordHasher();
  const { phone, password } = await registerApplicant(deployment);
  const loginMs: number[] = [];
  const kdfMs: number[] = [];
  const requests: number[] = [];
  // One of each first, unmeasured: the thread pool and the 128 MiB allocation warm up.
  await kdf.hash(password);
  const kdfOnce = async () => {
    const started = performance.now();
    await kdf.hash(password);
    return performance.now() - started;
  };
  const loginOnce = async () => {
    const answer = await deployment.call('POST', '/v1/sessions', {
      body: { phone, password },
      headers: { 'idempotency-key': randomUUID() },
    });
    if (answer.status !== 201) throw new Error(`password login answered ${answer.status}, not 201`);
    return answer;
  };
  for (let i = 0; i <= options.samples; i += 1) {
    if (Date.now() > options.deadline) break;
    // Which goes first alternates: neither always runs right after the other's 128 MiB.
    const kdfFirst = i % 2 === 0;
    const kdfBefore = kdfFirst ? await kdfOnce() : 0;
    const answer = await loginOnce();
    const kdfTime = kdfFirst ? kdfBefore : await kdfOnce();
    if (i === 0) continue;
    kdfMs.push(kdfTime);
    loginMs.push(answer.ms);
    requests.push(answer.requests.length);
  }
  return {
    samples: loginMs.length,
    loginP50Ms: round(median(loginMs), 1),
    kdfP50Ms: round(median(kdfMs), 1),
    ratio: ratio(median(loginMs), median(kdfMs)),
    dynamoRequests: median(requests),
  };
};
