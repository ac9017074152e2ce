import { fromItem, keys, ttlOf } from '../../../functions/adapters/dynamodb/keys';
import { dueMarkerItem } from '../../../functions/adapters/dynamodb/operator-items';
import type { Account, ClaimKind, IdentityClaims } from '../../../functions/domain/accounts/account';
import type {
  AccessReport,
  AccountCommit,
  AccountStore,
  ActivityPage,
  PendingCode,
  PhoneReservation,
  RegistrationCommit,
  SessionRecord,
} from '../../../functions/domain/accounts/store';
import type { AuditEntry } from '../../../functions/domain/audit';
import type { Consent, ConsentRepository, StoredConsent } from '../../../functions/domain/consent/consent';
import {
  AlreadyRegistered,
  ConcurrentUpdate,
  ConsentExpired,
  InvalidCode,
} from '../../../functions/domain/errors';
import { deleteItem, InMemoryTable, InvalidRequest, putNew, type Item, type Write } from './table';

/** BatchGetItem takes at most 100 keys, none twice. */
const maxBatchKeys = 100;

const claimEntries = (claims: Partial<IdentityClaims> | undefined) =>
  Object.entries(claims ?? {}) as [ClaimKind, string][];

/** 2.4: the purge job's marker, overwritten as the operators' store schedules it. */
const purgeScheduled = (accountId: string, dueAt: string): Write => {
  const { pk, sk, ...marker } = dueMarkerItem({ kind: 'purge', accountId, dueAt });
  return { key: { pk, sk }, next: () => marker };
};

/** What another writer does while a request is between its read and its commit. */
export type Meanwhile = (commit: AccountCommit) => unknown;

/**
 * The accounts' store in memory, with the conditions of DynamoDbAccountStore (functions/adapters/dynamodb/accounts.ts
 * and account-items.ts) on the same keys and in the same order: a commit writes the account only if its version is
 * the one read (else ConcurrentUpdate), a new claim only where nobody holds one (else AlreadyRegistered), releases a
 * claim or a phone reservation only its own account holds (else ConcurrentUpdate), consumes a code only if it is
 * still there (else InvalidCode); registration needs an unused consent (else ConsentExpired) and a phone nobody
 * has reserved (else AlreadyRegistered); audit entries are only ever added. Each commit is written whole or not at
 * all.
 *
 * {@link meanwhile} lets a test play another request that commits first, between a read and its commit.
 */
export class InMemoryAccountStore implements AccountStore {
  private readonly writers: Meanwhile[] = [];
  private writing = false;

  constructor(readonly table: InMemoryTable) {}

  /**
   * Runs `writer` just before each of the next `times` commits reaches the table, as another request would that
   * came first; the commits it makes itself go through at once.
   */
  meanwhile(writer: Meanwhile, times = 1): void {
    this.writers.push(...Array<Meanwhile>(times).fill(writer));
  }

  async register({ account, consentId, agreementVersion, now, audit }: RegistrationCommit): Promise<void> {
    const nowIso = now.toISOString();
    this.table.transact([
      {
        key: keys.consent(consentId),
        condition: (consent) =>
          consent !== undefined &&
          consent.usedAt === undefined &&
          String(consent.expiresAt) > nowIso &&
          consent.agreementVersion === agreementVersion,
        next: (consent) => ({ ...consent, usedAt: nowIso, accountId: account.accountId, ttl: undefined }),
        onConditionFailed: () => new ConsentExpired(),
      },
      ...this.claims(account.accountId, account.claims),
      {
        // A ConditionCheck: nothing is written.
        key: keys.reservation(account.claims.phone),
        condition: (reservation) => reservation === undefined || String(reservation.until) <= nowIso,
        next: (reservation) => reservation,
        onConditionFailed: () => new AlreadyRegistered(),
      },
      putNew(keys.account(account.accountId), { type: 'account', ...account }),
      this.auditWrite(audit),
    ]);
  }

