import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchGetCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Account, ClaimKind, IdentityClaims } from '../../domain/accounts/account';
import type {
  AccessReport,
  AccountCommit,
  AccountStore,
  ActivityPage,
  PendingCode,
  RegistrationCommit,
  SessionRecord,
} from '../../domain/accounts/store';
import type { AuditEntry } from '../../domain/audit';
import {
  AlreadyRegistered,
  ConcurrentUpdate,
  ConsentExpired,
  DomainError,
  InvalidCode,
  StoreUnavailable,
} from '../../domain/errors';
import { fromItem, keys, ttlOf } from './keys';

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** A transaction item and the domain error its failed condition means. */
interface Guarded {
  readonly item: TransactItem;
  readonly onConditionFailed?: () => DomainError;
}

const maxConflictRetries = 4;

/** The keys of one table in a BatchGetItem, as sent and as DynamoDB returns those it left unprocessed. */
type BatchKeys = NonNullable<BatchGetCommandInput['RequestItems']>[string];

/** BatchGetItem calls for one read, the first included; before each retry a pause that doubles (20, 40, 80, 160 ms). */
const maxBatchGetCalls = 5;
const batchGetPauseMs = (retry: number): number => 10 * 2 ** retry + Math.random() * 10;

const claimEntries = (claims: Partial<IdentityClaims> | undefined) =>
  Object.entries(claims ?? {}) as [ClaimKind, string][];

/**
 * The accounts in the portal table (single-table layout in keys.ts). Every change is one TransactWriteItems:
 * the account is written only if its version is the one read, new claims only if nobody holds them, audit
 * entries only as new items. SDK exceptions become domain errors with the original as `cause`.
 */
