import { channel } from 'node:diagnostics_channel';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { PasswordHasher } from '../domain/accounts/dependencies';
import { PasswordHashingBusy } from '../domain/errors';
import {
  generatePassword,
  hashPassword,
  needsRehash,
  verifyAgainstDummyHash,
  verifyPassword,
  type ScryptParams,
} from '../domain/passwords';

/**
 * Where the KDF's waits for a slot are published (milliseconds per run), for whoever measures a process's requests
 * (`npm run load`'s probe); nothing is published while nobody listens.
 */
export const kdfWaitChannel = channel('srs-portal:kdf-wait');

/** API Gateway's integration timeout: nobody waits longer for an answer (the local server answers 503 then). */
const answerTimeoutMs = 29_000;

/**
 * Runs KDF work at most `slots` at a time, first come first served. scrypt is CPU-bound and takes 128 MiB a run:
 * more runs at once than cores only makes each slower, and on libuv's thread pool (4 threads) it would leave no
 * thread to other work (file writes, the local S3 server) while the runs queue. A run that waited `maxWaitMs` for
 * its slot is dropped (PasswordHashingBusy): its request has been answered already, and running it would only
 * make the runs behind it late too. A Lambda instance serves one request at a time, so this only ever queues in a
 * process serving many, as the local server does (issue 20).
 */
export const kdfSlots = (slots: number, maxWaitMs = answerTimeoutMs) => {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    // A finished run hands its slot to the first in line: `running` stays as it is.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return async <T>(work: () => Promise<T>): Promise<T> => {
    const queuedAt = performance.now();
    const queued = running >= slots;
    if (queued) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    const waitedMs = performance.now() - queuedAt;
    if (kdfWaitChannel.hasSubscribers) kdfWaitChannel.publish(waitedMs);
    if (queued && waitedMs >= maxWaitMs) {
      release();
      throw new PasswordHashingBusy();
    }
    try {
      return await work();
    } finally {
      release();
    }
  };
};

/**
 * Passwords with scrypt (node:crypto, OpenSSL): memory-hard at the OWASP minimum N=2^17, r=8, p=1, in PHC
 * strings, as many at once as the machine has cores (at most libuv's 4 threads less one). `params` lowers the cost
 * for tests only; the dummy check for unknown logins then costs the same as a real one at those parameters, as it
 * does in production.
 */
export const scryptPasswordHasher = (
  params?: ScryptParams,
  slots = Math.max(1, Math.min(3, availableParallelism())),
): PasswordHasher => {
  const inSlot = kdfSlots(slots);
  let dummyHash: Promise<string> | undefined;
  return {
    hash: (password) => inSlot(() => hashPassword(password, params ? { params } : {})),
    verify: (password, hash) => inSlot(() => verifyPassword(password, hash)),
    verifyDummy: async (password) => {
      if (!params) return inSlot(() => verifyAgainstDummyHash(password));
      const dummy = await (dummyHash ??= inSlot(() =>
        hashPassword('no account has this password', { params }),
      ));
      await inSlot(() => verifyPassword(password, dummy));
      return false;
    },
    needsRehash: (hash) => needsRehash(hash, params),
    generate: () => generatePassword(),
  };
};
