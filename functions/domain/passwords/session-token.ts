import { createHash } from 'node:crypto';
import { secureRandomBytes, type RandomBytes } from './random';

/** Security rules: session tokens carry 256 random bits. */
export const SESSION_TOKEN_BYTES = 32;

/** A bearer token as handed to the client: 43 base64url characters. */
export type SessionToken = string & { readonly __brand: 'SessionToken' };

const TOKEN_LAYOUT = /^[A-Za-z0-9_-]{43}$/;

/**
 * Makes a session token: 256 bits from the CSPRNG, base64url. The client gets it once; the store keeps only
 * {@link hashSessionToken} of it.
 */
export const generateSessionToken = (random: RandomBytes = secureRandomBytes): SessionToken =>
  Buffer.from(random(SESSION_TOKEN_BYTES)).toString('base64url') as SessionToken;

/**
 * What the store keeps and looks sessions up by (Security rules: stored only as a hash). SHA-256 without a
 * key is enough: the token has 256 bits of entropy, so the hash cannot be reversed by guessing, and a leaked
 * table of hashes gives no usable token.
 *
 * @returns the SHA-256 of the token, base64url
 */
export const hashSessionToken = (token: SessionToken): string =>
  createHash('sha256').update(token, 'utf8').digest('base64url');

/**
 * Reads a token from an `Authorization: Bearer` header value.
 *
 * @returns the token when it has the form of one, otherwise `undefined` (no store lookup needed)
 */
export const parseSessionToken = (raw: string): SessionToken | undefined =>
  TOKEN_LAYOUT.test(raw) ? (raw as SessionToken) : undefined;
