import { DomainError } from '../../domain/errors';

/** Bytes of each key: HMAC-SHA256 and AES-256 both take 256-bit keys. */
export const keyLength = 32;

/**
 * The portal's secret keys (2.4): one for lookup keys (HMAC-SHA256 of phone, PIN, passport number), one for the
 * personal data sealed in items (AES-256-GCM). Never in code or template: generated locally into
 * `PORTAL_DATA_DIR`, or derived in AWS from a Secrets Manager secret.
 */
export interface KeyRing {
  readonly lookupKey: Buffer;
  readonly dataKey: Buffer;
}

/** The keys could not be loaded: the secret or key file is unreachable, missing or malformed. */
export class KeyRingUnavailable extends DomainError {
  constructor(cause?: unknown) {
    super('key_ring_unavailable', { cause });
  }
}

/** @throws RangeError unless both keys have {@link keyLength} bytes */
export const assertKeyRing = (keyRing: KeyRing): void => {
  if (keyRing.lookupKey.length !== keyLength || keyRing.dataKey.length !== keyLength) {
    throw new RangeError(`Both keys of a key ring have ${keyLength} bytes`);
  }
};
