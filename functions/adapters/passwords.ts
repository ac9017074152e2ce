import type { PasswordHasher } from '../domain/accounts/dependencies';
import {
  generatePassword,
  hashPassword,
  needsRehash,
  verifyAgainstDummyHash,
  verifyPassword,
  type ScryptParams,
} from '../domain/passwords';

/**
 * Passwords with scrypt (node:crypto, OpenSSL): memory-hard at the OWASP minimum N=2^17, r=8, p=1, in PHC
 * strings. `params` lowers the cost for tests only.
 */
export const scryptPasswordHasher = (params?: ScryptParams): PasswordHasher => ({
  hash: (password) => hashPassword(password, params ? { params } : {}),
  verify: verifyPassword,
  verifyDummy: verifyAgainstDummyHash,
  needsRehash: (hash) => needsRehash(hash, params),
  generate: () => generatePassword(),
});
