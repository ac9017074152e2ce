import * as z from 'zod/mini';
import type { AccountStatus, ApplicantType, VerificationDemand } from '../accounts/account';
import { auditEntry } from '../accounts/dependencies';
import { openPersonalData } from '../accounts/personal-data';
import type { AccessReport } from '../accounts/store';
import type { AuditEntry } from '../audit';
import { maskPassportNumber, maskPhone, maskPin } from '../identity';
import {
  documentLimits,
  documentListItem,
  documentObjectKey,
  oldestDocumentFirst,
  type DocumentDependencies,
  type DocumentListItem,
} from '../verification/documents';
import { actorShape, exactlyOneTarget, targetShape } from './commands';
import type { OperatorDependencies } from './dependencies';
import { InvalidCommand } from './errors';
import { findTarget } from './execute-command';

/** The operators' look-ups (DESIGN: Operator functions), by the `query` of the operator query function's input. */
export const queryNames = ['ShowAccount', 'ListReports', 'ListDocuments'] as const;
export type QueryName = (typeof queryNames)[number];

/** Entries of the account's activity an operator's look shows, newest first. */
export const recentActivityLimit = 20;
/** Open reports a list shows at most; `more` says when there are others. */
export const reportListLimit = 200;

/** 2.4, 2.6: who looks and why, at which account; the unmasked data only when asked for, and audited as such. */
const showAccountSchema = z
  .strictObject({ ...actorShape, ...targetShape, unmasked: z.optional(z.boolean()) })
  .check(
    z.superRefine((detail, ctx) => exactlyOneTarget(detail as { phone?: unknown; accountId?: unknown }, ctx)),
  );

/** 2.3, 2.6: who looks at an account's verification documents and why. */
const listDocumentsSchema = z
  .strictObject({ ...actorShape, ...targetShape })
  .check(
    z.superRefine((detail, ctx) => exactlyOneTarget(detail as { phone?: unknown; accountId?: unknown }, ctx)),
  );

const querySchema = z.discriminatedUnion('query', [
  z.strictObject({ query: z.literal('ShowAccount'), detail: showAccountSchema }),
  z.strictObject({ query: z.literal('ListDocuments'), detail: listDocumentsSchema }),
  z.strictObject({ query: z.literal('ListReports'), detail: z.strictObject({ status: z.literal('open') }) }),
]);

export type OperatorQuery = z.output<typeof querySchema>;

/**
 * Validates the input of the operator query function.
 *
 * @throws InvalidCommand naming each field that is wrong (`detail.reason`, `query`, …)
 */
export const parseOperatorQuery = (input: unknown): OperatorQuery => {
  const parsed = querySchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidCommand(
    parsed.error.issues.map((issue) => {
      const code: unknown = issue.code === 'custom' ? issue.params?.code : undefined;
      return { field: issue.path.map(String).join('.'), code: typeof code === 'string' ? code : issue.code };
    }),
  );
};

/** What an operator sees of an account: masked personal data unless the look asked for it unmasked. */
export interface AccountLook {
  readonly accountId: string;
  readonly applicantType: ApplicantType;
  readonly status: AccountStatus;
  /** `erased`: the purge removed it after the account's deletion (2.4). */
  readonly personalData:
    { phone: string; passportNumber: string; pin: string; organizationInn?: string } | 'erased';
  readonly shown: 'masked' | 'unmasked';
  readonly verification?: VerificationDemand;
  readonly openReports: readonly Pick<
    AccessReport,
    'reportId' | 'reportedAt' | 'channel' | 'suspectedSince'
  >[];
  /** Newest first, the look itself included; no network data (2.4). */
  readonly recentActivity: readonly Pick<AuditEntry, 'at' | 'action' | 'result' | 'operatorId' | 'detail'>[];
}

export interface OpenReportsList {
  readonly reports: readonly (Pick<AccessReport, 'reportId' | 'accountId' | 'reportedAt' | 'channel'> & {
    readonly ageHours: number;
  })[];
  readonly more: boolean;
}

/** An operator's look at the documents of an account's current (or latest) verification demand (2.3). */
export interface DocumentsLook {
  readonly accountId: string;
  readonly verification?: VerificationDemand;
  /** Oldest first; a received document (scanned clean) with a short-lived download link, the others without. */
  readonly documents: readonly (DocumentListItem & {
    readonly download?: { readonly url: string; readonly expiresAt: string };
  })[];
}

export type QueryAnswer = AccountLook | OpenReportsList | DocumentsLook;

/** The look-ups are built from the operators' dependencies and, for documents, their store and presigner. */
export type QueryDependencies = Pick<
  OperatorDependencies,
  'accounts' | 'vault' | 'clock' | 'ids' | 'operators'
> &
  Pick<DocumentDependencies, 'documents' | 'presigner'>;

type ShowAccountQuery = Extract<OperatorQuery, { query: 'ShowAccount' }>;
type ListDocumentsQuery = Extract<OperatorQuery, { query: 'ListDocuments' }>;

