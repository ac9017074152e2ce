/**
 * Domain errors: every refusal the portal can give, named in the portal's words. The HTTP layer maps each `code`
 * to a status and a localized problem (contract/problems.ts); the domain knows nothing of HTTP.
 */
export type FieldProblem = { field: string; code: string };

export class DomainError extends Error {
  constructor(
    readonly code: string,
    options: { cause?: unknown; retryAfterSeconds?: number; fields?: FieldProblem[] } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = new.target.name;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.fields = options.fields;
  }
  readonly retryAfterSeconds?: number;
  readonly fields?: FieldProblem[];
}

/** Preamble: consent is only to the current agreement version. */
export class AgreementOutdated extends DomainError {
  constructor() {
    super('agreement_outdated');
  }
}

export class AgreementNotFound extends DomainError {
  constructor() {
    super('agreement_not_found');
  }
}

/** The store cannot answer now (down, throttled): the client should retry later. */
export class StoreUnavailable extends DomainError {
  constructor(cause: unknown) {
    super('service_unavailable', { cause, retryAfterSeconds: 5 });
  }
}

/** No account (or a deleted one) answers to what was given: the ID card's PIN (2.1) or a reset's account (2.2). */
export class NotRegistered extends DomainError {
  constructor() {
    super('not_registered');
  }
}

/** Too many changes to one account at once for each to win its turn: the client should retry in a moment. */
export class AccountBusy extends DomainError {
  constructor(cause: unknown) {
    super('service_unavailable', { cause, retryAfterSeconds: 1 });
  }
}

/**
 * Password hashing in this process is queued past the time anyone waits for the answer (the local server under
 * load, whose API timeout has answered already): the request stops there, as a Lambda's would at its timeout.
 */
export class PasswordHashingBusy extends DomainError {
  constructor() {
    super('service_unavailable', { retryAfterSeconds: 5 });
  }
}

/** Limits on SMS and attempts (2.8, Security rules): try again after `retryAfterSeconds`. */
export class TooManyRequests extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('too_many_requests', { retryAfterSeconds });
  }
}

/** The SMS provider refused or could not be reached; the caller decides what the applicant is told. */
export class SmsNotSent extends DomainError {
  constructor(cause: unknown) {
    super('sms_not_sent', { cause });
  }
}

/** Registration needs an unused, unexpired consent to the current agreement (preamble). */
export class ConsentExpired extends DomainError {
  constructor() {
    super('consent_expired');
  }
}

/** 2.2: phone, PIN and passport number are each unique across accounts. */
export class AlreadyRegistered extends DomainError {
  constructor(cause?: unknown) {
    super('already_registered', { cause });
  }
}

/** Wrong password and unknown phone alike (no enumeration). */
export class InvalidCredentials extends DomainError {
  constructor() {
    super('invalid_credentials');
  }
}

export class AccountLocked extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('account_locked', { retryAfterSeconds });
  }
}

/** 2.2: an operator blocked the account. */
export class AccountBlocked extends DomainError {
  constructor() {
    super('account_blocked');
  }
}

/** 2.3: verification failed or its deadline passed. */
export class VerificationRequired extends DomainError {
  constructor() {
    super('verification_required');
  }
}

/** Preamble: a new agreement version needs consent before the cabinet serves the applicant. */
export class ConsentRequired extends DomainError {
  constructor() {
    super('consent_required');
  }
}

/** No live session: missing, unknown, expired or revoked token. */
export class Unauthenticated extends DomainError {
  constructor() {
    super('unauthenticated');
  }
}

/** 2.7: a sensitive change needs the current password (or a recent ID-card login), not just a session. */
export class ReauthenticationRequired extends DomainError {
  constructor() {
    super('reauthentication_required');
  }
}

export class InvalidCode extends DomainError {
  constructor() {
    super('invalid_code');
  }
}

export class WeakPassword extends DomainError {
  constructor(reason: string) {
    super('weak_password', { fields: [{ field: 'newPassword', code: `weak_password_${reason}` }] });
  }
}

/** Another writer changed the account since it was read: the change is recomputed on the fresh state. */
export class ConcurrentUpdate extends DomainError {
  constructor(cause?: unknown) {
    super('concurrent_update', { cause });
  }
}
