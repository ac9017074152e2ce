import type { Account, VerificationDemand } from '../accounts/account';
import { deletion } from '../accounts/closure';
import { auditEntry } from '../accounts/dependencies';
import type { AccountCommit } from '../accounts/store';
import { openPersonalData } from '../accounts/personal-data';
import { sendSms } from '../accounts/sms';
import { updateAccount } from '../accounts/updates';
import type { AuditAction, AuditEntry } from '../audit';
import type { SmsKind } from '../sms-texts';
import type { CommandName, OperatorCommand } from './commands';
import type { OperatorDependencies } from './dependencies';
import { AccountNotFound, CommandRefused, EventAlreadyApplied, ReportNotFound } from './errors';

/** What a command did: ids and counts, never personal data. */
export interface CommandOutcome {
  readonly command: CommandName;
  readonly eventId: string;
  readonly accountId: string;
  /** `already_applied`: the same event was delivered before, and nothing changed now. */
  readonly outcome: 'applied' | 'already_applied';
  readonly effect?: Readonly<Record<string, string | number>>;
}

type Change = { commit: Omit<AccountCommit, 'expectedVersion'>; result: Record<string, string | number> };

/** The account an operator names by its phone (the login) or its id. */
export const findTarget = async (
  deps: Pick<OperatorDependencies, 'accounts' | 'vault'>,
  { phone, accountId }: { phone?: string; accountId?: string },
): Promise<string> => {
  const found =
    phone !== undefined
      ? await deps.accounts.findByClaim('phone', deps.vault.lookupKey('phone', phone))
      : (await deps.accounts.get(accountId!))?.accountId;
  if (found === undefined) throw new AccountNotFound();
  return found;
};

/**
 * 2.6: the command's own audit entry, with the operator and the reason, at the time the portal received the
 * command (the sender's time kept beside it). Its id is the event's: the store claims the event id with the entry,
 * in the same transaction as the change, so a second delivery of the event, whatever its time, fails as a whole.
 */
const commandAudit = (
  deps: OperatorDependencies,
  command: OperatorCommand,
  accountId: string,
  action: AuditAction,
  detail?: string,
): AuditEntry => ({
  ...auditEntry(deps, accountId, action, undefined, {
    operatorId: command.detail.operatorId,
    reason: command.detail.reason,
    ...(detail !== undefined && { detail }),
  }),
  entryId: command.eventId,
  at: command.receivedAt,
  eventTime: command.eventTime,
});

/** A demand that ended in a mismatch or went overdue: a new one keeps its denial until confirmed (2.3). */
const failed = (
  demand: VerificationDemand | undefined,
): demand is VerificationDemand & { status: 'mismatch' | 'overdue' } =>
  demand?.status === 'mismatch' || demand?.status === 'overdue';

const refuseDeleted = (account: Account): void => {
  if (account.status === 'deleted') throw new CommandRefused('account_deleted');
};

/** Every session of the account ends at once: the map empties and the session items go (2.2, 2.7). */
const endEverySession = (
  deps: OperatorDependencies,
  command: OperatorCommand,
  account: Account,
  why: string,
): Pick<AccountCommit, 'sessionsToForget' | 'audit'> => {
  const sessions = Object.entries(account.sessions);
  return {
    sessionsToForget: sessions.map(([, session]) => session.tokenHash),
    audit: sessions.map(([sessionId]) =>
      auditEntry(deps, account.accountId, 'logout', undefined, {
        sessionId,
        operatorId: command.detail.operatorId,
        detail: why,
      }),
    ),
  };
};

