import fc from 'fast-check';
import { generateSmsCode, hashSmsCode, verifySmsCode } from '../../../functions/domain/passwords';
import { anyRandomBytes, replay } from './replay';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);
const context = 'phone-change:acc-1:+996700123456';
const code = fc.stringMatching(/^\d{6}$/);

describe('codes sent by SMS (Security rules)', () => {
  it('have 6 digits, leading zeros kept, whatever the random bytes', () => {
    fc.assert(fc.property(anyRandomBytes, (random) => expect(generateSmsCode(random)).toMatch(/^\d{6}$/)));
    expect(generateSmsCode(replay([0, 0, 7]))).toBe('000007');
  });

  it('are drawn without modulo bias: three bytes worth 16 000 000 or more are drawn again', () => {
    expect(generateSmsCode(replay([0xff, 0xff, 0xff, 0x0f, 0x42, 0x3f]))).toBe('999999');
  });

  it('are stored as an HMAC, never as the code', () => {
    fc.assert(
      fc.property(code, (sent) => {
        const stored = hashSmsCode(sent, key, context);
        expect(stored).not.toContain(sent);
        expect(Buffer.from(stored, 'base64url')).toHaveLength(32);
      }),
    );
  });

  it('verify the code that was sent, also typed with spaces', () => {
    const stored = hashSmsCode('048213', key, context);
    expect(verifySmsCode('048213', stored, key, context)).toBe(true);
    expect(verifySmsCode(' 048 213 ', stored, key, context)).toBe(true);
  });

  it('refuse every other code', () => {
    fc.assert(
      fc.property(code, code, (sent, typed) => {
        fc.pre(sent !== typed);
        expect(verifySmsCode(typed, hashSmsCode(sent, key, context), key, context)).toBe(false);
      }),
    );
  });

  it('are good only for what they were sent for, and only under their key', () => {
    const stored = hashSmsCode('048213', key, context);
    expect(verifySmsCode('048213', stored, key, 'access-report:+996700123456')).toBe(false);
    expect(verifySmsCode('048213', stored, otherKey, context)).toBe(false);
  });

  it.each([['48213'], ['0482130'], ['04821a'], [''], ['０４８２１３']])('refuse %p as no code', (typed) => {
    expect(verifySmsCode(typed, hashSmsCode('048213', key, context), key, context)).toBe(false);
  });

  it('refuse against a stored hash that is not one', () => {
    expect(verifySmsCode('048213', 'not-a-hash', key, context)).toBe(false);
  });
});
