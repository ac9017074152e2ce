import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { portalTable } from '../../../contract/tables';
import { StoreUnavailable, TooManyRequests } from '../../domain/errors';
import type { RateLimit, RateLimiter } from '../../domain/ports';
import { keys } from '../dynamodb/keys';
import { isStoreUnavailable } from '../dynamodb/unavailable';
import { secondsUntilEnd, windowAt } from './window';

/** Names and keys become parts of the item key: a `#` in them could make two counters share one item. */
const keyPart = /^[^#\s]+$/;

/**
 * Rate limits (2.8, Security rules) as fixed-window counters in the portal table: one item per limit, key and
 * window, counted by a single conditional `UpdateItem`, so that concurrent requests can never pass the limit
 * together (no read-then-write). The item carries a TTL at the window's end: DynamoDB removes spent windows.
 *
 * @example
 * const limiter = new DynamoDbRateLimiter(documentClient, config().tableName);
 * await limiter.consume(limits.smsPerPhone, vault.lookupKey('phone', phone), clock.now());
 */
export class DynamoDbRateLimiter implements RateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async consume(limit: RateLimit, key: string, now: Date): Promise<void> {
    if (!keyPart.test(limit.name) || !keyPart.test(key)) {
      throw new RangeError('A rate limit name and key must be non-empty and hold no "#" or space');
    }
    const window = windowAt(limit, now);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.rateCounter(limit.name, key, window.start),
          UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
          ExpressionAttributeNames: { '#count': 'count', '#ttl': portalTable.ttlAttribute },
          ExpressionAttributeValues: { ':one': 1, ':ttl': window.end, ':max': limit.max },
        }),
      );
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
        throw new TooManyRequests(secondsUntilEnd(window, now));
      }
      if (isStoreUnavailable(error)) throw new StoreUnavailable(error);
      throw error;
    }
  }
}
