import { errorKind, logEvents } from '../../commons/log-events';
import type { RequestOrigin } from '../audit';
import { DomainError, InvalidCode, Unauthenticated } from '../errors';
import type { E164Phone, Pin } from '../identity';
import { limits } from '../limits';
import type { OperatorAlerts } from '../ports';
import { checkCode, issueCode } from './codes';
import { auditEntry, type AccountDependencies } from './dependencies';
import { accountOfPhoneAndPin, openPersonalData } from './personal-data';
import type { Authenticated } from './account';
import { consumePhoneAllowance, consumeSenderAllowance, sendSecret } from './sms';
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
const fileReport = async (
  deps: ReportDependencies,
  accountId: string,
  details: ReportDetails,
  origin: RequestOrigin,
  channel: AccessReport['channel'],
  extra: { sessionId?: string; codeToConsume?: boolean } = {},
): Promise<{ reportId: string; reportedAt: string }> => {
  const now = deps.clock.now();
  refuseFutureSuspicion(details, now);
  const password = deps.passwords.generate();
  const passwordHash = await deps.passwords.hash(password);
  const reportId = deps.ids.newId();
  const reportedAt = now.toISOString();
  const { account, replacesPassword } = await updateAccount(deps, accountId, (current) => {
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
    return {
      commit: {
        account: {
          ...current,
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
        ],
        sessionsToForget: Object.values(current.sessions).map((session) => session.tokenHash),
        reportToRecord: report,
        ...(extra.codeToConsume && { codeToConsume: { purpose: 'access_report' as const, accountId } }),
      },
      result: { account: current, replacesPassword: !recent },
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
    await sendSecret(deps, {
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
 * belong to one account. The answer never tells which (no enumeration).
 */
export const requestReportCode = async (
  deps: ReportDependencies,
  request: { phone: E164Phone; pin: Pin },
  origin: RequestOrigin,
): Promise<void> => {
  await consumeSenderAllowance(deps, origin.ip);
  const { account, matches } = await accountOfPhoneAndPin(deps, request.phone, request.pin);
  if (!account || !matches) return;
  // 2.7: only a request with the right PIN counts against the phone, so that nobody can stop its owner reporting.
  await deps.limits.consume(
    limits.accessReportCodesPerPhone,
    deps.vault.lookupKey('phone', request.phone),
    deps.clock.now(),
  );
  await consumePhoneAllowance(deps, request.phone);
  const code = await issueCode(deps, 'access_report', account.accountId);
  await sendSecret(deps, {
    phone: request.phone,
    kind: 'access_report_code',
    language: account.consent.language,
    secret: code,
    accountId: account.accountId,
  });
};

/** POST /v1/access-reports/confirm: the code from the SMS files the report with the same effects (2.7). */
export const confirmReportCode = async (
  deps: ReportDependencies,
  request: { phone: E164Phone; code: string } & ReportDetails,
  origin: RequestOrigin,
): Promise<{ reportId: string; reportedAt: string }> => {
  refuseFutureSuspicion(request, deps.clock.now());
  const accountId = await deps.accounts.findByClaim('phone', deps.vault.lookupKey('phone', request.phone));
  await checkCode(deps, 'access_report', accountId, request.code);
  if (!accountId) throw new InvalidCode();
  return fileReport(deps, accountId, request, origin, 'sms_code', { codeToConsume: true });
};
