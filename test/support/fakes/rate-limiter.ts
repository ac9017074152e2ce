import { secondsUntilEnd, windowAt } from '../../../functions/adapters/rate-limit/window';
import { TooManyRequests } from '../../../functions/domain/errors';
import type { RateLimit, RateLimiter } from '../../../functions/domain/ports';

/** Names and keys become parts of DynamoDbRateLimiter's item key: it refuses a `#` or a space in them. */
const keyPart = /^[^#\s]+$/;

/**
 * DynamoDbRateLimiter's fixed windows in memory (functions/adapters/rate-limit/): windows aligned to the epoch,
 * a use counted only while the window's count is below `max`, a refusal's Retry-After the whole seconds (at
 * least 1) left in the window. A refused use is not counted.
 */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly counters = new Map<string, number>();

  async consume(limit: RateLimit, key: string, now: Date): Promise<void> {
    if (!keyPart.test(limit.name) || !keyPart.test(key)) {
      throw new RangeError('A rate limit name and key must be non-empty and hold no "#" or space');
    }
    const window = windowAt(limit, now);
    const counter = `${limit.name}#${key}#${window.start}`;
    const count = this.counters.get(counter) ?? 0;
    if (count >= limit.max) throw new TooManyRequests(secondsUntilEnd(window, now));
    this.counters.set(counter, count + 1);
  }

  /** The uses counted for `key` in the window of `limit` that holds `now`. */
  used(limit: RateLimit, key: string, now: Date): number {
    return this.counters.get(`${limit.name}#${key}#${windowAt(limit, now).start}`) ?? 0;
  }
}