  async commit(commit: AccountCommit): Promise<void> {
    await this.runWriterFirst(commit);
    const { account } = commit;
    const code = commit.codeToConsume;
    const report = commit.reportToRecord;
    this.table.transact([
      {
        key: keys.account(account.accountId),
        condition: (current) => current?.version === commit.expectedVersion,
        next: () => ({ type: 'account', ...account }),
        onConditionFailed: () => new ConcurrentUpdate(),
      },
      ...this.claims(account.accountId, commit.claimsToAdd),
      ...claimEntries(commit.claimsToRemove)
        .filter(([kind, key]) => commit.claimsToAdd?.[kind] !== key)
        .map(([kind, key]) =>
          deleteItem(
            keys.claim(kind, key),
            (claim) => claim?.accountId === account.accountId,
            () => new ConcurrentUpdate(),
          ),
        ),
      ...(commit.sessionToStart
        ? [
            putNew(keys.session(commit.sessionToStart.tokenHash), {
              type: 'session',
              ...commit.sessionToStart,
              ttl: ttlOf(commit.sessionToStart.absoluteExpiresAt),
            }),
          ]
        : []),
      ...(commit.sessionsToForget ?? []).map((tokenHash) => deleteItem(keys.session(tokenHash))),
      ...(code
        ? [
            deleteItem(
              keys.code(code.purpose, code.requestId),
              (item) => item !== undefined,
              () => new InvalidCode(),
            ),
          ]
        : []),
      ...(report
        ? [
            putNew(keys.report(report.accountId, report.reportedAt, report.reportId), {
              type: 'access_report',
              gsi1pk: `REPORTS#${report.status}`,
              gsi1sk: report.reportedAt,
              ...report,
            }),
          ]
        : []),
      ...(commit.reservationsToAdd ?? []).map((reservation): Write => ({
        key: keys.reservation(reservation.claim),
        condition: (held) =>
          held === undefined ||
          held.accountId === reservation.accountId ||
          String(held.until) <= reservation.reservedAt,
        next: () => ({ type: 'reservation', ...reservation, ttl: ttlOf(reservation.until) }),
        onConditionFailed: () => new ConcurrentUpdate(),
      })),
      ...(commit.reservationsToRemove ?? []).map((claim) =>
        deleteItem(
          keys.reservation(claim),
          (held) => held === undefined || held.accountId === account.accountId,
          () => new ConcurrentUpdate(),
        ),
      ),
      ...(commit.consentRecord
        ? [putNew(keys.consent(commit.consentRecord.consentId), { type: 'consent', ...commit.consentRecord })]
        : []),
      ...(commit.purgeDueFrom ? [purgeScheduled(account.accountId, commit.purgeDueFrom)] : []),
      ...commit.audit.map((entry) => this.auditWrite(entry)),
    ]);
  }

  async get(accountId: string): Promise<Account | undefined> {
    return this.read<Account>(this.table.get(keys.account(accountId)));
  }

  async findByClaim(kind: ClaimKind, key: string): Promise<string | undefined> {
    return this.table.get(keys.claim(kind, key))?.accountId as string | undefined;
  }

  async findReservation(claim: string): Promise<PhoneReservation | undefined> {
    return this.read<PhoneReservation>(this.table.get(keys.reservation(claim)));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.table.write(this.auditWrite(entry));
  }

  /** Newest first; like a DynamoDB Query, a full page carries a cursor even when nothing follows it. */
  async activity(accountId: string, page: { limit: number; cursor?: string }): Promise<ActivityPage> {
    if (!Number.isInteger(page.limit) || page.limit < 1) throw new InvalidRequest('Limit must be at least 1');
    const items = this.table
      .query(keys.auditPartition(accountId), 'descending')
      .filter((item) => page.cursor === undefined || String(item.sk) < page.cursor)
      .slice(0, page.limit);
    return {
      entries: items.map((item) => fromItem<AuditEntry>(item)),
      ...(items.length === page.limit && { nextCursor: String(items.at(-1)!.sk) }),
    };
  }

  async getSession(tokenHash: string): Promise<SessionRecord | undefined> {
    return this.read<SessionRecord>(this.table.get(keys.session(tokenHash)));
  }

