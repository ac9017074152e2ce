import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Account, ClaimKind, IdentityClaims } from '../../domain/accounts/account';
import type { AccountCommit } from '../../domain/accounts/store';
import type { AuditEntry } from '../../domain/audit';
import {
  AlreadyRegistered,
  ConcurrentUpdate,
  ConsentExpired,
  DomainError,
  InvalidCode,
} from '../../domain/errors';
import { eventIndexKeys } from './event-index';
import { keys, ttlOf } from './keys';
import { EventAlreadyApplied } from '../../domain/operators/errors';
import { dueMarkerItem, operatorKeys } from './operator-items';

export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** A transaction item and the domain error its failed condition means. */
export interface Guarded {
  readonly item: TransactItem;
  readonly onConditionFailed?: () => DomainError;
}

export const accountItem = (account: Account) => ({
  ...keys.account(account.accountId),
  type: 'account',
  ...account,
});

/** An audit entry as an item, listed in the event index by its time; the operators' store writes it the same way. */
export const auditItem = (entry: AuditEntry) => ({
  ...keys.audit(entry.accountId, entry.at, entry.entryId),
  ...eventIndexKeys(entry.at),
  type: 'audit',
  ...entry,
});

/**
 * The items of one audit entry, each only new: the entry, and for an operator command's entry (it has the event's
 * own time) the claim of its event id, so that a redelivered event cannot commit again whatever its time (2.6).
 */
export const auditEntryItems = (tableName: string, entry: AuditEntry): Guarded[] => {
  const put = (item: Record<string, unknown>): TransactItem => ({
    Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
  });
  const claim = {
    ...operatorKeys.appliedEvent(entry.entryId),
    type: 'applied_event',
    accountId: entry.accountId,
    at: entry.at,
  };
  return [
    { item: put(auditItem(entry)) },
    ...(entry.eventTime === undefined
      ? []
      : [{ item: put(claim), onConditionFailed: () => new EventAlreadyApplied() }]),
  ];
};

const claimItem = (kind: ClaimKind, key: string, accountId: string) => ({
  ...keys.claim(kind, key),
  type: 'claim',
  accountId,
});

const claimEntries = (claims: Partial<IdentityClaims> | undefined) =>
  Object.entries(claims ?? {}) as [ClaimKind, string][];

/**
 * The items of the accounts' transactions on one table, one method per kind of item, each a list (empty when the
 * change has none of that kind) so that a transaction reads as the list of what it writes.
 */
export class AccountTransactionItems {
  constructor(private readonly tableName: string) {}

  private put(item: Record<string, unknown>, condition = 'attribute_not_exists(pk)'): TransactItem {
    return { Put: { TableName: this.tableName, Item: item, ConditionExpression: condition } };
  }