export class DynamoDbAccountStore implements AccountStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private put(item: Record<string, unknown>, condition = 'attribute_not_exists(pk)'): TransactItem {
    return { Put: { TableName: this.tableName, Item: item, ConditionExpression: condition } };
  }

  private accountItem(account: Account) {
    return { ...keys.account(account.accountId), type: 'account', ...account };
  }

  private auditItem(entry: AuditEntry) {
    return { ...keys.audit(entry.accountId, entry.at, entry.entryId), type: 'audit', ...entry };
  }

  private claimItem(kind: ClaimKind, key: string, accountId: string) {
    return { ...keys.claim(kind, key), type: 'claim', accountId };
  }

  /** Runs one transaction; a failed condition becomes its item's domain error, a conflict is retried. */
  private async transact(items: readonly Guarded[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items.map((g) => g.item) }));
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
        if (failed >= 0) {
          const domainError = items[failed]?.onConditionFailed?.();
          if (domainError) throw Object.assign(domainError, { cause: error });
          throw error;
        }
        const conflict = reasons.some((reason) => reason.Code === 'TransactionConflict');
        if (!conflict || attempt > maxConflictRetries) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * attempt));
      }
    }
  }

  async register({ account, consentId, agreementVersion, now, audit }: RegistrationCommit): Promise<void> {
    await this.transact([
      {
        item: {
          Update: {
            TableName: this.tableName,
            Key: keys.consent(consentId),
            UpdateExpression: 'SET usedAt = :now, accountId = :accountId REMOVE #ttl',
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :nowIso AND agreementVersion = :version',
            ExpressionAttributeNames: { '#ttl': 'ttl' },
            ExpressionAttributeValues: {
              ':now': now.toISOString(),
              ':nowIso': now.toISOString(),
              ':accountId': account.accountId,
              ':version': agreementVersion,
            },
          },
        },
        onConditionFailed: () => new ConsentExpired(),
      },
      ...claimEntries(account.claims).map(([kind, key]) => ({
        item: this.put(this.claimItem(kind, key, account.accountId)),
        onConditionFailed: () => new AlreadyRegistered(),
      })),
      { item: this.put(this.accountItem(account)) },
      { item: this.put(this.auditItem(audit)) },
    ]);
  }

  async commit(commit: AccountCommit): Promise<void> {
    const { account } = commit;
    const items: Guarded[] = [
      {
        item: {
          Put: {
            TableName: this.tableName,
            Item: this.accountItem(account),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': commit.expectedVersion },
          },
        },
        onConditionFailed: () => new ConcurrentUpdate(),
      },
      ...claimEntries(commit.claimsToAdd).map(([kind, key]) => ({
        item: this.put(this.claimItem(kind, key, account.accountId)),
        onConditionFailed: () => new AlreadyRegistered(),
      })),
      ...claimEntries(commit.claimsToRemove)
        .filter(([kind, key]) => commit.claimsToAdd?.[kind] !== key)
        .map(([kind, key]) => ({
          item: {
            Delete: {
              TableName: this.tableName,
              Key: keys.claim(kind, key),
              ConditionExpression: 'accountId = :accountId',
              ExpressionAttributeValues: { ':accountId': account.accountId },
            },
          },
          onConditionFailed: () => new ConcurrentUpdate(),
        })),
      ...(commit.sessionToStart
        ? [
            {
              item: this.put({
                ...keys.session(commit.sessionToStart.tokenHash),
                type: 'session',
                ...commit.sessionToStart,
                ttl: ttlOf(commit.sessionToStart.absoluteExpiresAt),
              }),
            },
          ]
        : []),
      ...(commit.sessionsToForget ?? []).map((tokenHash) => ({
        item: { Delete: { TableName: this.tableName, Key: keys.session(tokenHash) } },
      })),
      ...(commit.codeToConsume
        ? [
            {
              item: {
                Delete: {
                  TableName: this.tableName,
                  Key: keys.code(commit.codeToConsume.purpose, commit.codeToConsume.accountId),
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
              onConditionFailed: () => new InvalidCode(),
            },
          ]
        : []),
      ...(commit.reportToRecord
        ? [
            {
              item: this.put({
                ...keys.report(
                  commit.reportToRecord.accountId,
                  commit.reportToRecord.reportedAt,
                  commit.reportToRecord.reportId,
                ),
                type: 'access_report',
                gsi1pk: `REPORTS#${commit.reportToRecord.status}`,
                gsi1sk: commit.reportToRecord.reportedAt,
                ...commit.reportToRecord,
              }),
            },
          ]
        : []),
      ...(commit.consentRecord
        ? [
            {
              item: this.put({
                ...keys.consent(commit.consentRecord.consentId),
                type: 'consent',
                ...commit.consentRecord,
              }),
            },
          ]
        : []),
      ...commit.audit.map((entry) => ({ item: this.put(this.auditItem(entry)) })),
    ];
    await this.transact(items);
  }

  async get(accountId: string): Promise<Account | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.account(accountId), ConsistentRead: true }),
    );
    return Item ? fromItem<Account>(Item) : undefined;
  }

  async findByClaim(kind: ClaimKind, key: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.claim(kind, key), ConsistentRead: true }),
    );
    return Item?.accountId as string | undefined;
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: this.auditItem(entry),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async activity(accountId: string, page: { limit: number; cursor?: string }): Promise<ActivityPage> {
    const { Items, LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditPartition(accountId) },
        ScanIndexForward: false,
        Limit: page.limit,
        ...(page.cursor && { ExclusiveStartKey: { pk: keys.auditPartition(accountId), sk: page.cursor } }),
      }),
    );
    return {
      entries: (Items ?? []).map((item) => fromItem<AuditEntry>(item)),
      ...(LastEvaluatedKey && { nextCursor: LastEvaluatedKey.sk as string }),
    };
  }

  async getSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.session(tokenHash), ConsistentRead: true }),
    );
    return Item ? fromItem<SessionRecord>(Item) : undefined;
  }

  /**
   * One BatchGetItem (sessions per account are few), repeated with a short growing pause for the keys DynamoDB
   * leaves unprocessed when it throttles. Keys still unprocessed after the last call make the store unavailable
   * (503 with Retry-After): a session is never silently left out of the list.
   *
   * @throws StoreUnavailable when DynamoDB keeps leaving keys unprocessed
   */
  async getSessions(tokenHashes: readonly string[]): Promise<SessionRecord[]> {
    if (tokenHashes.length === 0) return [];
    const found: SessionRecord[] = [];
    let pending: BatchKeys = { Keys: tokenHashes.map((hash) => keys.session(hash)), ConsistentRead: true };
    for (let call = 1; ; call += 1) {
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: pending } }),
      );
      found.push(...(Responses?.[this.tableName] ?? []).map((item) => fromItem<SessionRecord>(item)));
      const unprocessed = UnprocessedKeys?.[this.tableName];
      if (!unprocessed?.Keys?.length) return found;
      if (call === maxBatchGetCalls) {
        const left = unprocessed.Keys.length;
        throw new StoreUnavailable(
          new Error(`${left} session keys unprocessed after ${call} BatchGetItem calls`),
        );
      }
      await sleep(batchGetPauseMs(call));
      pending = unprocessed;
    }
  }

  async touchSession(tokenHash: string, now: Date, idleCutoff: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.session(tokenHash),
          UpdateExpression: 'SET lastSeenAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND lastSeenAt > :cutoff',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':cutoff': idleCutoff.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async saveCode(code: PendingCode): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.code(code.purpose, code.accountId),
          type: 'code',
          ...code,
          ttl: ttlOf(code.expiresAt),
        },
      }),
    );
  }

  async attemptCode(
    purpose: PendingCode['purpose'],
    accountId: string,
    now: Date,
    maxAttempts: number,
  ): Promise<PendingCode | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.code(purpose, accountId),
          UpdateExpression: 'SET attempts = attempts + :one',
          ConditionExpression: 'attribute_exists(pk) AND attempts < :max AND expiresAt > :now',
          ExpressionAttributeValues: { ':one': 1, ':max': maxAttempts, ':now': now.toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? fromItem<PendingCode>(Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async reports(accountId: string): Promise<AccessReport[]> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.reportPartition(accountId) },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map((item) => fromItem<AccessReport>(item));
  }
}
