import fc from 'fast-check';
import {
  verifyAuthToken,
  x509,
  type RevocationCheck,
  type TokenAlgorithm,
  type VerifyAuthTokenInput,
  type WebEidAuthToken,
} from '../../../functions/domain/id-card';
import { createCrl, type DevCa, type KeyType, type VirtualCard } from '../../../lib/local/virtual-card';
import { caSigner, generateKeyPair } from '../../../lib/local/virtual-card/keys';
import { CARD_VALIDITY, makeCa, makeCard, NONCE, NOW, ORIGIN, PIN, sign } from './support/fixtures';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('Function: verifyAuthToken (2.1 ID-card login)', () => {
  let ecCa: DevCa;
  let rsaCa: DevCa;
  let ecCard: VirtualCard;
  let rsaCard: VirtualCard;

  beforeAll(async () => {
    [ecCa, rsaCa] = await Promise.all([
      makeCa('ec-p384'),
      makeCa('rsa', { commonName: 'SRS Portal Development RSA CA' }),
    ]);
    [ecCard, rsaCard] = await Promise.all([
      makeCard(ecCa, { keyType: 'ec-p384' }),
      makeCard(rsaCa, { keyType: 'rsa' }),
    ]);
  });

  const verify = (token: unknown, overrides: Partial<VerifyAuthTokenInput> = {}) =>
    verifyAuthToken({
      token,
      nonce: NONCE,
      origin: ORIGIN,
      trustedCAs: [ecCa.certificate, rsaCa.certificate],
      now: NOW,
      ...overrides,
    });

  describe('accepts a genuine card', () => {
    it('EC P-384 card signing with ES384: the PIN, certificate serial and expiry come back', async () => {
      const token = await sign(ecCard, { algorithm: 'ES384' });

      const outcome = await verify(token);

      expect(outcome).toEqual({
        ok: true,
        pin: PIN,
        certificateSerial: ecCard.certificate.serialNumber,
        notAfter: CARD_VALIDITY.notAfter,
      });
    });

    it.each(['RS256', 'PS256'] as const)('RSA card signing with %s', async (algorithm) => {
      const outcome = await verify(await sign(rsaCard, { algorithm }));
      expect(outcome).toEqual(
        expect.objectContaining({ ok: true, pin: PIN, certificateSerial: rsaCard.certificate.serialNumber }),
      );
    });

    it.each<[KeyType, TokenAlgorithm]>([
      ['ec-p256', 'ES256'],
      ['ec-p521', 'ES512'],
      ['rsa', 'RS384'],
      ['rsa', 'RS512'],
      ['rsa', 'PS384'],
      ['rsa', 'PS512'],
    ])('%s card signing with %s', async (keyType, algorithm) => {
      const card = await makeCard(ecCa, { keyType });
      await expect(verify(await sign(card, { algorithm }))).resolves.toMatchObject({ ok: true, pin: PIN });
    });

    it('on the first and the last second of its validity', async () => {
      const token = await sign(ecCard);
      await expect(verify(token, { now: CARD_VALIDITY.notBefore })).resolves.toMatchObject({ ok: true });
      await expect(verify(token, { now: CARD_VALIDITY.notAfter })).resolves.toMatchObject({ ok: true });
    });

    it('for any nonce string, signed as issued (UTF-8), and for no other nonce', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.string({ minLength: 1, maxLength: 64 }),
          fc.string({ minLength: 1, maxLength: 64 }),
          async (nonce, other) => {
            const token = await sign(ecCard, { nonce });
            expect(await verify(token, { nonce })).toMatchObject({ ok: true });
            if (other !== nonce)
              expect(await verify(token, { nonce: other })).toEqual({ ok: false, reason: 'bad_signature' });
          },
        ),
        { numRuns: 20 },
      );
    });

    it('with unknown extra token fields', async () => {
      const token = { ...(await sign(ecCard)), unverifiedSigningCertificates: [] };
      await expect(verify(token)).resolves.toMatchObject({ ok: true });
    });
  });

  describe('the certificate', () => {
    it('refuses an expired certificate', async () => {
      await expect(
        verify(await sign(ecCard), { now: new Date(CARD_VALIDITY.notAfter.getTime() + 1000) }),
      ).resolves.toEqual({
        ok: false,
        reason: 'certificate_expired',
      });
    });

    it('refuses a certificate that is not yet valid', async () => {
      await expect(
        verify(await sign(ecCard), { now: new Date(CARD_VALIDITY.notBefore.getTime() - 1000) }),
      ).resolves.toEqual({
        ok: false,
        reason: 'certificate_not_yet_valid',
      });
    });

    it('refuses a certificate issued by another CA', async () => {
      const strangerCa = await makeCa('ec-p384', { commonName: 'Some other CA' });
      const card = await makeCard(strangerCa);
      await expect(verify(await sign(card))).resolves.toEqual({ ok: false, reason: 'untrusted_chain' });
    });

    it('refuses a certificate from an impostor CA bearing the trusted CA name', async () => {
      const impostor = await makeCa('ec-p384');
      expect(impostor.certificate.subject).toBe(ecCa.certificate.subject);
      const card = await makeCard(impostor);
      await expect(verify(await sign(card))).resolves.toEqual({ ok: false, reason: 'untrusted_chain' });
    });

    it('refuses every card when no CA is trusted', async () => {
      await expect(verify(await sign(ecCard), { trustedCAs: [] })).resolves.toEqual({
        ok: false,
        reason: 'untrusted_chain',
      });
    });

    it('refuses a certificate without the client-authentication extended key usage', async () => {
      const card = await makeCard(ecCa, { clientAuth: false });
      await expect(verify(await sign(card))).resolves.toEqual({ ok: false, reason: 'missing_client_auth' });
    });

    it.each([
      [
        'keyUsage without digitalSignature',
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.nonRepudiation, true),
      ],
      ['no keyUsage at all', undefined],
    ])('refuses a certificate with %s', async (_case, keyUsage) => {
      const keys = await generateKeyPair('ec-p384');
      const certificate = await x509.X509CertificateGenerator.create({
        subject: [{ CN: ['TESTOV,TEST,' + PIN] }, { '2.5.4.5': ['PNOKG-' + PIN] }],
        issuer: ecCa.certificate.subjectName,
        ...CARD_VALIDITY,
        publicKey: keys.publicKey,
        ...(await caSigner(ecCa)),
        extensions: [
          ...(keyUsage ? [keyUsage] : []),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
        ],
      });
      const card = { certificate, pkcs8: await crypto.subtle.exportKey('pkcs8', keys.privateKey) };

      await expect(verify(await sign(card))).resolves.toEqual({
        ok: false,
        reason: 'missing_digital_signature',
      });
    });

    it('refuses a certificate with a critical extension it does not understand', async () => {
      const keys = await generateKeyPair('ec-p384');
      const certificate = await x509.X509CertificateGenerator.create({
        subject: [{ '2.5.4.5': ['PNOKG-' + PIN] }],
        issuer: ecCa.certificate.subjectName,
        ...CARD_VALIDITY,
        publicKey: keys.publicKey,
        ...(await caSigner(ecCa)),
        extensions: [
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
          new x509.Extension('1.2.3.4.5', true, new Uint8Array([0x05, 0x00])),
        ],
      });
      const card = { certificate, pkcs8: await crypto.subtle.exportKey('pkcs8', keys.privateKey) };

      await expect(verify(await sign(card))).resolves.toEqual({ ok: false, reason: 'malformed_certificate' });
    });
  });

  describe('the PIN in the subject serialNumber', () => {
    it.each(['PNOKG', 'plain'] as const)('reads it written as %s', async (serialNumberStyle) => {
      const card = await makeCard(ecCa, { serialNumberStyle });
      await expect(verify(await sign(card))).resolves.toMatchObject({ ok: true, pin: PIN });
    });

    it('refuses a certificate without serialNumber (a PIN only in the CN does not count)', async () => {
      const card = await makeCard(ecCa, { serialNumberStyle: 'none' });
      expect(card.certificate.subject).toContain(PIN);
      await expect(verify(await sign(card))).resolves.toEqual({ ok: false, reason: 'no_pin_in_certificate' });
    });

    it('refuses a serialNumber that is not a Kyrgyz PIN', async () => {
      const card = await makeCard(ecCa, { pin: '3850101123456' });
      await expect(verify(await sign(card))).resolves.toEqual({ ok: false, reason: 'no_pin_in_certificate' });
    });
  });

  describe('the signature', () => {
    it('refuses a token signed for another origin, naming nobody', async () => {
      const token = await sign(ecCard, { origin: 'https://evil.example.com' });
      const outcome = await verify(token);
      expect(outcome).toEqual({ ok: false, reason: 'bad_signature' });
      expect(outcome).not.toHaveProperty('holder');
    });

    it('refuses a token signed over another nonce', async () => {
      const token = await sign(rsaCard, { nonce: 'another-nonce' });
      await expect(verify(token)).resolves.toEqual({ ok: false, reason: 'bad_signature' });
    });

    it.each([
      ['EC', () => ecCard],
      ['RSA', () => rsaCard],
    ])('refuses a tampered %s signature', async (_case, card) => {
      const token = await sign(card());
      const signature = Buffer.from(token.signature, 'base64');
      signature[signature.length >> 1] ^= 0x01;

      await expect(verify({ ...token, signature: signature.toString('base64') })).resolves.toEqual({
        ok: false,
        reason: 'bad_signature',
      });
    });

    it('refuses a signature of the wrong length', async () => {
      const token = await sign(ecCard);
      const truncated = Buffer.from(token.signature, 'base64').subarray(1).toString('base64');
      await expect(verify({ ...token, signature: truncated })).resolves.toEqual({
        ok: false,
        reason: 'bad_signature',
      });
    });

    it('refuses a signature made by another card presented with this certificate', async () => {
      const otherCard = await makeCard(ecCa, { pin: '11111111111111' });
      const token = await sign(otherCard);
      const borrowed = {
        ...token,
        unverifiedCertificate: Buffer.from(ecCard.certificate.rawData).toString('base64'),
      };
      await expect(verify(borrowed)).resolves.toEqual({ ok: false, reason: 'bad_signature' });
    });

    it('refuses a DER-encoded ECDSA signature (Web eID sends raw r‖s)', async () => {
      const token = await sign(ecCard);
      const raw = Buffer.from(token.signature, 'base64');
      const der = new x509.AsnEcSignatureFormatter().toAsnSignature(
        ecCard.certificate.publicKey.algorithm,
        raw,
      );
      await expect(
        verify({ ...token, signature: Buffer.from(der as ArrayBuffer).toString('base64') }),
      ).resolves.toEqual({
        ok: false,
        reason: 'bad_signature',
      });
    });
  });

  describe('the algorithm and the key', () => {
    it.each<[string, () => VirtualCard, TokenAlgorithm]>([
      ['an ES256 signature from a P-384 key', () => ecCard, 'ES256'],
      ['an ES512 signature from a P-384 key', () => ecCard, 'ES512'],
    ])('refuses %s', async (_case, card, algorithm) => {
      await expect(verify(await sign(card(), { algorithm }))).resolves.toEqual({
        ok: false,
        reason: 'algorithm_key_mismatch',
      });
    });

    it.each<[string, () => VirtualCard, () => TokenAlgorithm, TokenAlgorithm]>([
      ['an EC card token relabelled RS256', () => ecCard, () => 'ES384', 'RS256'],
      ['an EC card token relabelled PS384', () => ecCard, () => 'ES384', 'PS384'],
      ['an RSA card token relabelled ES384', () => rsaCard, () => 'RS256', 'ES384'],
    ])('refuses %s', async (_case, card, signedWith, claimed) => {
      const token = await sign(card(), { algorithm: signedWith() });
      await expect(verify({ ...token, algorithm: claimed })).resolves.toEqual({
        ok: false,
        reason: 'algorithm_key_mismatch',
      });
    });

    it('refuses an RS256 signature relabelled PS256 as a bad signature', async () => {
      const token = await sign(rsaCard, { algorithm: 'RS256' });
      await expect(verify({ ...token, algorithm: 'PS256' })).resolves.toEqual({
        ok: false,
        reason: 'bad_signature',
      });
    });
  });

  describe('the token shape', () => {
    let genuine: WebEidAuthToken;
    beforeAll(async () => {
      genuine = await sign(ecCard);
    });

    it.each<[string, (token: WebEidAuthToken) => unknown]>([
      ['no token', () => undefined],
      ['null', () => null],
      ['a string', () => 'web-eid:1.0'],
      ['an array', (token) => [token]],
      ['no format', ({ format: _format, ...rest }) => rest],
      ['no algorithm', ({ algorithm: _algorithm, ...rest }) => rest],
      ['no certificate', ({ unverifiedCertificate: _certificate, ...rest }) => rest],
      ['no signature', ({ signature: _signature, ...rest }) => rest],
      ['an empty signature', (token) => ({ ...token, signature: '' })],
      ['a numeric signature', (token) => ({ ...token, signature: 12 })],
      ['a certificate that is not base64', (token) => ({ ...token, unverifiedCertificate: 'not base64!' })],
      ['a signature that is not base64', (token) => ({ ...token, signature: '%%%' })],
      ['a huge certificate', (token) => ({ ...token, unverifiedCertificate: 'A'.repeat(20_000) })],
      ['a huge signature', (token) => ({ ...token, signature: 'A'.repeat(4_000) })],
    ])('refuses %s as malformed', async (_case, mutate) => {
      await expect(verify(mutate(genuine))).resolves.toEqual({ ok: false, reason: 'malformed_token' });
    });

    it.each(['web-eid:2.0', 'web-eid', 'jwt', 'WEB-EID:1.0'])('refuses format %s', async (format) => {
      await expect(verify({ ...genuine, format })).resolves.toEqual({
        ok: false,
        reason: 'unsupported_token_format',
      });
    });

    it('accepts a later minor version of the format', async () => {
      await expect(verify({ ...genuine, format: 'web-eid:1.1' })).resolves.toMatchObject({ ok: true });
    });

    it.each(['none', 'HS256', 'EdDSA', 'es384', 'toString', '__proto__'])(
      'refuses algorithm %s',
      async (algorithm) => {
        await expect(verify({ ...genuine, algorithm })).resolves.toEqual({
          ok: false,
          reason: 'unsupported_algorithm',
        });
      },
    );

    it('refuses base64 that is not a certificate', async () => {
      const token = { ...genuine, unverifiedCertificate: Buffer.from('hello, world').toString('base64') };
      await expect(verify(token)).resolves.toEqual({ ok: false, reason: 'malformed_certificate' });
    });
  });

  describe('revocation', () => {
    it('refuses a certificate listed in its CA’s CRL', async () => {
      const crl = await createCrl(ecCa, ['0badc0de', ecCard.certificate.serialNumber]);
      await expect(verify(await sign(ecCard), { crl })).resolves.toEqual({
        ok: false,
        reason: 'revoked',
        holder: { pin: PIN, certificateSerial: ecCard.certificate.serialNumber },
      });
    });

    it('accepts a certificate its CA’s CRL does not list, and ignores the CRLs of other CAs', async () => {
      const crls = [
        await createCrl(ecCa, ['0badc0de']),
        await createCrl(rsaCa, [ecCard.certificate.serialNumber]),
      ];
      await expect(verify(await sign(ecCard), { crl: crls })).resolves.toMatchObject({ ok: true });
    });

    it('does not trust a CRL in the CA’s name that the CA did not sign', async () => {
      const impostor = await makeCa('ec-p384');
      const crl = await createCrl(impostor, []);
      expect(crl.issuer).toBe(ecCa.certificate.subject);
      await expect(verify(await sign(ecCard), { crl })).resolves.toMatchObject({
        ok: false,
        reason: 'revocation_unavailable',
      });
    });

    it.each<[string, RevocationCheck, string]>([
      ['revoked', async () => 'revoked', 'revoked'],
      ['unavailable', async () => 'unavailable', 'revocation_unavailable'],
      ['a throw', async () => Promise.reject(new Error('socket hang up')), 'revocation_unavailable'],
    ])('follows the revocation hook answering %s', async (_case, checkRevocation, reason) => {
      await expect(verify(await sign(ecCard), { checkRevocation })).resolves.toEqual({
        ok: false,
        reason,
        holder: { pin: PIN, certificateSerial: ecCard.certificate.serialNumber },
      });
    });

    it('asks the revocation hook about the card and its issuer, and lets a good card in', async () => {
      const checkRevocation = jest.fn<ReturnType<RevocationCheck>, Parameters<RevocationCheck>>(
        async () => 'good',
      );

      await expect(verify(await sign(ecCard), { checkRevocation })).resolves.toMatchObject({ ok: true });

      expect(checkRevocation).toHaveBeenCalledTimes(1);
      const [certificate, issuer] = checkRevocation.mock.calls[0];
      expect(certificate.serialNumber).toBe(ecCard.certificate.serialNumber);
      expect(issuer.serialNumber).toBe(ecCa.certificate.serialNumber);
    });

    it('does not ask the revocation service about a token that fails on its own', async () => {
      const checkRevocation = jest.fn<ReturnType<RevocationCheck>, Parameters<RevocationCheck>>(
        async () => 'good',
      );
      await verify(await sign(ecCard, { origin: 'https://evil.example.com' }), { checkRevocation });
      expect(checkRevocation).not.toHaveBeenCalled();
    });

    it('refuses a card whose CA has expired', async () => {
      const shortLived = await makeCa('ec-p384', { commonName: 'Short-lived CA' });
      const card = await makeCard(shortLived);
      const afterCa = new Date('2035-01-01T00:00:00Z');
      const longCard = await makeCard(shortLived, { notAfter: new Date(afterCa.getTime() + 365 * DAY_MS) });
      await expect(verify(await sign(card), { trustedCAs: [shortLived.certificate] })).resolves.toMatchObject(
        { ok: true },
      );
      await expect(
        verify(await sign(longCard), { trustedCAs: [shortLived.certificate], now: afterCa }),
      ).resolves.toEqual({
        ok: false,
        reason: 'certificate_expired',
      });
    });
  });
});
