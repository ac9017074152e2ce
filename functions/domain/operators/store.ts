import type { AccessReport } from '../accounts/store';
import type { AuditAction, AuditEntry } from '../audit';

/**
 * Work that falls due at a time for one account: a verification deadline (2.3), or the end of a deleted account's
 * retention (2.4). A hint, not the truth: the job reads the account and acts only where its state still asks for it.
 */
export type DueKind = 'verification' | 'purge';

export interface DueMarker {
  readonly kind: DueKind;
  readonly accountId: string;
  /** ISO-8601 UTC. */
  readonly dueAt: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque; present while there may be more. */
  readonly cursor?: string;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

/** A half-open time window [from, to), ISO-8601 UTC. */
export interface TimeWindow {
  readonly from: string;
  readonly to: string;
}

/**
 * What a job reads of the events of a window: the audit entries of `actions` (of any account) and, when asked,
 * the consents given. Only the events of the window are read, however many accounts the portal holds.
 */
export interface EventQuery extends TimeWindow {
  readonly actions: readonly AuditAction[];
  readonly consents?: true;
}

export interface ConsentRecord {
  readonly agreementVersion: string;
  readonly acceptedAt: string;
}

/** One page of the events of a window, earliest first, and where the reading goes on. */
export interface EventPage {
  readonly audit: readonly AuditEntry[];
  readonly consents: readonly ConsentRecord[];
  readonly cursor?: string;
}

/** A set of members counted under a key during one sweep (e.g. the accounts that failed logins from one source). */
export interface Tally {
  readonly key: string;
  readonly members: readonly string[];
}

/** A job's saved state and the version that a save must find (optimistic concurrency). */
export interface StoredJobState<S> {
  readonly state: S;
  readonly version: number;
}

/**
 * What operator commands and scheduled jobs need from the portal table beyond the accounts' store. Account changes
 * themselves go through AccountStore.commit (updateAccount), in one transaction with their audit entries.
 */
export interface OperatorStore {
  /**
   * True when the operator event was applied: an audit entry of an operator event (one with `eventTime`) claims
   * its event id whenever it is written, in the same transaction.
   */
  isEventApplied(eventId: string): Promise<boolean>;
  /** True when the account has an entry of `action` with `detail` at or after `since`. */
  hasRecentAudit(accountId: string, action: AuditAction, detail: string, since: string): Promise<boolean>;

  findReport(accountId: string, reportId: string): Promise<AccessReport | undefined>;
  /**
   * 2.6: closes an open report and writes its audit entry in one transaction.
   *
   * @throws CommandRefused('report_already_resolved') when the report is no longer open
   * @throws EventAlreadyApplied when the audit entry exists (the same event, delivered again)
   */
  resolveReport(
    report: AccessReport,
    resolution: { resolvedAt: string; resolvedBy: string },
    audit: AuditEntry,
  ): Promise<void>;
  /** 2.6: the open access reports of every account, oldest first. */
  openReports(page: PageRequest): Promise<Page<AccessReport>>;
  /** 2.4: removes the applicants' free-text descriptions from the account's reports. */
  eraseReportDescriptions(accountId: string): Promise<number>;

  /** Records (or moves) the marker of `kind` for the account: one per account and kind. */
  scheduleDue(marker: DueMarker): Promise<void>;
  /** Markers of `kind` due at or before `until`, earliest first. */
  dueMarkers(kind: DueKind, until: string, page: PageRequest): Promise<Page<DueMarker>>;
  /** Removes the marker unless it was moved meanwhile. */
  clearDue(marker: DueMarker): Promise<void>;

  /** One page of the events of a window, bounded by `page.limit` events read. */
  events(query: EventQuery, page: PageRequest): Promise<EventPage>;
  /** Adds members to tallies of a sweep (a set: adding a member twice counts it once). */
  addToTallies(sweepId: string, tallies: readonly Tally[], expiresAt: string): Promise<void>;
  tallies(sweepId: string, page: PageRequest): Promise<Page<Tally>>;

  loadJobState<S>(job: string): Promise<StoredJobState<S> | undefined>;
  /** @throws ConcurrentUpdate when another run saved since `expectedVersion` (undefined: never saved) */
  saveJobState<S>(job: string, state: S, expectedVersion: number | undefined): Promise<number>;
}
