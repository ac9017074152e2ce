import type { AuditEntry } from './audit';

/** The window of one unauthorized-access report: from when the applicant suspects it began to when they reported. */
export interface ReportWindow {
  readonly reportedAt: string;
  readonly suspectedSince?: string;
}

export type Attribution = 'applicant' | 'disputed' | 'revoked_credential';

/**
 * 2.6: every action under the account is the applicant's own, except after they reported unauthorized access.
 * Entries between a report's `suspectedSince` and its `reportedAt` are disputed (for operator review); an entry
 * after a report made with a credential issued before it cannot be the applicant's (that credential was revoked).
 */
export const attribute = (
  entry: Pick<AuditEntry, 'at' | 'credentialIssuedAt'>,
  reports: readonly ReportWindow[],
): Attribution => {
  for (const report of reports) {
    if (
      entry.at >= report.reportedAt &&
      entry.credentialIssuedAt !== undefined &&
      entry.credentialIssuedAt < report.reportedAt
    ) {
      return 'revoked_credential';
    }
  }
  for (const report of reports) {
    if (
      report.suspectedSince !== undefined &&
      entry.at >= report.suspectedSince &&
      entry.at < report.reportedAt
    )
      return 'disputed';
  }
  return 'applicant';
};