/** How each command changes the account it targets, computed on the state read (optimistic concurrency). */
const accountChange = (
  deps: OperatorDependencies,
  command: Exclude<OperatorCommand, { name: 'ResolveAccessReport' }>,
): ((account: Account) => Promise<Change> | Change) => {
  switch (command.name) {
    case 'BlockAccount':
      // 2.2: a blocked account gets no new session (403 account_blocked) and its sessions end now.
      return (account) => {
        refuseDeleted(account);
        if (account.status === 'blocked') throw new CommandRefused('account_already_blocked');
        const ending = endEverySession(deps, command, account, 'account_blocked');
        return {
          commit: {
            account: { ...account, status: 'blocked', sessions: {} },
            audit: [commandAudit(deps, command, account.accountId, 'account_blocked'), ...ending.audit],
            sessionsToForget: ending.sessionsToForget,
          },
          result: { status: 'blocked', sessionsEnded: ending.audit.length },
        };
      };
    case 'UnblockAccount':
      return (account) => {
        refuseDeleted(account);
        if (account.status !== 'blocked') throw new CommandRefused('account_not_blocked');
        return {
          commit: {
            account: { ...account, status: 'active' },
            audit: [commandAudit(deps, command, account.accountId, 'account_unblocked')],
          },
          result: { status: 'active' },
        };
      };
    case 'DeleteAccount':
      // 2.2, 2.4: access ends now; the personal data stays sealed until the purge job erases it after retention.
      return (account) => {
        refuseDeleted(account);
        const ending = endEverySession(deps, command, account, 'account_deleted');
        return {
          commit: {
            ...deletion(account, command.receivedAt),
            audit: [commandAudit(deps, command, account.accountId, 'account_deleted'), ...ending.audit],
          },
          result: {
            status: 'deleted',
            sessionsEnded: ending.audit.length,
            purgeAfterDays: deps.settings.purgeAfterDays,
          },
        };
      };
    case 'RequestVerification':
      // 2.3: the applicant sees the demand in the cabinet; the hourly job denies access once the deadline passes.
      return async (account) => {
        refuseDeleted(account);
        const { deadline } = command.detail;
        await deps.operators.scheduleDue({
          kind: 'verification',
          accountId: account.accountId,
          dueAt: deadline,
        });
        return {
          commit: {
            account: {
              ...account,
              verification: {
                status: 'pending',
                deadline,
                requestedAt: command.receivedAt,
                ...(failed(account.verification) && { follows: account.verification.status }),
              },
            },
            audit: [commandAudit(deps, command, account.accountId, 'verification_requested', deadline)],
          },
          result: { verification: 'pending', deadline },
        };
      };
    case 'ResolveVerification':
      // 2.3: a mismatch denies access (403 verification_required); a confirmation lifts an overdue denial.
      return (account) => {
        refuseDeleted(account);
        const demand = account.verification;
        if (demand === undefined || (demand.status !== 'pending' && demand.status !== 'overdue'))
          throw new CommandRefused('no_verification_to_resolve');
        const { outcome } = command.detail;
        return {
          commit: {
            account: {
              ...account,
              verification: { ...demand, status: outcome, resolvedAt: command.receivedAt },
            },
            audit: [commandAudit(deps, command, account.accountId, 'verification_resolved', outcome)],
          },
          // The demand's documents, and only its, start their retention period (demand-resolved.ts, 2.4).
          result: { verification: outcome, demandRequestedAt: demand.requestedAt },
        };
      };
  }
};

/** 2.2, 2.3: the commands the applicant hears of by SMS at once (DESIGN: Operator functions). */
const notices: Partial<Record<CommandName, SmsKind>> = {
  BlockAccount: 'account_blocked_notice',
  UnblockAccount: 'account_unblocked_notice',
  DeleteAccount: 'account_deleted_notice',
  RequestVerification: 'verification_requested_notice',
};

/**
 * Tells the applicant of the committed command by a notice SMS (no secret), in the language of their consent.
 * A notice the provider refuses is logged and counted (SmsFailed) and does not undo the command: the change is
 * what the operator decided, and the SMS only tells of it (the cabinet shows it too). The operator reads
 * `notice: not_sent` in the outcome; a redelivered event sends nothing again.
 */
const sendNotice = async (
  deps: OperatorDependencies,
  command: OperatorCommand,
  account: Account,
): Promise<Record<string, string>> => {
  const kind = notices[command.name];
  if (kind === undefined) return {};
  const sent = await sendSms(deps, {
    phone: openPersonalData(deps.vault, account).phone,
    kind,
    language: account.consent.language,
    accountId: account.accountId,
    ...(command.name === 'RequestVerification' && { deadline: command.detail.deadline }),
  });
  return { notice: sent ? 'sent' : 'not_sent' };
};

/** 2.6: closes an access report after review, with the operator's id and reason in the account's audit log. */
const resolveAccessReport = async (
  deps: OperatorDependencies,
  command: Extract<OperatorCommand, { name: 'ResolveAccessReport' }>,
  accountId: string,
): Promise<Record<string, string>> => {
  const report = await deps.operators.findReport(accountId, command.detail.reportId);
  if (report === undefined) throw new ReportNotFound();
  if (report.status !== 'open') throw new CommandRefused('report_already_resolved');
  await deps.operators.resolveReport(
    report,
    { resolvedAt: command.receivedAt, resolvedBy: command.detail.operatorId },
    commandAudit(deps, command, accountId, 'access_report_resolved', report.reportId),
  );
  return { reportId: report.reportId, report: 'resolved' };
};

/**
 * Applies an operator command once per event id. Its audit entry claims the event id in the same transaction as
 * the change: a redelivered event finds the claim and changes nothing; two deliveries racing each other cannot
 * both commit, and the loser finds the winner's claim.
 *
 * @throws AccountNotFound, ReportNotFound, CommandRefused: the command does not apply; nothing changed
 */
export const executeCommand = async (
  deps: OperatorDependencies,
  command: OperatorCommand,
): Promise<CommandOutcome> => {
  const accountId = await findTarget(deps, command.detail);
  const outcome = { command: command.name, eventId: command.eventId, accountId };
  const applied = () => deps.operators.isEventApplied(command.eventId);
  if (await applied()) return { ...outcome, outcome: 'already_applied' };
  try {
    if (command.name === 'ResolveAccessReport')
      return { ...outcome, outcome: 'applied', effect: await resolveAccessReport(deps, command, accountId) };
    const change = accountChange(deps, command);
    const { result, account } = await updateAccount(deps, accountId, async (current) => {
      const { commit, result } = await change(current);
      return { commit, result: { result, account: commit.account } };
    });
    return {
      ...outcome,
      outcome: 'applied',
      effect: { ...result, ...(await sendNotice(deps, command, account)) },
    };
  } catch (error) {
    if (error instanceof EventAlreadyApplied || (await applied()))
      return { ...outcome, outcome: 'already_applied' };
    throw error;
  }
};
