import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  generateSessionToken,
  hashSessionToken,
  parseSessionToken,
  type SessionToken,
} from '../../../functions/domain/passwords';
import { anyRandomBytes } from './replay';

describe('session tokens (Security rules)', () => {
  it('carry 256 random bits, base64url', () => {
    fc.assert(
      fc.property(anyRandomBytes, (random) => {
        const token = generateSessionToken(random);
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      }),
    );
  });

  it('differ from one session to the next with the default randomness', () => {
    expect(new Set(Array.from({ length: 1000 }, () => generateSessionToken())).size).toBe(1000);
  });

  it('are stored as their SHA-256, never as the token', () => {
    const token = generateSessionToken();
    const stored = hashSessionToken(token);
    expect(stored).toBe(createHash('sha256').update(token).digest('base64url'));
    expect(stored).not.toBe(token);
    expect(hashSessionToken(token)).toBe(stored);
  });

  it('are recognized in an Authorization header only when they have the form of one', () => {
    const token = generateSessionToken();
    expect(parseSessionToken(token)).toBe(token);
    for (const raw of ['', 'Bearer ' + token, token + 'A', token.slice(1), token.replace(/.$/, '=')]) {
      expect(parseSessionToken(raw)).toBeUndefined();
    }
  });

  it('hash distinct tokens to distinct values', () => {
    const tokens = Array.from({ length: 100 }, () => generateSessionToken()) as SessionToken[];
    expect(new Set(tokens.map(hashSessionToken)).size).toBe(100);
  });
});
