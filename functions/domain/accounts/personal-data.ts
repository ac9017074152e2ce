import type { PersonalDataVault } from '../ports';
import type { AccountDependencies } from './dependencies';
import type { Account, IdentityClaims, PersonalData } from './account';

/** 2.4: personal data lives in the item only sealed, bound to its account. */
export const sealPersonalData = (vault: PersonalDataVault, accountId: string, data: PersonalData): string =>
  vault.seal(JSON.stringify(data), accountId);

export const openPersonalData = (
  vault: PersonalDataVault,
  account: Pick<Account, 'accountId' | 'sealedPersonalData'>,
): PersonalData => JSON.parse(vault.open(account.sealedPersonalData, account.accountId)) as PersonalData;

/** 2.2, 2.4: uniqueness and lookups by keyed hashes, never the raw values. */
export const claimsOf = (
  vault: PersonalDataVault,
  data: Pick<PersonalData, 'phone' | 'pin' | 'passportNumber'>,
): IdentityClaims => ({
  phone: vault.lookupKey('phone', data.phone),
  pin: vault.lookupKey('pin', data.pin),
  passport: vault.lookupKey('passport', data.passportNumber),
});

/**
 * The account that phone and PIN both belong to, if any (password reset, reporting without logging in). Callers
 * answer the same whatever the outcome, so that nobody learns which phones or PINs are registered.
 */
export const accountOfPhoneAndPin = async (
  deps: Pick<AccountDependencies, 'accounts' | 'vault'>,
  phone: string,
  pin: string,
): Promise<{ account?: Account; matches: boolean }> => {
  const accountId = await deps.accounts.findByClaim('phone', deps.vault.lookupKey('phone', phone));
  const account = accountId ? await deps.accounts.get(accountId) : undefined;
  const matches =
    account !== undefined &&
    account.status !== 'deleted' &&
    account.claims.pin === deps.vault.lookupKey('pin', pin);
  return { account, matches };
};
