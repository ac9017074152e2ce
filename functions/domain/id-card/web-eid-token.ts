import type { webcrypto } from 'node:crypto';
import * as z from 'zod/mini';

/**
 * Signature algorithms of the Web eID authentication token (JWA names), with the WebCrypto parameters that verify
 * them. ECDSA signatures are raw `r‖s` (what WebCrypto produces and expects); RSASSA-PSS uses a salt as long as
 * the hash, as JWA prescribes.
 */
export const TOKEN_ALGORITHMS = {
  ES256: { family: 'ec', hash: 'SHA-256', namedCurve: 'P-256' },
  ES384: { family: 'ec', hash: 'SHA-384', namedCurve: 'P-384' },
  ES512: { family: 'ec', hash: 'SHA-512', namedCurve: 'P-521' },
  PS256: { family: 'rsa-pss', hash: 'SHA-256', saltLength: 32 },
  PS384: { family: 'rsa-pss', hash: 'SHA-384', saltLength: 48 },
  PS512: { family: 'rsa-pss', hash: 'SHA-512', saltLength: 64 },
  RS256: { family: 'rsa-pkcs1', hash: 'SHA-256' },
  RS384: { family: 'rsa-pkcs1', hash: 'SHA-384' },
  RS512: { family: 'rsa-pkcs1', hash: 'SHA-512' },
} as const;

export type TokenAlgorithm = keyof typeof TOKEN_ALGORITHMS;
export type TokenAlgorithmParameters = (typeof TOKEN_ALGORITHMS)[TokenAlgorithm];

/** The WebCrypto `sign`/`verify` parameters of a token algorithm. */
export const tokenSignatureParameters = (
  algorithm: TokenAlgorithmParameters,
): webcrypto.Algorithm | webcrypto.EcdsaParams | webcrypto.RsaPssParams => {
  switch (algorithm.family) {
    case 'ec':
      return { name: 'ECDSA', hash: algorithm.hash };
    case 'rsa-pss':
      return { name: 'RSA-PSS', saltLength: algorithm.saltLength };
    case 'rsa-pkcs1':
      return { name: 'RSASSA-PKCS1-v1_5' };
  }
};

export const isTokenAlgorithm = (value: string): value is TokenAlgorithm =>
  Object.hasOwn(TOKEN_ALGORITHMS, value);

/** The token format this server speaks: Web eID authentication token, major version 1 (`web-eid:1.0`). */
export const WEB_EID_FORMAT_PATTERN = /^web-eid:1(\.\d{1,3})?$/;

// Bounds keep a hostile body from making the server parse megabytes: an authentication certificate is a few KB and
// the largest signature (RSA 8192) is 1 KB, both before base64.
const MAX_CERTIFICATE_BASE64 = 16_384;
const MAX_SIGNATURE_BASE64 = 1_400;

/**
 * 2.1: the Web eID authentication token as the browser extension sends it. `algorithm` is any short string here so
 * that an unknown algorithm is told apart (`unsupported_algorithm`) from a malformed token; `format` likewise.
 * Unknown fields (such as `appVersion`) are allowed and dropped.
 */
export const webEidAuthTokenSchema = z.object({
  format: z.string().check(z.minLength(1), z.maxLength(32)),
  algorithm: z.string().check(z.minLength(1), z.maxLength(16)),
  unverifiedCertificate: z.base64().check(z.minLength(1), z.maxLength(MAX_CERTIFICATE_BASE64)),
  signature: z.base64().check(z.minLength(1), z.maxLength(MAX_SIGNATURE_BASE64)),
  appVersion: z.optional(z.string().check(z.maxLength(256))),
});

export type WebEidAuthToken = z.infer<typeof webEidAuthTokenSchema>;
