/** The few things the domain needs from the world, injected so that rules stay pure and testable. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new unique, unguessable identifier. */
  newId(): string;
}

export const systemClock: Clock = { now: () => new Date() };

/** 2.5: SMS carry a password or a one-time code, only to Kyrgyz (+996) mobile numbers. */
export type SmsPurpose = 'password' | 'code' | 'notice';

export interface SmsMessage {
  /** E.164, +996 mobile. */
  readonly phone: string;
  readonly purpose: SmsPurpose;
  /** The message exactly as sent. */
  readonly text: string;
  /**
   * The password or code inside `text`: only the local outbox ever stores it (DESIGN: Local SMS outbox). A notice
   * (password or phone changed…) has none.
   */
  readonly secret?: string;
}

export interface SmsSender {
  /** Sends one SMS; throws SmsNotSent when the provider refuses or cannot be reached. */
  send(message: SmsMessage): Promise<void>;
}

/** A limit on how often something may happen: at most `max` times per fixed window of `windowSeconds`. */
export interface RateLimit {
  readonly name: string;
  readonly max: number;
  readonly windowSeconds: number;
}

export interface RateLimiter {
  /**
   * Counts one use of `limit` for `key` (an opaque, non-personal key such as an HMAC) and throws
   * TooManyRequests (with retryAfterSeconds) when the window's count is exhausted. Counting is atomic.
   */
  consume(limit: RateLimit, key: string, now: Date): Promise<void>;
}

/** 2.4: personal data sealed in the item, and lookup keys that do not reveal it. */
export interface PersonalDataVault {
  /** AES-256-GCM; `context` (e.g. the account id) is bound as associated data. */
  seal(plaintext: string, context: string): string;
  /** Throws when the sealed value was altered or belongs to another context. */
  open(sealed: string, context: string): string;
  /** HMAC-SHA256 (hex) of `value` under the secret lookup key, separated by `kind` (phone, pin, passport, …). */
  lookupKey(kind: string, value: string): string;
}

/** Notices to operators (2.7, 2.8): account and report ids only, never personal data. */
export interface OperatorAlert {
  readonly kind: 'access_report' | 'suspicious_activity' | 'daily_report' | 'sms_failure';
  readonly accountId?: string;
  readonly reportId?: string;
  readonly summary: string;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

export interface OperatorAlerts {
  publish(alert: OperatorAlert): Promise<void>;
}

/** Business metrics (CloudWatch in AWS): counts only. */
export interface PortalMetrics {
  count(name: string, value?: number, dimensions?: Readonly<Record<string, string>>): void;
}
