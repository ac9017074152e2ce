import { CryptoVault } from '../../../functions/adapters/keys/crypto-vault';

/**
 * The real vault (AES-256-GCM and HMAC-SHA256, no AWS) under fixed keys: lookup keys are the same in every run,
 * and sealed values open only with their account id, as in production (2.4).
 */
export const fixedKeyVault = (): CryptoVault =>
  new CryptoVault({ lookupKey: Buffer.alloc(32, 0x4c), dataKey: Buffer.alloc(32, 0x44) });
