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
 * strings. `params` lowers the cost for tests only; the dummy check for unknown logins then costs the same as a
 * real one at those parameters, as it does in production.
 */
export const scryptPasswordHasher = (params?: ScryptParams): PasswordHasher => {
  let dummyHash: Promise<string> | undefined;
  return {
    hash: (password) => hashPassword(password, params ? { params } : {}),
    verify: verifyPassword,
    verifyDummy: async (password) => {
      if (!params) return verifyAgainstDummyHash(password);
      await verifyPassword(
        password,
        await (dummyHash ??= hashPassword('no account has this password', { params })),
      );
      return false;
    },
    needsRehash: (hash) => needsRehash(hash, params),
    generate: () => generatePassword(),
  };
};
