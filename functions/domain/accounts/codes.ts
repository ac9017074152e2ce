import { generateSmsCode } from '../passwords';
import { InvalidCode } from '../errors';
import type { AccountDependencies } from './dependencies';
import type { PendingCode } from './store';

/** Security rules: SMS codes are short-lived and allow few attempts. */
export const codePolicy = { lifetimeSeconds: 10 * 60, maxAttempts: 5 } as const;

const codeHash = (
  deps: Pick<AccountDependencies, 'vault'>,
  purpose: PendingCode['purpose'],
  accountId: string,
  code: string,
) => deps.vault.lookupKey('sms_code', `${purpose}:${accountId}:${code}`);

/** Issues a new code (replacing any earlier one) and returns it for the SMS; only its keyed hash is stored. */
export const issueCode = async (
  deps: Pick<AccountDependencies, 'vault' | 'accounts' | 'clock'>,
  purpose: PendingCode['purpose'],
  accountId: string,
  sealedPayload?: string,
): Promise<string> => {
  const code = generateSmsCode();
  await deps.accounts.saveCode({
    purpose,
    accountId,
    codeHash: codeHash(deps, purpose, accountId, code),
    attempts: 0,
    expiresAt: new Date(deps.clock.now().getTime() + codePolicy.lifetimeSeconds * 1000).toISOString(),
    ...(sealedPayload && { sealedPayload }),
  });
  return code;
};

/**
 * Checks a code: each try counts (atomically) against the few allowed; a wrong, expired or used-up code is
 * `400 invalid_code`. Returns the pending code so the caller consumes it in its commit.
 */
export const checkCode = async (
  deps: Pick<AccountDependencies, 'vault' | 'accounts' | 'clock'>,
  purpose: PendingCode['purpose'],
  accountId: string | undefined,
  code: string,
): Promise<PendingCode> => {
  const pending = accountId
    ? await deps.accounts.attemptCode(purpose, accountId, deps.clock.now(), codePolicy.maxAttempts)
    : undefined;
  if (!pending || pending.codeHash !== codeHash(deps, purpose, pending.accountId, code))
    throw new InvalidCode();
  return pending;
};
