import { errorKind, logEvents } from '../../commons/log-events';
import type { RequestOrigin } from '../audit';
import { DomainError, InvalidCode, Unauthenticated } from '../errors';
import type { E164Phone, Pin } from '../identity';
import type { OperatorAlerts } from '../ports';
import { checkCode, requestCode } from './codes';
import { auditEntry, type AccountDependencies } from './dependencies';
import { openPersonalData } from './personal-data';
import {
  accountOfReportingPhone,
  loginPhoneSince,
  reservedPhone,
  restorePhone,
  type PhoneMove,
} from './previous-phones';
import type { Account, Authenticated } from './account';
import { sendSms } from './sms';
import type { AccessReport } from './store';
import { updateAccount } from './updates';

export interface ReportDependencies extends AccountDependencies {
  readonly alerts: OperatorAlerts;
}

export interface ReportDetails {
  readonly description?: string;
  /** When the applicant believes the unauthorized access began: opens the disputed window (2.6). */
  readonly suspectedSince?: string;
}

/**
 * Reports filed at once (a double click, two devices) replace the password once: a report that finds another one
 * recorded within these seconds keeps the password that one issued, so exactly one new password is valid.
 */
const simultaneousReportsSeconds = 10;

/** A suspected start in the future is bad input: refused before anything (a code attempt included) changes. */
const refuseFutureSuspicion = (details: ReportDetails, now: Date): void => {
  if (details.suspectedSince !== undefined && Date.parse(details.suspectedSince) > now.getTime())
    throw new DomainError('validation_failed', { fields: [{ field: 'suspectedSince', code: 'in_future' }] });
};

/**
 * 2.6, 2.7: records an unauthorized-access report and, in the same transaction, ends every session and replaces
 * the password; the new password goes by SMS to the registered phone and operators are alerted. A report that
 * follows another within minutes is recorded too, without replacing the password again.
 */
/**
 * 2.7: the phone changes a report undoes. A report from a previous phone takes that phone back as the login; a
 * report with `suspectedSince` takes back the phone that was the login then. The new password then goes to it.
 */
const phoneChangesToUndo = (
  deps: ReportDependencies,
  account: Account,
  details: ReportDetails,
  reportedFrom: E164Phone | undefined,
): PhoneMove | undefined => {
  const data = openPersonalData(deps.vault, account);
  const now = deps.clock.now();
  const restored =
    (reportedFrom && reservedPhone(data, reportedFrom, now)) ??
    (details.suspectedSince !== undefined ? loginPhoneSince(data, details.suspectedSince, now) : undefined);
  return restored && restorePhone(deps.vault, account.accountId, data, restored);
};

