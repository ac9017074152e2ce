import type { webcrypto } from 'node:crypto';
import { crypto, x509 } from '../../../functions/domain/id-card/x509';

/** Key types of the development CA and the virtual cards; the 2017 ID card itself carries EC P-384 or RSA keys. */
export const KEY_TYPES = ['ec-p256', 'ec-p384', 'ec-p521', 'rsa'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export const isKeyType = (value: string): value is KeyType =>
  (KEY_TYPES as readonly string[]).includes(value);

/** A certificate with its private key (PKCS #8 DER): a CA or a card. */
export interface KeyHolder {
  readonly certificate: x509.X509Certificate;
  readonly pkcs8: ArrayBuffer;
}

const CURVES = { 'ec-p256': 'P-256', 'ec-p384': 'P-384', 'ec-p521': 'P-521' } as const;
const RSA_MODULUS_LENGTH = 2048;
const RSA_PUBLIC_EXPONENT = new Uint8Array([1, 0, 1]);

export const generateKeyPair = async (keyType: KeyType): Promise<webcrypto.CryptoKeyPair> =>
  keyType === 'rsa'
    ? crypto.subtle.generateKey(
        {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: RSA_MODULUS_LENGTH,
          publicExponent: RSA_PUBLIC_EXPONENT,
          hash: 'SHA-256',
        },
        true,
        ['sign', 'verify'],
      )
    : crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: CURVES[keyType] }, true, ['sign', 'verify']);

/** The key type of a certificate's public key. */
export const keyTypeOf = (certificate: x509.X509Certificate): KeyType => {
  const algorithm = certificate.publicKey.algorithm as { name: string; namedCurve?: string };
  if (algorithm.name === 'RSASSA-PKCS1-v1_5' || algorithm.name === 'RSA-PSS') return 'rsa';
  const keyType = Object.entries(CURVES).find(([, curve]) => curve === algorithm.namedCurve)?.[0];
  if (algorithm.name !== 'ECDSA' || keyType === undefined) {
    throw new Error(`Unsupported key in certificate: ${algorithm.name} ${algorithm.namedCurve ?? ''}`.trim());
  }
  return keyType as KeyType;
};

/** How a CA of this key type signs certificates and CRLs (the hash follows the key size for EC). */
export const certificateSigningAlgorithm = (
  keyType: KeyType,
): webcrypto.EcdsaParams | webcrypto.RsaHashedImportParams => {
  switch (keyType) {
    case 'ec-p256':
      return { name: 'ECDSA', hash: 'SHA-256' };
    case 'ec-p384':
      return { name: 'ECDSA', hash: 'SHA-384' };
    case 'ec-p521':
      return { name: 'ECDSA', hash: 'SHA-512' };
    case 'rsa':
      return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  }
};

/** The holder's private key, imported for one WebCrypto signature algorithm (RSA keys serve PKCS #1 and PSS alike). */
export const importSigningKey = async (
  holder: KeyHolder,
  algorithm: { name: 'ECDSA' } | { name: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS'; hash: string },
): Promise<webcrypto.CryptoKey> => {
  const keyType = keyTypeOf(holder.certificate);
  if (algorithm.name === 'ECDSA') {
    if (keyType === 'rsa') throw new Error('An RSA key cannot make an ECDSA signature');
    return crypto.subtle.importKey(
      'pkcs8',
      holder.pkcs8,
      { name: 'ECDSA', namedCurve: CURVES[keyType] },
      false,
      ['sign'],
    );
  }
  if (keyType !== 'rsa') throw new Error(`An EC key cannot make an ${algorithm.name} signature`);
  return crypto.subtle.importKey('pkcs8', holder.pkcs8, algorithm, false, ['sign']);
};

/** The CA's key ready for `@peculiar/x509` generators, with the matching signing algorithm. */
export const caSigner = async (
  ca: KeyHolder,
): Promise<{
  signingKey: webcrypto.CryptoKey;
  signingAlgorithm: webcrypto.EcdsaParams | webcrypto.RsaHashedImportParams;
}> => {
  const signingAlgorithm = certificateSigningAlgorithm(keyTypeOf(ca.certificate));
  const signingKey =
    signingAlgorithm.name === 'ECDSA'
      ? await importSigningKey(ca, { name: 'ECDSA' })
      : await importSigningKey(ca, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' });
  return { signingKey, signingAlgorithm };
};
