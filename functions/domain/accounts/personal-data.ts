import type { PersonalDataVault } from '../ports';
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
