import { DomainError, type FieldProblem } from '../errors';

/** An operator event that breaks its command's schema; `fields` name the detail fields and their problems. */
export class InvalidCommand extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('invalid_command', { fields });
  }
}

/** No account has the phone (or id) the command names. */
export class AccountNotFound extends DomainError {
  constructor() {
    super('account_not_found');
  }
}

/** The account has no access report with the id the command names. */
export class ReportNotFound extends DomainError {
  constructor() {
    super('report_not_found');
  }
}

/** Why a valid command does not apply to the account as it is now. */
export type RefusalCode =
  | 'account_deleted'
  | 'account_already_blocked'
  | 'account_not_blocked'
  | 'no_verification_to_resolve'
  | 'report_already_resolved';

/** The command is well formed but does not apply to the account's state; nothing was changed. */
export class CommandRefused extends DomainError {
  constructor(
    readonly refusal: RefusalCode,
    cause?: unknown,
  ) {
    super(refusal, { cause });
  }
}

/** The audit entry that marks this event as applied already exists: the event was delivered before. */
export class EventAlreadyApplied extends DomainError {
  constructor(cause?: unknown) {
    super('event_already_applied', { cause });
  }
}
