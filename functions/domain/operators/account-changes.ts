import type { Account } from '../accounts/account';
import type { AccountCommit } from '../accounts/store';
import { updateAccount } from '../accounts/updates';
import type { OperatorDependencies } from './dependencies';

type Change = Omit<AccountCommit, 'expectedVersion'>;

/** Raised inside `updateAccount` when the fresh state no longer asks for a change; never leaves this module. */
class NothingToChange extends Error {}

/**
 * A job's change of an account, decided on the state read inside the optimistic-concurrency loop: `decide`
 * returns the commit, or undefined when the account no longer needs it (another writer came first).
 *
 * @returns whether the account changed
 */
export const changeAccountIf = async (
  deps: Pick<OperatorDependencies, 'accounts'>,
  accountId: string,
  decide: (account: Account) => Change | undefined,
): Promise<boolean> => {
  try {
    await updateAccount(deps, accountId, (account) => {
      const commit = decide(account);
      if (commit === undefined) throw new NothingToChange();
      return { commit, result: undefined };
    });
    return true;
  } catch (error) {
    if (error instanceof NothingToChange) return false;
    throw error;
  }
};
