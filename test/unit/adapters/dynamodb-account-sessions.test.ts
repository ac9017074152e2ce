import { BatchGetCommand, DynamoDBDocumentClient, type BatchGetCommandInput } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbAccountStore } from '../../../functions/adapters/dynamodb/accounts';
import { keys } from '../../../functions/adapters/dynamodb/keys';
import type { SessionRecord } from '../../../functions/domain/accounts/store';
import { StoreUnavailable } from '../../../functions/domain/errors';
import { sealedOrigins } from '../../../functions/wiring/network-data';
import { fixedKeyVault } from '../../support/fakes';

const dynamo = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const store = new DynamoDbAccountStore(client, 'portal', sealedOrigins(client, 'portal', fixedKeyVault()));

const session = (n: number): SessionRecord => ({
  tokenHash: `hash-${n}`,
  sessionId: `session-${n}`,
  accountId: 'account-1',
  method: 'password',
  createdAt: '2026-11-25T10:00:00.000Z',
  lastSeenAt: '2026-11-25T10:05:00.000Z',
  absoluteExpiresAt: '2026-11-25T22:00:00.000Z',
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (test)',
});
const item = (n: number) => ({ ...keys.session(`hash-${n}`), type: 'session', ...session(n) });
const keysOf = (...ns: number[]) => ns.map((n) => keys.session(`hash-${n}`));
const hashes = ['hash-1', 'hash-2', 'hash-3', 'hash-4', 'hash-5'];

describe('Class: DynamoDbAccountStore', () => {
  beforeEach(() => dynamo.reset());

  describe('Method: getSessions (GET /v1/me/sessions)', () => {
    it('asks again for the keys DynamoDB left unprocessed, and returns every session', async () => {
      // Prepare: throttled, DynamoDB answers two sessions and leaves three for later
      dynamo
        .on(BatchGetCommand)
        .resolvesOnce({
          Responses: { portal: [item(1), item(2)] },
          UnprocessedKeys: { portal: { Keys: keysOf(3, 4, 5), ConsistentRead: true } },
        })
        .resolvesOnce({ Responses: { portal: [item(3), item(4), item(5)] }, UnprocessedKeys: {} });

      // Act
      const sessions = await store.getSessions(hashes);

      // Assess
      expect(sessions).toEqual([1, 2, 3, 4, 5].map(session));
      expect(dynamo).toReceiveCommandTimes(BatchGetCommand, 2);
      expect(dynamo.commandCalls(BatchGetCommand).map((call) => call.args[0].input)).toEqual([
        { RequestItems: { portal: { Keys: keysOf(1, 2, 3, 4, 5), ConsistentRead: true } } },
        { RequestItems: { portal: { Keys: keysOf(3, 4, 5), ConsistentRead: true } } },
      ]);
    });

    it('says StoreUnavailable (503 with Retry-After) when keys stay unprocessed, after a bounded number of calls', async () => {
      // Prepare: throttled for good, DynamoDB answers nothing and leaves every key for later
      dynamo
        .on(BatchGetCommand)
        .callsFake((input: BatchGetCommandInput) => ({ Responses: {}, UnprocessedKeys: input.RequestItems }));
      const started = Date.now();

      // Act
      const refusal = await store.getSessions(hashes).catch((e: unknown) => e);

      // Assess
      expect(refusal).toBeInstanceOf(StoreUnavailable);
      expect(refusal).toMatchObject({ code: 'service_unavailable', retryAfterSeconds: expect.any(Number) });
      expect((refusal as Error).cause).toEqual(expect.any(Error));
      expect(String((refusal as Error).cause)).not.toContain('hash-');
      expect(dynamo).toReceiveCommandTimes(BatchGetCommand, 5);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('reads nothing for an account without sessions', async () => {
      // Act
      const sessions = await store.getSessions([]);

      // Assess
      expect(sessions).toEqual([]);
      expect(dynamo).toReceiveCommandTimes(BatchGetCommand, 0);
    });
  });
});