  /** A BatchGetItem: the sessions found, in no promised order (here the reverse of the asking). */
  async getSessions(tokenHashes: readonly string[]): Promise<SessionRecord[]> {
    if (tokenHashes.length > maxBatchKeys || new Set(tokenHashes).size !== tokenHashes.length)
      throw new InvalidRequest('Provided list of item keys contains duplicates or too many keys');
    return tokenHashes
      .map((hash) => this.read<SessionRecord>(this.table.get(keys.session(hash))))
      .filter((record): record is SessionRecord => record !== undefined)
      .reverse();
  }

  async touchSession(tokenHash: string, now: Date, idleCutoff: Date): Promise<boolean> {
    return this.tryWrite({
      key: keys.session(tokenHash),
      condition: (session) => session !== undefined && String(session.lastSeenAt) > idleCutoff.toISOString(),
      next: (session) => ({ ...session, lastSeenAt: now.toISOString() }),
    });
  }

  async saveCode(code: PendingCode): Promise<void> {
    this.table.write({
      key: keys.code(code.purpose, code.requestId),
      next: () => ({ type: 'code', ...code, ttl: ttlOf(code.expiresAt) }),
    });
  }

  async attemptCode(
    purpose: PendingCode['purpose'],
    requestId: string,
    now: Date,
    maxAttempts: number,
  ): Promise<PendingCode | undefined> {
    const key = keys.code(purpose, requestId);
    const counted = this.tryWrite({
      key,
      condition: (code) =>
        code !== undefined &&
        Number(code.attempts) < maxAttempts &&
        String(code.expiresAt) > now.toISOString(),
      next: (code) => ({ ...code, attempts: Number(code!.attempts) + 1 }),
    });
    return counted ? this.read<PendingCode>(this.table.get(key)) : undefined;
  }

  async reports(accountId: string): Promise<AccessReport[]> {
    return this.table.query(keys.reportPartition(accountId)).map((item) => fromItem<AccessReport>(item));
  }

  /** Every audit entry of the account, oldest first: the whole trail, for tests to read (2.6). */
  auditTrail(accountId: string): AuditEntry[] {
    return this.table.query(keys.auditPartition(accountId)).map((item) => fromItem<AuditEntry>(item));
  }

  /** The pending code of a request as stored (hashed), or undefined once consumed. */
  pendingCode(purpose: PendingCode['purpose'], requestId: string): PendingCode | undefined {
    return this.read<PendingCode>(this.table.get(keys.code(purpose, requestId)));
  }

  private async runWriterFirst(commit: AccountCommit): Promise<void> {
    if (this.writing) return;
    const writer = this.writers.shift();
    if (!writer) return;
    this.writing = true;
    try {
      await writer(commit);
    } finally {
      this.writing = false;
    }
  }

  private claims(accountId: string, claims: Partial<IdentityClaims> | undefined): Write[] {
    return claimEntries(claims).map(([kind, key]) =>
      putNew(keys.claim(kind, key), { type: 'claim', accountId }, () => new AlreadyRegistered()),
    );
  }

  private auditWrite(entry: AuditEntry): Write {
    return putNew(keys.audit(entry.accountId, entry.at, entry.entryId), { type: 'audit', ...entry });
  }

  private read<T>(item: Item | undefined): T | undefined {
    return item && fromItem<T>(item as Record<string, unknown>);
  }

  /** A conditional single-item write: false when its condition failed, as the adapter answers. */
  private tryWrite(write: Write): boolean {
    try {
      this.table.write(write);
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}

/** Consents in the same table as the accounts, as DynamoDbConsentRepository keeps them. */
export class InMemoryConsentRepository implements ConsentRepository {
  constructor(private readonly table: InMemoryTable) {}

  async find(consentId: string): Promise<StoredConsent | undefined> {
    const item = this.table.get(keys.consent(consentId));
    return item && fromItem<StoredConsent>(item as Record<string, unknown>);
  }

  async saveUnused(consent: Consent): Promise<void> {
    this.table.write(
      putNew(keys.consent(consent.consentId), { type: 'consent', ...consent, ttl: ttlOf(consent.expiresAt) }),
    );
  }
}