const fileReport = async (
  deps: ReportDependencies,
  accountId: string,
  details: ReportDetails,
  origin: RequestOrigin,
  channel: AccessReport['channel'],
  extra: { sessionId?: string; codeToConsume?: string; reportedFrom?: E164Phone } = {},
): Promise<{ reportId: string; reportedAt: string }> => {
  const now = deps.clock.now();
  refuseFutureSuspicion(details, now);
  const password = deps.passwords.generate();
  const passwordHash = await deps.passwords.hash(password);
  const reportId = deps.ids.newId();
  const reportedAt = now.toISOString();
  const { account, replacesPassword } = await updateAccount(deps, accountId, async (current) => {
    // An account an operator deleted meanwhile (2.2): its code and sessions are void, nothing is recorded.
    if (current.status === 'deleted')
      throw channel === 'sms_code' ? new InvalidCode() : new Unauthenticated();
    const recent =
      current.lastAccessReportAt !== undefined &&
      current.passwordIssuedAt === current.lastAccessReportAt &&
      now.getTime() - Date.parse(current.lastAccessReportAt) < simultaneousReportsSeconds * 1000;
    const report: AccessReport = {
      reportId,
      accountId,
      reportedAt,
      ip: origin.ip,
      userAgent: origin.userAgent,
      channel,
      status: 'open',
      ...(details.suspectedSince !== undefined && {
        suspectedSince: new Date(details.suspectedSince).toISOString(),
      }),
      ...(details.description !== undefined && { description: details.description }),
    };
    const undo = phoneChangesToUndo(deps, current, details, extra.reportedFrom);
    const updated = {
      ...current,
      ...(undo && {
        sealedPersonalData: undo.sealedPersonalData,
        claims: { ...current.claims, phone: undo.phoneClaim },
      }),
    };
    return {
      commit: {
        ...undo?.commit,
        account: {
          ...updated,
          sessions: {},
          lastAccessReportAt: reportedAt,
          ...(!recent && {
            passwordHash,
            passwordIssuedAt: reportedAt,
            failedLogins: 0,
            lockedUntil: undefined,
          }),
        },
        audit: [
          auditEntry(deps, accountId, 'access_reported', origin, {
            sessionId: extra.sessionId,
            detail: channel,
          }),
          ...(undo
            ? [auditEntry(deps, accountId, 'phone_change_undone', origin, { detail: 'access_report' })]
            : []),
        ],
        sessionsToForget: Object.values(current.sessions).map((session) => session.tokenHash),
        reportToRecord: report,
        ...(extra.codeToConsume && {
          codeToConsume: { purpose: 'access_report' as const, requestId: extra.codeToConsume },
        }),
      },
      result: { account: updated, replacesPassword: !recent },
    };
  });
  deps.metrics.count('AccessReports', 1, { channel });
  deps.log.info(logEvents.accessReported, { accountId, reportId, channel });
  await deps.alerts
    .publish({
      kind: 'access_report',
      accountId,
      reportId,
      summary: 'Unauthorized access reported (2.7)',
      details: { channel, reportedAt },
    })
    .catch((error: unknown) =>
      deps.log.error(logEvents.alertFailed, { accountId, reportId, ...errorKind(error) }),
    );
  if (replacesPassword) {
    const { phone } = openPersonalData(deps.vault, account);
    await sendSms(deps, {
      phone,
      kind: 'new_password',
      language: account.consent.language,
      secret: password,
      accountId,
    });
  }
  return { reportId, reportedAt };
};

/** POST /v1/me/access-reports: the logged-in applicant reports at once (2.7). */
export const reportFromCabinet = (
  deps: ReportDependencies,
  auth: Authenticated,
  details: ReportDetails,
  origin: RequestOrigin,
) => fileReport(deps, auth.account.accountId, details, origin, 'cabinet', { sessionId: auth.sessionId });

/**
 * POST /v1/access-reports: an applicant who cannot log in asks for a code; it goes by SMS only where phone and PIN
 * belong to one account. The answer is a `requestId` whatever the data, with the same limits (no enumeration), and
 * the code belongs to that request: a stranger who knows the phone cannot burn it with wrong guesses (2.7).
 */
export const requestReportCode = async (
  deps: ReportDependencies,
  request: { phone: E164Phone; pin: Pin },
  origin: RequestOrigin,
): Promise<{ requestId: string }> => {
  const { requestId } = await requestCode(
    deps,
    'access_report',
    { phone: request.phone, ip: origin.ip },
    async () => {
      const { account, matches, previous } = await accountOfReportingPhone(deps, request.phone, request.pin);
      // A previous phone (2.7): the report its code confirms takes it back as the login.
      const sealedPayload = previous && account && deps.vault.seal(previous.phone, account.accountId);
      return { account, matches, ...(sealedPayload && { sealedPayload }) };
    },
  );
  return { requestId };
};

/** POST /v1/access-reports/confirm: the code from the SMS files the report with the same effects (2.7). */
export const confirmReportCode = async (
  deps: ReportDependencies,
  request: { requestId: string; code: string } & ReportDetails,
  origin: RequestOrigin,
): Promise<{ reportId: string; reportedAt: string }> => {
  refuseFutureSuspicion(request, deps.clock.now());
  const pending = await checkCode(deps, 'access_report', request.requestId, request.code);
  return fileReport(deps, pending.accountId, request, origin, 'sms_code', {
    codeToConsume: request.requestId,
    ...(pending.sealedPayload && {
      reportedFrom: deps.vault.open(pending.sealedPayload, pending.accountId) as E164Phone,
    }),
  });
};
