import { AccountBusy, ConcurrentUpdate, Unauthenticated } from '../errors';
import type { Account } from './account';
import type { AccountDependencies } from './dependencies';
import type { Authenticated } from './account';
import type { AccountCommit } from './store';

const maxAttempts = 5;

type AccountChange<T> = (
  account: Account,
) =>
  | Promise<{ commit: Omit<AccountCommit, 'expectedVersion'>; result: T }>
  | { commit: Omit<AccountCommit, 'expectedVersion'>; result: T };

/**
 * Applies a change to an account with optimistic concurrency: reads it, lets `change` compute the commit from that
 * state, and writes it conditional on the version read; when another writer came first, recomputes on the fresh
 * state. `change` may throw a domain error to refuse. When other writers keep coming first, AccountBusy (503).
 */
export const updateAccount = async <T>(
  deps: Pick<AccountDependencies, 'accounts'>,
  accountId: string,
  change: AccountChange<T>,
): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    const account = await deps.accounts.get(accountId);
    if (!account) throw new Unauthenticated();
    const { commit, result } = await change(account);
    try {
      await deps.accounts.commit({
        ...commit,
        account: { ...commit.account, version: account.version + 1 },
        expectedVersion: account.version,
      });
      return result;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdate)) throw error;
      if (attempt >= maxAttempts) throw new AccountBusy(error);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
};

/**
 * `updateAccount` for a change a session asks for: refused as unauthenticated when, in the state the change is
 * computed from, that session is gone (ended, evicted, revoked by an access report or a block while the request
 * ran, 2.7), so that a request already under way cannot outlive the report.
 */
export const updateAccountAs = <T>(
  deps: Pick<AccountDependencies, 'accounts'>,
  auth: Pick<Authenticated, 'account' | 'sessionId' | 'tokenHash'>,
  change: AccountChange<T>,
): Promise<T> =>
  updateAccount(deps, auth.account.accountId, (account) => {
    if (account.status !== 'active' || account.sessions[auth.sessionId]?.tokenHash !== auth.tokenHash)
      throw new Unauthenticated();
    return change(account);
  });
