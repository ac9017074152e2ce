import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import fc from 'fast-check';
import { DynamoDbRateLimiter } from '../../../functions/adapters/rate-limit/dynamodb-rate-limiter';
import { secondsUntilEnd, windowAt } from '../../../functions/adapters/rate-limit/window';
import { TooManyRequests } from '../../../functions/domain/errors';
import { limits } from '../../../functions/domain/limits';

const dynamo = mockClient(DynamoDBDocumentClient);
const limiter = new DynamoDbRateLimiter(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'portal');
const now = new Date('2026-11-25T10:02:30.000Z');

describe('Class: DynamoDbRateLimiter', () => {
  beforeEach(() => dynamo.reset());

  describe('Method: consume', () => {
    it('counts with one conditional UpdateItem on the window item: atomic, no read first', async () => {
      // Prepare
      dynamo.on(UpdateCommand).resolves({});

      // Act
      await limiter.consume(limits.smsPerPhone, 'abc123', now);

      // Assess
      expect(dynamo).toReceiveCommandTimes(UpdateCommand, 1);
      expect(dynamo).toReceiveCommandWith(UpdateCommand, {
        TableName: 'portal',
        Key: { pk: `RATE#sms-phone#abc123#${Date.parse('2026-11-25T10:00:00Z') / 1000}`, sk: 'RATE' },
        UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':ttl': Date.parse('2026-11-25T10:10:00Z') / 1000,
          ':max': 3,
        },
      });
      expect(dynamo.calls()).toHaveLength(1);
    });

    it('turns a failed condition into TooManyRequests with the seconds left in the window', async () => {
      // Prepare
      dynamo
        .on(UpdateCommand)
        .rejects(
          new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }),
        );

      // Act
      const refusal = await limiter.consume(limits.smsPerPhone, 'abc123', now).catch((e: unknown) => e);

      // Assess
      expect(refusal).toBeInstanceOf(TooManyRequests);
      expect(refusal).toMatchObject({ retryAfterSeconds: 450 });
    });
  });
});

describe('Fixed windows', () => {
  const anyLimit = fc.record({
    name: fc.constant('test'),
    max: fc.integer({ min: 1, max: 1000 }),
    windowSeconds: fc.integer({ min: 1, max: 86_400 }),
  });
  const anyTime = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });

  it('hold the moment they are asked about, and a refusal waits at most one window', () => {
    fc.assert(
      fc.property(anyLimit, anyTime, (limit, time) => {
        const window = windowAt(limit, time);
        const seconds = time.getTime() / 1000;
        expect(window.start).toBeLessThanOrEqual(seconds);
        expect(window.end).toBeGreaterThan(seconds);
        expect(window.end - window.start).toBe(limit.windowSeconds);
        const retryAfter = secondsUntilEnd(window, time);
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(limit.windowSeconds);
      }),
    );
  });

  it('are the same for every caller within them', () => {
    fc.assert(
      fc.property(anyLimit, anyTime, (limit, time) => {
        const { start, end } = windowAt(limit, time);
        expect(windowAt(limit, new Date(start * 1000))).toEqual({ start, end });
        expect(windowAt(limit, new Date(end * 1000 - 1))).toEqual({ start, end });
      }),
    );
  });
});

describe('The named limits (2.8, Security rules)', () => {
  it('cap SMS per phone at 3 in 10 minutes, per IP at 60 an hour, and overall', () => {
    expect(limits.smsPerPhone).toMatchObject({ max: 3, windowSeconds: 600 });
    expect(limits.smsPerSourceIp.max / (limits.smsPerSourceIp.windowSeconds / 3600)).toBeGreaterThanOrEqual(
      30,
    );
    expect(limits.smsOverall.max).toBeGreaterThan(limits.smsPerSourceIp.max);
  });

  it('have distinct names, usable in item keys', () => {
    const names = Object.values(limits).map((limit) => limit.name);
    expect(new Set(names).size).toBe(names.length);
    names.forEach((name) => expect(name).toMatch(/^[a-z-]+$/));
  });
});
