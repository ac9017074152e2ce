import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type BatchGetCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Account, ClaimKind } from '../../domain/accounts/account';
import type {
  AccessReport,
  AccountCommit,
  AccountStore,
  ActivityPage,
  PendingCode,
  PhoneReservation,
  RegistrationCommit,
  SessionRecord,
} from '../../domain/accounts/store';
import type { AuditEntry } from '../../domain/audit';
import { StoreUnavailable } from '../../domain/errors';
import { AccountTransactionItems, auditItem, type Guarded } from './account-items';
import { fromItem, keys, ttlOf } from './keys';
import type { SealedOrigins } from './network-data';
import { transact } from './transact';

/** The keys of one table in a BatchGetItem, as sent and as DynamoDB returns those it left unprocessed. */
type BatchKeys = NonNullable<BatchGetCommandInput['RequestItems']>[string];

/** BatchGetItem calls for one read, the first included; before each retry a pause that doubles (20, 40, 80, 160 ms). */
const maxBatchGetCalls = 5;
const batchGetPauseMs = (retry: number): number => 10 * 2 ** retry + Math.random() * 10;

/**
 * The accounts in the portal table (single-table layout in keys.ts). Every change is one TransactWriteItems:
 * the account is written only if its version is the one read, new claims only if nobody holds them, audit
 * entries only as new items. SDK exceptions become domain errors with the original as `cause`.
 */
export class DynamoDbAccountStore implements AccountStore {
  private readonly items: AccountTransactionItems;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** 2.4: IP addresses and user agents of audit entries, reports and consents are stored sealed. */
    private readonly origins: SealedOrigins,
  ) {
    this.items = new AccountTransactionItems(tableName);
  }

  private transact(items: readonly Guarded[]): Promise<void> {
    return transact(this.client, items);
  }

  private sealAudit(entries: readonly AuditEntry[]): Promise<AuditEntry[]> {
    return Promise.all(entries.map((entry) => this.origins.seal(entry, entry.at)));
  }

  async register({ account, consentId, agreementVersion, now, audit }: RegistrationCommit): Promise<void> {
    await this.transact([
      this.items.consentUsed(consentId, account.accountId, agreementVersion, now),
      ...this.items.claimsTaken(account.accountId, account.claims),
      this.items.phoneNotReserved(account.claims.phone, now),
      this.items.accountCreated(account),
      ...this.items.auditEntries(await this.sealAudit([audit])),
    ]);
  }

  /** The account over the version read, then everything that changes with it, in this order. */
  async commit(commit: AccountCommit): Promise<void> {
    const { accountId } = commit.account;
    const { reportToRecord: report, consentRecord: consent } = commit;
    await this.transact([
      this.items.accountChanged(commit.account, commit.expectedVersion),
      ...this.items.claimsTaken(accountId, commit.claimsToAdd),
      ...this.items.claimsReleased(accountId, commit.claimsToRemove, commit.claimsToAdd),
      ...this.items.sessionStarted(commit.sessionToStart),
      ...this.items.sessionsForgotten(commit.sessionsToForget),
      ...this.items.codeConsumed(commit.codeToConsume),
      ...this.items.reportRecorded(report && (await this.origins.seal(report, report.reportedAt))),
      ...this.items.reservationsMade(commit.reservationsToAdd),
      ...this.items.reservationsEnded(accountId, commit.reservationsToRemove),
      ...this.items.consentRecorded(
        consent && (await this.origins.seal(consent, consent.acceptedAt, 'sourceIp')),
      ),
      ...this.items.purgeScheduled(accountId, commit.purgeDueFrom),
      ...this.items.auditEntries(await this.sealAudit(commit.audit)),
    ]);
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

  async findReservation(claim: string): Promise<PhoneReservation | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.reservation(claim), ConsistentRead: true }),
    );
    return Item ? fromItem<PhoneReservation>(Item) : undefined;
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: auditItem(await this.origins.seal(entry, entry.at)),
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
      entries: await this.origins.open((Items ?? []).map((item) => fromItem<AuditEntry>(item))),
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
          ...keys.code(code.purpose, code.requestId),
          type: 'code',
          ...code,
          ttl: ttlOf(code.expiresAt),
        },
      }),
    );
  }

  async attemptCode(
    purpose: PendingCode['purpose'],
    requestId: string,
    now: Date,
    maxAttempts: number,
  ): Promise<PendingCode | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.code(purpose, requestId),
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
    return this.origins.open((Items ?? []).map((item) => fromItem<AccessReport>(item)));
  }
}
