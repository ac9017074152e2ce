import type { RequestOrigin } from '../audit';
import type { Account, Authenticated } from './account';
import { auditEntry, type AccountDependencies } from './dependencies';
import { openPersonalData } from './personal-data';
import { reauthenticate } from './reauthentication';
import { sendSms } from './sms';
import type { AccountCommit } from './store';
import { updateAccountAs } from './updates';

/**
 * 2.2, 2.4: an account deleted, by an operator (DeleteAccount) or by its applicant (closure): access ends now with
 * every session and the password; the personal data stays sealed until the purge job erases it after the retention
 * period counted from now, and frees the phone, PIN and passport number then (jobs/purge-deleted.ts).
 */
export const deletion = (
  account: Account,
  at: string,
): Pick<AccountCommit, 'account' | 'sessionsToForget' | 'purgeDueFrom'> => ({
  account: {
    ...account,
    status: 'deleted',
    deletedAt: at,
    sessions: {},
    passwordHash: undefined,
    failedLogins: 0,
    lockedUntil: undefined,
  },
  sessionsToForget: Object.values(account.sessions).map((session) => session.tokenHash),
  purgeDueFrom: at,
});

/**
 * 2.4: the applicant closes the account. Re-authentication first (2.7: a stolen session cannot close it); then,
 * in one conditional commit, every session ends and the account is deleted exactly as by an operator. Afterwards a
 * login answers as for a phone that opens no account (401 `invalid_credentials`, ID card 404 `not_registered`):
 * nothing tells a stranger that the phone was ever registered. The phone then hears of it by a notice SMS (2.7:
 * an owner whose password was used to close the account learns of it at once); a failed SMS does not undo it.
 */
export const closeAccount = async (
  deps: AccountDependencies,
  auth: Authenticated,
  currentPassword: string | undefined,
  origin: RequestOrigin,
): Promise<void> => {
  await reauthenticate(deps, auth, currentPassword, origin, 'account_closure_failed');
  await updateAccountAs(deps, auth, (account) => ({
    commit: {
      ...deletion(account, deps.clock.now().toISOString()),
      audit: [
        auditEntry(deps, account.accountId, 'account_closed', origin, {
          sessionId: auth.sessionId,
          credentialIssuedAt: auth.session.createdAt,
        }),
        ...Object.keys(account.sessions).map((sessionId) =>
          auditEntry(deps, account.accountId, 'logout', origin, { sessionId, detail: 'account_closed' }),
        ),
      ],
    },
    result: undefined,
  }));
  await sendSms(deps, {
    phone: openPersonalData(deps.vault, auth.account).phone,
    kind: 'account_closed_notice',
    language: auth.account.consent.language,
    accountId: auth.account.accountId,
  });
};
