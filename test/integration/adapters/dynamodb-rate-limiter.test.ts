import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../../functions/adapters/dynamodb/keys';
import { DynamoDbRateLimiter } from '../../../functions/adapters/rate-limit/dynamodb-rate-limiter';
import { StoreUnavailable, TooManyRequests } from '../../../functions/domain/errors';
import type { RateLimit } from '../../../functions/domain/ports';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/client';
import { createTestTables, type TestTables } from '../../support/dynamo';

const threePerTenMinutes: RateLimit = { name: 'test-sms-phone', max: 3, windowSeconds: 600 };
/** 10:02:30 UTC: 150 seconds into the 10-minute window that began at 10:00. */
const now = new Date('2026-11-25T10:02:30.000Z');
const windowStart = Date.parse('2026-11-25T10:00:00.000Z') / 1000;

const refusalOf = async (attempt: Promise<void>): Promise<unknown> =>
  attempt.then(
    () => undefined,
    (e) => e,
  );

describe('Class: DynamoDbRateLimiter against DynamoDB Local', () => {
  let tables: TestTables;
  let limiter: DynamoDbRateLimiter;

  beforeAll(async () => {
    tables = await createTestTables();
    limiter = new DynamoDbRateLimiter(tables.client, tables.tableName);
  });

  describe('Method: consume', () => {
    it('lets max uses through and refuses the next with the seconds left in the window (Security rules)', async () => {
      // Prepare
      const key = 'hmac-of-phone-a';
      for (let use = 0; use < threePerTenMinutes.max; use += 1) {
        await limiter.consume(threePerTenMinutes, key, now);
      }

      // Act
      const refusal = await refusalOf(limiter.consume(threePerTenMinutes, key, now));

      // Assess
      expect(refusal).toBeInstanceOf(TooManyRequests);
      expect(refusal).toMatchObject({ code: 'too_many_requests', retryAfterSeconds: 450 });
    });

    it('keeps one counter item per limit, key and window, with a TTL at the window end', async () => {
      // Prepare
      const key = 'hmac-of-phone-b';

      // Act
      await limiter.consume(threePerTenMinutes, key, now);
      await limiter.consume(threePerTenMinutes, key, now);

      // Assess
      const { Item } = await tables.client.send(
        new GetCommand({
          TableName: tables.tableName,
          Key: keys.rateCounter(threePerTenMinutes.name, key, windowStart),
          ConsistentRead: true,
        }),
      );
      expect(Item).toEqual({
        pk: `RATE#test-sms-phone#hmac-of-phone-b#${windowStart}`,
        sk: 'RATE',
        count: 2,
        ttl: windowStart + 600,
      });
    });

    it('lets exactly max of 20 concurrent uses through: counting is atomic (2.8)', async () => {
      // Prepare
      const key = 'hmac-of-phone-c';

      // Act
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, () => limiter.consume(threePerTenMinutes, key, now)),
      );

      // Assess
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
      const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
      expect(refusals).toHaveLength(17);
      refusals.forEach((refusal) => expect(refusal).toBeInstanceOf(TooManyRequests));
    });

    it('starts counting afresh in the next window', async () => {
      // Prepare
      const key = 'hmac-of-phone-d';
      for (let use = 0; use < threePerTenMinutes.max; use += 1) {
        await limiter.consume(threePerTenMinutes, key, now);
      }
      const nextWindow = new Date(Date.parse('2026-11-25T10:10:00.000Z'));

      // Act
      const refusal = await refusalOf(limiter.consume(threePerTenMinutes, key, nextWindow));

      // Assess
      expect(refusal).toBeUndefined();
    });

    it('counts keys and limits apart', async () => {
      // Prepare
      const key = 'hmac-of-phone-e';
      const otherLimit: RateLimit = { name: 'test-resets', max: 1, windowSeconds: 3600 };
      for (let use = 0; use < threePerTenMinutes.max; use += 1) {
        await limiter.consume(threePerTenMinutes, key, now);
      }

      // Act
      const outcomes = await Promise.allSettled([
        limiter.consume(threePerTenMinutes, 'hmac-of-phone-f', now),
        limiter.consume(otherLimit, key, now),
      ]);

      // Assess
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    });

    it('refuses a key that could run into another counter', async () => {
      // Act
      const refusal = await refusalOf(limiter.consume(threePerTenMinutes, 'a#b', now));

      // Assess
      expect(refusal).toBeInstanceOf(RangeError);
    });
  });
});

describe('Class: DynamoDbRateLimiter when the store cannot be reached', () => {
  it('says the store is unavailable, keeping the SDK error as the cause', async () => {
    // Prepare
    const unreachable = createDocumentClient({ region: 'eu-central-1', endpoint: 'http://127.0.0.1:9' });
    const limiter = new DynamoDbRateLimiter(unreachable, 'portal');

    // Act
    const refusal = await refusalOf(limiter.consume(threePerTenMinutes, 'hmac-of-phone-g', now));

    // Assess
    expect(refusal).toBeInstanceOf(StoreUnavailable);
    expect((refusal as Error).cause).toBeInstanceOf(Error);
    unreachable.destroy();
  });
});
