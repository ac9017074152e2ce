/**
 * Domain errors: every refusal the portal can give, named in the portal's words. The HTTP layer maps each `code`
 * to a status and a localized problem (functions/commons/http/problems.ts); the domain knows nothing of HTTP.
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
