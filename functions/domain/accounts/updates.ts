import { ConcurrentUpdate, Unauthenticated } from '../errors';
import type { Account } from './account';
import type { AccountDependencies } from './dependencies';
import type { AccountCommit } from './store';

const maxAttempts = 5;

/**
 * Applies a change to an account with optimistic concurrency: reads it, lets `change` compute the commit from that
 * state, and writes it conditional on the version read; when another writer came first, recomputes on the fresh
 * state. `change` may throw a domain error to refuse.
 */
export const updateAccount = async <T>(
  deps: Pick<AccountDependencies, 'accounts'>,
  accountId: string,
  change: (
    account: Account,
  ) =>
    | Promise<{ commit: Omit<AccountCommit, 'expectedVersion'>; result: T }>
    | { commit: Omit<AccountCommit, 'expectedVersion'>; result: T },
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
      if (!(error instanceof ConcurrentUpdate) || attempt >= maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
};
