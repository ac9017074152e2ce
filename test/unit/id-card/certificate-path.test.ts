import { buildTrustedPath, verifyAuthToken, x509 } from '../../../functions/domain/id-card';
import type { DevCa } from '../../../lib/local/virtual-card';
import { caSigner, generateKeyPair } from '../../../lib/local/virtual-card/keys';
import { CARD_VALIDITY, makeCa, makeCard, NONCE, NOW, ORIGIN, PIN, sign } from './support/fixtures';

describe('Function: buildTrustedPath (root and intermediate CAs in PORTAL_ID_CARD_CA)', () => {
  let root: DevCa;
  let issuing: DevCa;

  beforeAll(async () => {
    root = await makeCa('rsa', { commonName: 'Development Root CA' });
    issuing = await makeCa('ec-p384', { issuer: root, commonName: 'Development Issuing CA' });
  });

  it('builds card → issuing CA → root when both CAs are trusted', async () => {
    const card = await makeCard(issuing);

    const result = await buildTrustedPath(card.certificate, [root.certificate, issuing.certificate], NOW);

    expect(result.ok && result.path.map((certificate) => certificate.subject)).toEqual([
      card.certificate.subject,
      issuing.certificate.subject,
      root.certificate.subject,
    ]);
  });

  it('accepts a card when only its issuing CA is trusted (every trusted certificate is an anchor)', async () => {
    const card = await makeCard(issuing);
    const result = await buildTrustedPath(card.certificate, [issuing.certificate], NOW);
    expect(result.ok && result.path).toHaveLength(2);
  });

  it('refuses a card when only the root is trusted: the token carries the card certificate alone', async () => {
    const card = await makeCard(issuing);
    await expect(buildTrustedPath(card.certificate, [root.certificate], NOW)).resolves.toEqual({
      ok: false,
      reason: 'untrusted_chain',
    });
  });

  it('refuses a card when a CA in its path has expired', async () => {
    const expiredIssuing = await makeCa('ec-p384', {
      issuer: root,
      commonName: 'Expired Issuing CA',
    });
    const card = await makeCard(expiredIssuing);
    const afterIssuing = new Date('2034-06-01T00:00:00Z');
    const longCard = await makeCard(expiredIssuing, { notAfter: new Date('2036-01-01T00:00:00Z') });
    await expect(
      buildTrustedPath(card.certificate, [root.certificate, expiredIssuing.certificate], NOW),
    ).resolves.toMatchObject({
      ok: true,
    });
    await expect(
      buildTrustedPath(longCard.certificate, [root.certificate, expiredIssuing.certificate], afterIssuing),
    ).resolves.toEqual({ ok: false, reason: 'certificate_expired' });
  });

  it('refuses a certificate signed by a trusted certificate that is not a CA', async () => {
    const notCa = await makeCard(issuing, { pin: '11111111111111' });
    const keys = await generateKeyPair('ec-p384');
    const forged = await x509.X509CertificateGenerator.create({
      subject: [{ '2.5.4.5': ['PNOKG-' + PIN] }],
      issuer: notCa.certificate.subjectName,
      ...CARD_VALIDITY,
      publicKey: keys.publicKey,
      ...(await caSigner(notCa)),
      extensions: [
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      ],
    });

    await expect(buildTrustedPath(forged, [issuing.certificate, notCa.certificate], NOW)).resolves.toEqual({
      ok: false,
      reason: 'untrusted_chain',
    });
  });

  it('lets verifyAuthToken accept a card of the issuing CA end to end', async () => {
    const card = await makeCard(issuing, { keyType: 'rsa' });
    const outcome = await verifyAuthToken({
      token: await sign(card, { algorithm: 'PS256' }),
      nonce: NONCE,
      origin: ORIGIN,
      trustedCAs: [root.certificate, issuing.certificate],
      now: NOW,
    });
    expect(outcome).toMatchObject({ ok: true, pin: PIN });
  });
});