/**
 * 2.6: an operator's look at an account. The look is recorded first, with the operator, the reason and whether
 * the data was unmasked, in the account's audit log, where the applicant sees it in the activity as
 * `viewed_by_operator`: a look that cannot be recorded shows nothing.
 *
 * @throws AccountNotFound when no account has the phone or id
 */
export const showAccount = async (
  deps: Pick<OperatorDependencies, 'accounts' | 'vault' | 'clock' | 'ids'>,
  { detail }: ShowAccountQuery,
): Promise<AccountLook> => {
  const accountId = await findTarget(deps, detail);
  const shown = detail.unmasked === true ? 'unmasked' : 'masked';
  await deps.accounts.appendAudit(
    auditEntry(deps, accountId, 'viewed_by_operator', undefined, {
      operatorId: detail.operatorId,
      reason: detail.reason,
      detail: shown,
    }),
  );
  const [account, reports, activity] = await Promise.all([
    deps.accounts.get(accountId),
    deps.accounts.reports(accountId),
    deps.accounts.activity(accountId, { limit: recentActivityLimit }),
  ]);
  const data = account!.sealedPersonalData === '' ? undefined : openPersonalData(deps.vault, account!);
  return {
    accountId,
    applicantType: account!.applicantType,
    status: account!.status,
    personalData:
      data === undefined
        ? 'erased'
        : shown === 'unmasked'
          ? {
              phone: data.phone,
              passportNumber: data.passportNumber,
              pin: data.pin,
              ...(data.organizationInn && { organizationInn: data.organizationInn }),
            }
          : {
              phone: maskPhone(data.phone),
              passportNumber: maskPassportNumber(data.passportNumber),
              pin: maskPin(data.pin),
              ...(data.organizationInn && { organizationInn: data.organizationInn }),
            },
    shown,
    ...(account!.verification && { verification: account!.verification }),
    openReports: reports
      .filter((report) => report.status === 'open')
      .map(({ reportId, reportedAt, channel, suspectedSince }) => ({
        reportId,
        reportedAt,
        channel,
        ...(suspectedSince && { suspectedSince }),
      })),
    recentActivity: activity.entries.map(({ at, action, result, operatorId, detail: what }) => ({
      at,
      action,
      result,
      ...(operatorId && { operatorId }),
      ...(what && { detail: what }),
    })),
  };
};

/** 2.6, 2.7: the access reports still open, oldest first, with their age: ids and times only, no personal data. */
export const listOpenReports = async (
  deps: Pick<OperatorDependencies, 'operators' | 'clock'>,
): Promise<OpenReportsList> => {
  const now = deps.clock.now().getTime();
  const page = await deps.operators.openReports({ limit: reportListLimit });
  return {
    reports: page.items.map(({ reportId, accountId, reportedAt, channel }) => ({
      reportId,
      accountId,
      reportedAt,
      channel,
      ageHours: Math.floor((now - Date.parse(reportedAt)) / 3_600_000),
    })),
    more: page.cursor !== undefined,
  };
};

/**
 * 2.3, 2.6: an operator's look at the documents the applicant sent for the account's current (or latest)
 * verification demand, each received one with a presigned download link that expires within minutes. As with
 * `showAccount`, the look is recorded first (`documents_viewed_by_operator`, with the operator and the reason),
 * and the applicant sees it in the activity.
 *
 * @throws AccountNotFound when no account has the phone or id
 */
export const listDocuments = async (
  deps: Pick<QueryDependencies, 'accounts' | 'vault' | 'clock' | 'ids' | 'documents' | 'presigner'>,
  { detail }: ListDocumentsQuery,
): Promise<DocumentsLook> => {
  const accountId = await findTarget(deps, detail);
  await deps.accounts.appendAudit(
    auditEntry(deps, accountId, 'documents_viewed_by_operator', undefined, {
      operatorId: detail.operatorId,
      reason: detail.reason,
    }),
  );
  const [account, documents] = await Promise.all([
    deps.accounts.get(accountId),
    deps.documents.list(accountId),
  ]);
  const demand = account!.verification;
  const expiresAt = new Date(
    deps.clock.now().getTime() + documentLimits.downloadSeconds * 1000,
  ).toISOString();
  const ofDemand = documents
    .filter((document) => document.demandRequestedAt === demand?.requestedAt)
    .sort(oldestDocumentFirst);
  return {
    accountId,
    ...(demand && { verification: demand }),
    documents: await Promise.all(
      ofDemand.map(async (document) => ({
        ...documentListItem(document),
        // Only a document scanned clean is offered: one awaiting its upload or its scan, or rejected, is not.
        ...(document.status === 'received' && {
          download: {
            url: await deps.presigner.presignDownload(
              documentObjectKey(accountId, document.documentId),
              documentLimits.downloadSeconds,
            ),
            expiresAt,
          },
        }),
      })),
    ),
  };
};

/** Answers an operator's query. */
export const answerQuery = (deps: QueryDependencies, query: OperatorQuery): Promise<QueryAnswer> => {
  switch (query.query) {
    case 'ShowAccount':
      return showAccount(deps, query);
    case 'ListDocuments':
      return listDocuments(deps, query);
    case 'ListReports':
      return listOpenReports(deps);
  }
};
