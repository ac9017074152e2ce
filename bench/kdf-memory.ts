import { readFileSync, writeFileSync } from 'node:fs';
import { CURRENT_SCRYPT_PARAMS, hashPassword, scryptMemoryBytes } from '../functions/domain/passwords/kdf';

/**
 * Run as its own process (bench/run.ts starts it): the resident memory one password hash with the current KDF
 * parameters adds at its peak. Linux's VmHWM (peak RSS) is reset first where the kernel allows it.
 */
const statusKiB = (field: 'VmRSS' | 'VmHWM'): number => {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? Number.NaN);
};

const main = async (): Promise<void> => {
  await hashPassword('warm-up', { params: { ln: 10, r: 8, p: 1 } });
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Without the reset the peak may be an earlier one: the delta is then a lower bound.
  }
  const before = statusKiB('VmRSS');
  const started = performance.now();
  await hashPassword('a password of a bench applicant');
  const ms = performance.now() - started;
  const peak = statusKiB('VmHWM');
  process.stdout.write(
    JSON.stringify({
      peakDeltaMiB: (peak - before) / 1024,
      rssBeforeMiB: before / 1024,
      peakMiB: peak / 1024,
      expectedMiB: scryptMemoryBytes(CURRENT_SCRYPT_PARAMS) / 2 ** 20,
      ms,
    }),
  );
};

void main();