  /** Registration: the consent is used up, once, before it expires, for the agreement it was given for. */
  consentUsed(consentId: string, accountId: string, agreementVersion: string, now: Date): Guarded {
    return {
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
            ':accountId': accountId,
            ':version': agreementVersion,
          },
        },
      },
      onConditionFailed: () => new ConsentExpired(),
    };
  }

  /** A new account: written only where none is. */
  accountCreated(account: Account): Guarded {
    return { item: this.put(accountItem(account)) };
  }

  /** A changed account: written only over the version that was read. */
  accountChanged(account: Account, expectedVersion: number): Guarded {
    return {
      item: {
        Put: {
          TableName: this.tableName,
          Item: accountItem(account),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
      },
      onConditionFailed: () => new ConcurrentUpdate(),
    };
  }

  /** New claims: each only if nobody holds it. */
  claimsTaken(accountId: string, claims: AccountCommit['claimsToAdd']): Guarded[] {
    return claimEntries(claims).map(([kind, key]) => ({
      item: this.put(claimItem(kind, key, accountId)),
      onConditionFailed: () => new AlreadyRegistered(),
    }));
  }

  /** Claims given up, except those taken again in the same change: each only if the account still holds it. */
  claimsReleased(
    accountId: string,
    claims: AccountCommit['claimsToRemove'],
    taken: AccountCommit['claimsToAdd'],
  ): Guarded[] {
    return claimEntries(claims)
      .filter(([kind, key]) => taken?.[kind] !== key)
      .map(([kind, key]) => ({
        item: {
          Delete: {
            TableName: this.tableName,
            Key: keys.claim(kind, key),
            ConditionExpression: 'accountId = :accountId',
            ExpressionAttributeValues: { ':accountId': accountId },
          },
        },
        onConditionFailed: () => new ConcurrentUpdate(),
      }));
  }

  /** 2.7: previous phones reserved to the account; one another account holds (still or again) is not taken over. */
  reservationsMade(reservations: AccountCommit['reservationsToAdd']): Guarded[] {
    return (reservations ?? []).map((reservation) => ({
      item: {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.reservation(reservation.claim),
            type: 'reservation',
            ...reservation,
            ttl: ttlOf(reservation.until),
          },
          // Another account's reservation that ended, but that DynamoDB's TTL has not deleted yet, is replaced.
          ConditionExpression: 'attribute_not_exists(pk) OR accountId = :accountId OR #until <= :now',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':accountId': reservation.accountId, ':now': reservation.reservedAt },
        },
      },
      onConditionFailed: () => new ConcurrentUpdate(),
    }));
  }

  /** Reservations the account gives up (a phone taken back as the login); gone already is fine. */
  reservationsEnded(accountId: string, claims: AccountCommit['reservationsToRemove']): Guarded[] {
    return (claims ?? []).map((claim) => ({
      item: {
        Delete: {
          TableName: this.tableName,
          Key: keys.reservation(claim),
          ConditionExpression: 'attribute_not_exists(pk) OR accountId = :accountId',
          ExpressionAttributeValues: { ':accountId': accountId },
        },
      },
      onConditionFailed: () => new ConcurrentUpdate(),
    }));
  }

  /** Registration: the phone is nobody's previous phone still reserved (2.7). */
  phoneNotReserved(claim: string, now: Date): Guarded {
    return {
      item: {
        ConditionCheck: {
          TableName: this.tableName,
          Key: keys.reservation(claim),
          ConditionExpression: 'attribute_not_exists(pk) OR #until <= :now',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': now.toISOString() },
        },
      },
      onConditionFailed: () => new AlreadyRegistered(),
    };
  }

  sessionStarted(session: AccountCommit['sessionToStart']): Guarded[] {
    if (!session) return [];
    const item = { ...keys.session(session.tokenHash), type: 'session', ...session };
    return [{ item: this.put({ ...item, ttl: ttlOf(session.absoluteExpiresAt) }) }];
  }

  sessionsForgotten(tokenHashes: AccountCommit['sessionsToForget']): Guarded[] {
    return (tokenHashes ?? []).map((tokenHash) => ({
      item: { Delete: { TableName: this.tableName, Key: keys.session(tokenHash) } },
    }));
  }

  /** A pending code used up: if it is already gone, the change fails with InvalidCode. */
  codeConsumed(code: AccountCommit['codeToConsume']): Guarded[] {
    if (!code) return [];
    return [
      {
        item: {
          Delete: {
            TableName: this.tableName,
            Key: keys.code(code.purpose, code.requestId),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        onConditionFailed: () => new InvalidCode(),
      },
    ];
  }

  /** 2.7: a new access report, listed in `byOwner` under its status. */
  reportRecorded(report: AccountCommit['reportToRecord']): Guarded[] {
    if (!report) return [];
    const reportKey = keys.report(report.accountId, report.reportedAt, report.reportId);
    const index = { gsi1pk: `REPORTS#${report.status}`, gsi1sk: report.reportedAt };
    return [{ item: this.put({ ...reportKey, type: 'access_report', ...index, ...report }) }];
  }

  consentRecorded(record: AccountCommit['consentRecord']): Guarded[] {
    if (!record) return [];
    const index = eventIndexKeys(record.acceptedAt);
    return [{ item: this.put({ ...keys.consent(record.consentId), ...index, type: 'consent', ...record }) }];
  }

  /** 2.4: the purge job's marker for a deleted account, written as the operators' store schedules it. */
  purgeScheduled(accountId: string, dueAt: string | undefined): Guarded[] {
    if (dueAt === undefined) return [];
    return [
      {
        item: {
          Put: { TableName: this.tableName, Item: dueMarkerItem({ kind: 'purge', accountId, dueAt }) },
        },
      },
    ];
  }

  /** Audit entries: each only as a new item (an operator command's with the claim of its event id). */
  auditEntries(entries: readonly AuditEntry[]): Guarded[] {
    return entries.flatMap((entry) => auditEntryItems(this.tableName, entry));
  }
}
