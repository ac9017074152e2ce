import { randomBytes } from 'node:crypto';
import { generateSmsCode } from '../passwords';
import { InvalidCode } from '../errors';
import type { E164Phone } from '../identity';
import type { SmsKind } from '../sms-texts';
import type { Account } from './account';
import type { AccountDependencies } from './dependencies';
import { consumeRequestAllowances, sendSms, withinDailyCeiling } from './sms';
import type { PendingCode } from './store';

/** Security rules: SMS codes are short-lived and allow few attempts. */
export const codePolicy = { lifetimeSeconds: 10 * 60, maxAttempts: 5 } as const;

type CodeDependencies = Pick<AccountDependencies, 'vault' | 'accounts' | 'clock'>;

const codeHash = (
  deps: Pick<AccountDependencies, 'vault'>,
  purpose: PendingCode['purpose'],
  requestId: string,
  code: string,
) => deps.vault.lookupKey('sms_code', `${purpose}:${requestId}:${code}`);

const expiry = (deps: Pick<AccountDependencies, 'clock'>) =>
  new Date(deps.clock.now().getTime() + codePolicy.lifetimeSeconds * 1000).toISOString();

/**
 * Issues a code for one request and returns it for the SMS; only its keyed hash is stored. The code belongs to its
 * request (2.7): guesses count against that request alone, and a new request leaves an earlier live one usable.
 */
export const issueCode = async (
  deps: CodeDependencies,
  purpose: PendingCode['purpose'],
  request: { requestId: string; accountId: string; sealedPayload?: string },
): Promise<string> => {
  const code = generateSmsCode();
  await deps.accounts.saveCode({
    purpose,
    ...request,
    codeHash: codeHash(deps, purpose, request.requestId, code),
    attempts: 0,
    expiresAt: expiry(deps),
  });
  return code;
};

/**
 * What a request that matched nothing stores in place of a code: the same kind of item under its request id, with
 * a hash no code can match and no account. The answer and the store's work stay alike (no enumeration).
 */
export const issueDecoyCode = (deps: CodeDependencies, purpose: PendingCode['purpose'], requestId: string) =>
  deps.accounts.saveCode({
    purpose,
    requestId,
    codeHash: deps.vault.lookupKey('sms_code', randomBytes(32).toString('hex')),
    attempts: 0,
    expiresAt: expiry(deps),
  });

/**
 * Checks a request's code: each try counts (atomically) against the few allowed; a wrong, expired, used-up or
 * decoy code is `400 invalid_code`. Returns the pending code so the caller consumes it in its commit.
 */
export const checkCode = async (
  deps: CodeDependencies,
  purpose: PendingCode['purpose'],
  requestId: string,
  code: string,
): Promise<PendingCode & { accountId: string }> => {
  const pending = await deps.accounts.attemptCode(
    purpose,
    requestId,
    deps.clock.now(),
    codePolicy.maxAttempts,
  );
  if (!pending?.accountId || pending.codeHash !== codeHash(deps, purpose, requestId, code))
    throw new InvalidCode();
  return { ...pending, accountId: pending.accountId };
};

/** What a code request by phone and PIN found: the account, whether both match, and what the code will confirm. */
export interface CodeRecipient {
  readonly account?: Account;
  readonly matches: boolean;
  readonly sealedPayload?: string;
}

const codeSms: Record<'password_reset' | 'access_report', SmsKind> = {
  password_reset: 'password_reset_code',
  access_report: 'access_report_code',
};

/**
 * A code request by phone and PIN (password reset, report without logging in): the allowances count first, for
 * every request alike; then a code goes by SMS only where phone and PIN match and the phone's daily ceiling allows,
 * and a decoy is stored otherwise. The answer is a `requestId` either way (2.7: no enumeration); what was found,
 * and whether a code went out, are for the caller's audit.
 */
export const requestCode = async (
  deps: AccountDependencies,
  purpose: 'password_reset' | 'access_report',
  request: { phone: E164Phone; ip: string },
  lookUp: () => Promise<CodeRecipient>,
): Promise<{ requestId: string; recipient: CodeRecipient; issued: boolean }> => {
  await consumeRequestAllowances(deps, { phone: request.phone, ip: request.ip, purpose });
  const requestId = deps.ids.newId();
  const recipient = await lookUp();
  const { account, matches, sealedPayload } = recipient;
  if (!account || !matches || !(await withinDailyCeiling(deps, request.phone))) {
    await issueDecoyCode(deps, purpose, requestId);
    return { requestId, recipient, issued: false };
  }
  const code = await issueCode(deps, purpose, {
    requestId,
    accountId: account.accountId,
    ...(sealedPayload && { sealedPayload }),
  });
  await sendSms(deps, {
    phone: request.phone,
    kind: codeSms[purpose],
    language: account.consent.language,
    secret: code,
    accountId: account.accountId,
  });
  return { requestId, recipient, issued: true };
};
