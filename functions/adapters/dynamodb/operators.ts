import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccessReport } from '../../domain/accounts/store';
import type { AuditAction, AuditEntry } from '../../domain/audit';
import type {
  DueKind,
  DueMarker,
  EventPage,
  EventQuery,
  OperatorStore,
  Page,
  PageRequest,
  StoredJobState,
  Tally,
} from '../../domain/operators/store';
import { DynamoDbOperatorAudit } from './operator-audit';
import { DynamoDbDueMarkers } from './operator-due';
import { DynamoDbJobStates } from './operator-job-state';
import { DynamoDbOperatorReports } from './operator-reports';
import { DynamoDbSweeps } from './operator-sweeps';
import type { SealedOrigins } from './network-data';

export { operatorKeys } from './operator-items';

/**
 * The OperatorStore on the portal table, one part per concern: audit reads (operator-audit.ts), access reports
 * (operator-reports.ts), due markers (operator-due.ts), events of a window and tallies (operator-sweeps.ts), the jobs' state
 * (operator-job-state.ts). Account changes are not here: they go through DynamoDbAccountStore's commit. SDK
 * exceptions become domain errors with the original as `cause`.
 */
export class DynamoDbOperatorStore implements OperatorStore {
  private readonly audit: DynamoDbOperatorAudit;
  private readonly reports: DynamoDbOperatorReports;
  private readonly due: DynamoDbDueMarkers;
  private readonly sweeps: DynamoDbSweeps;
  private readonly jobs: DynamoDbJobStates;

  /** `origins` opens the IP addresses and user agents of reports and events (2.4: sealed per month). */
  constructor(client: DynamoDBDocumentClient, tableName: string, origins: SealedOrigins) {
    this.audit = new DynamoDbOperatorAudit(client, tableName);
    this.reports = new DynamoDbOperatorReports(client, tableName, origins);
    this.due = new DynamoDbDueMarkers(client, tableName);
    this.sweeps = new DynamoDbSweeps(client, tableName, origins);
    this.jobs = new DynamoDbJobStates(client, tableName);
  }

  isEventApplied(eventId: string): Promise<boolean> {
    return this.audit.isEventApplied(eventId);
  }

  hasRecentAudit(accountId: string, action: AuditAction, detail: string, since: string): Promise<boolean> {
    return this.audit.hasRecentAudit(accountId, action, detail, since);
  }

  findReport(accountId: string, reportId: string): Promise<AccessReport | undefined> {
    return this.reports.findReport(accountId, reportId);
  }

  resolveReport(
    report: AccessReport,
    resolution: { resolvedAt: string; resolvedBy: string },
    audit: AuditEntry,
  ): Promise<void> {
    return this.reports.resolveReport(report, resolution, audit);
  }

  openReports(page: PageRequest): Promise<Page<AccessReport>> {
    return this.reports.openReports(page);
  }

  eraseReportDescriptions(accountId: string): Promise<number> {
    return this.reports.eraseReportDescriptions(accountId);
  }

  scheduleDue(marker: DueMarker): Promise<void> {
    return this.due.scheduleDue(marker);
  }

  dueMarkers(kind: DueKind, until: string, page: PageRequest): Promise<Page<DueMarker>> {
    return this.due.dueMarkers(kind, until, page);
  }

  clearDue(marker: DueMarker): Promise<void> {
    return this.due.clearDue(marker);
  }

  events(query: EventQuery, page: PageRequest): Promise<EventPage> {
    return this.sweeps.events(query, page);
  }

  addToTallies(sweepId: string, tallies: readonly Tally[], expiresAt: string): Promise<void> {
    return this.sweeps.addToTallies(sweepId, tallies, expiresAt);
  }

  tallies(sweepId: string, page: PageRequest): Promise<Page<Tally>> {
    return this.sweeps.tallies(sweepId, page);
  }

  loadJobState<S>(job: string): Promise<StoredJobState<S> | undefined> {
    return this.jobs.loadJobState<S>(job);
  }

  saveJobState<S>(job: string, state: S, expectedVersion: number | undefined): Promise<number> {
    return this.jobs.saveJobState(job, state, expectedVersion);
  }
}
