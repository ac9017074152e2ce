import { lockoutMemorySeconds } from '../limits';
import { lockoutDelaySeconds, lockoutThreshold } from './account';

/**
 * Failed password logins on a phone that opens no account (none, a deleted one, one without a password), counted
 * so that such a phone locks exactly as a registered one does (2.7, DESIGN HTTP API: "unknown phones lock
 * alike"): the same attempts, the same 423 and the same Retry-After growth, so that the lockout tells nobody
 * whether a phone is registered. Keyed by the phone's lookup key (an HMAC, never the phone).
 */

/** How password logins lock (Security rules), as a store can evaluate it in one conditional write. */
export interface LockoutSchedule {
  /** Failures in a row that earn the first lock. */
  readonly threshold: number;
  /**
   * `lockSeconds[i]`: how long the run locks after `threshold + i` failures in a row; the last entry holds for
   * every longer run (the delay stops growing there).
   */
  readonly lockSeconds: readonly number[];
  /** A run is forgotten this long after its last failure, or after the end of the lock that failure earned. */
  readonly forgetAfterSeconds: number;
}

/** A run of failed attempts as a store keeps it. */
export interface FailureRun {
  readonly failures: number;
  /** Epoch milliseconds of the run's last counted failure. */
  readonly lastFailureAt: number;
}

/** What one failed attempt came to: counted (and maybe locking from now on), or refused as already locked. */
export type FailureOutcome =
  | { readonly locked: false; readonly failures: number; readonly lockedUntil?: Date }
  | { readonly locked: true; readonly lockedUntil: Date };

/** The port: a counter per key that parallel attempts cannot outrun. */
export interface LoginFailureCounter {
  /**
   * Counts one failed password attempt against `key` unless the key is locked at `now`, in which case nothing is
   * counted and the outcome says until when. Atomic: parallel attempts each see a distinct count, and once one of
   * them earns the lock, every later one is refused. A run that `schedule` forgets starts over.
   */
  countFailure(key: string, now: Date, schedule: LockoutSchedule): Promise<FailureOutcome>;
}

/** The schedule of `delaySeconds` (0 below the threshold), listed until it stops growing. */
export const scheduleOf = (
  threshold: number,
  delaySeconds: (failures: number) => number,
  forgetAfterSeconds: number,
): LockoutSchedule => {
  const lockSeconds = [delaySeconds(threshold)];
  for (let failures = threshold + 1; delaySeconds(failures) !== lockSeconds.at(-1); failures += 1) {
    if (lockSeconds.length > 64) throw new RangeError('A lockout delay must stop growing');
    lockSeconds.push(delaySeconds(failures));
  }
  return { threshold, lockSeconds, forgetAfterSeconds };
};

/** Password login's lockout (account.ts), the same for registered and unknown phones. */
export const passwordLockout: LockoutSchedule = scheduleOf(
  lockoutThreshold,
  lockoutDelaySeconds,
  lockoutMemorySeconds,
);

/** Seconds a run of `failures` locks for after its last failure: 0 below the threshold. */
export const lockSecondsAfter = (schedule: LockoutSchedule, failures: number): number =>
  failures < schedule.threshold
    ? 0
    : schedule.lockSeconds[Math.min(failures - schedule.threshold, schedule.lockSeconds.length - 1)]!;

/** The end of the lock the run earned (epoch ms), whether or not it is over. */
const lockEnd = (schedule: LockoutSchedule, run: FailureRun): number =>
  run.lastFailureAt + lockSecondsAfter(schedule, run.failures) * 1000;

/** The run's lock end, when it is locked at `now`. */
export const lockedUntilOf = (schedule: LockoutSchedule, run: FailureRun, now: Date): Date | undefined => {
  const end = lockEnd(schedule, run);
  return end > now.getTime() ? new Date(end) : undefined;
};

/** True once the run is forgotten at `now`: `forgetAfterSeconds` past its last failure or its lock's end. */
export const isForgotten = (schedule: LockoutSchedule, run: FailureRun, now: Date): boolean =>
  lockEnd(schedule, run) + schedule.forgetAfterSeconds * 1000 <= now.getTime();

/**
 * The rule every counter follows (the reference for adapters and fakes): what one failed attempt at `now` does
 * to `run` (undefined: none yet). `next` is the run to keep, absent when the attempt was refused.
 */
export const afterFailure = (
  schedule: LockoutSchedule,
  run: FailureRun | undefined,
  now: Date,
): { outcome: FailureOutcome; next?: FailureRun } => {
  if (run) {
    const lockedUntil = lockedUntilOf(schedule, run, now);
    if (lockedUntil) return { outcome: { locked: true, lockedUntil } };
  }
  const failures = run && !isForgotten(schedule, run, now) ? run.failures + 1 : 1;
  const next = { failures, lastFailureAt: now.getTime() };
  const lock = lockSecondsAfter(schedule, failures);
  return {
    outcome: {
      locked: false,
      failures,
      ...(lock > 0 && { lockedUntil: new Date(now.getTime() + lock * 1000) }),
    },
    next,
  };
};

/**
 * Seconds after `now` by which a counter for a run that failed at `now` may be deleted (its TTL): past the
 * longest lock and the memory after it, so that the store may drop it without changing any answer.
 */
export const retentionSeconds = (schedule: LockoutSchedule): number =>
  Math.max(...schedule.lockSeconds) + schedule.forgetAfterSeconds;
