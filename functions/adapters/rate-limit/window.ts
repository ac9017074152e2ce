import type { RateLimit } from '../../domain/ports';

export interface FixedWindow {
  /** Epoch seconds at which the window began. */
  readonly start: number;
  /** Epoch seconds at which the next window begins. */
  readonly end: number;
}

/** The fixed window of `limit` that holds `now`: windows are aligned to the epoch, so every caller agrees on them. */
export const windowAt = (limit: RateLimit, now: Date): FixedWindow => {
  const seconds = Math.floor(now.getTime() / 1000);
  const start = seconds - (seconds % limit.windowSeconds);
  return { start, end: start + limit.windowSeconds };
};

/** Whole seconds until the window ends, at least 1: the `Retry-After` of a refusal. */
export const secondsUntilEnd = (window: FixedWindow, now: Date): number =>
  Math.max(1, Math.ceil(window.end - now.getTime() / 1000));
