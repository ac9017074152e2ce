import type { RequestOrigin } from '../audit';
import {
  oldestDocumentFirst,
  type DocumentStore,
  type VerificationDocument,
} from '../verification/documents';
import type { ApplicantType, AccountStatus, Authenticated, VerificationDemand } from './account';
import { activity, type ActivityItem } from './cabinet';
import { auditEntry, type AccountDependencies } from './dependencies';
import { openPersonalData } from './personal-data';
import { reauthenticate } from './reauthentication';
import { listSessions, type SessionView } from './sessions';
import type { AccessReport } from './store';

/**
 * The most activity entries one export holds, newest first: at most about 700 bytes each (a 512-character user
 * agent), they keep the answer within Lambda's 6 MB. An account with more says so (`activityComplete: false`).
 */
export const exportedActivityLimit = 5000;
const activityPageSize = 100;

/** 2.4: the data the applicant gave, unmasked: it leaves the portal only in this answer, never in a log. */
export interface ExportedAccount {
  readonly accountId: string;
  readonly applicantType: ApplicantType;
  readonly status: AccountStatus;
  readonly createdAt: string;
  readonly phone: string;
  readonly passportNumber: string;
  readonly pin: string;
  readonly organizationInn?: string;
  /** 2.7: phones the login moved away from. */
  readonly previousPhones: { readonly phone: string; readonly movedAt: string }[];
  readonly passwordIssuedAt?: string;
  readonly lastAccessReportAt?: string;
}

/** Preamble: a consent as kept — version, text hash, language, time, IP and user agent. */
export interface ExportedConsent {
  readonly consentId: string;
  readonly agreementVersion: string;
  readonly textSha256: string;
  readonly language: string;
  readonly acceptedAt: string;
  readonly ip: string;
  readonly userAgent: string;
}

export type ExportedReport = Omit<AccessReport, 'accountId' | 'resolvedBy'>;

/** 2.3: a supporting document as held: its metadata, and the demand it answers; never the file or a link. */
export type ExportedDocument = Omit<VerificationDocument, 'accountId'>;

/** The export reads the documents' metadata, and nothing else of them. */
export interface ExportDependencies extends AccountDependencies {
  readonly documents: Pick<DocumentStore, 'list'>;
}

/** Subject access (2.4): everything the portal holds on the applicant, as one document. */
export interface AccountExport {
  readonly exportedAt: string;
  readonly account: ExportedAccount;
  readonly consents: ExportedConsent[];
  readonly activity: ActivityItem[];
  /** False when the account has more than `exportedActivityLimit` entries: the oldest are left out. */
  readonly activityComplete: boolean;
  readonly sessions: SessionView[];
  readonly accessReports: ExportedReport[];
  /**
   * 2.3: the operator's latest verification demand, with the metadata of every document held on the account,
   * oldest first (`demandRequestedAt` tells which demand each answered).
   */
  readonly verification?: VerificationDemand & { readonly documents: ExportedDocument[] };
}

const exportedAccount = (deps: AccountDependencies, account: Authenticated['account']): ExportedAccount => {
  const data = openPersonalData(deps.vault, account);
  return {
    accountId: account.accountId,
    applicantType: account.applicantType,
    status: account.status,
    createdAt: account.createdAt,
    phone: data.phone,
    passportNumber: data.passportNumber,
    pin: data.pin,
    ...(data.organizationInn && { organizationInn: data.organizationInn }),
    previousPhones: (data.previousPhones ?? []).map(({ phone, movedAt }) => ({ phone, movedAt })),
    ...(account.passwordIssuedAt && { passwordIssuedAt: account.passwordIssuedAt }),
    ...(account.lastAccessReportAt && { lastAccessReportAt: account.lastAccessReportAt }),
  };
};

/** The account's consent records. Only the current one is linked from the account; earlier ones are not indexed. */
const exportedConsents = async (
  deps: AccountDependencies,
  account: Authenticated['account'],
): Promise<ExportedConsent[]> => {
  const consent = await deps.consents.find(account.consent.consentId);
  if (consent === undefined) return [];
  return [
    {
      consentId: consent.consentId,
      agreementVersion: consent.agreementVersion,
      textSha256: consent.textSha256,
      language: consent.language,
      acceptedAt: consent.acceptedAt,
      ip: consent.sourceIp,
      userAgent: consent.userAgent,
    },
  ];
};

/** The whole activity, page by page through the store, newest first, up to `exportedActivityLimit` entries. */
const wholeActivity = async (
  deps: AccountDependencies,
  auth: Authenticated,
): Promise<{ items: ActivityItem[]; complete: boolean }> => {
  const items: ActivityItem[] = [];
  let cursor: string | undefined;
  do {
    const limit = Math.min(activityPageSize, exportedActivityLimit - items.length);
    const page = await activity(deps, auth, { limit, ...(cursor !== undefined && { cursor }) });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined && items.length < exportedActivityLimit);
  return { items, complete: cursor === undefined };
};

/**
 * 2.4: the applicant sees everything held on them. Re-authentication first (2.7: a stolen session must not carry
 * away the unmasked data); the export is recorded before it is read, so the activity it holds shows it.
 */
export const exportAccount = async (
  deps: ExportDependencies,
  auth: Authenticated,
  currentPassword: string | undefined,
  origin: RequestOrigin,
): Promise<AccountExport> => {
  await reauthenticate(deps, auth, currentPassword, origin, 'data_export_failed');
  const exportedAt = deps.clock.now().toISOString();
  const { accountId } = auth.account;
  await deps.accounts.appendAudit(
    auditEntry(deps, accountId, 'data_exported', origin, {
      sessionId: auth.sessionId,
      credentialIssuedAt: auth.session.createdAt,
    }),
  );
  const { account } = auth;
  const [consents, history, sessions, reports, documents] = await Promise.all([
    exportedConsents(deps, account),
    wholeActivity(deps, auth),
    listSessions(deps, auth),
    deps.accounts.reports(accountId),
    deps.documents.list(accountId),
  ]);
  return {
    exportedAt,
    account: exportedAccount(deps, account),
    consents,
    activity: history.items,
    activityComplete: history.complete,
    sessions,
    accessReports: reports.map(({ accountId: _owner, resolvedBy: _operator, ...report }) => report),
    ...(account.verification && {
      verification: {
        ...account.verification,
        documents: [...documents]
          .sort(oldestDocumentFirst)
          .map(({ accountId: _owner, ...document }) => document),
      },
    }),
  };
};
