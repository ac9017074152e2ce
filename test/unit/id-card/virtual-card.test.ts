import { createHash, createPublicKey, verify as nodeVerify, constants } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_AUTH_OID, x509 } from '../../../functions/domain/id-card';
import {
  createCrl,
  crlToPem,
  DevCaMissingError,
  devCaDirectory,
  ensureDevCa,
  keyHolderFromPem,
  keyHolderToPem,
  readCard,
  readDevCa,
  revokeInDevCrl,
  signChallenge,
  writeCard,
  type DevCa,
} from '../../../lib/local/virtual-card';
import { makeCa, makeCard, NONCE, ORIGIN, PIN } from './support/fixtures';

describe('Virtual card and development CA', () => {
  let ca: DevCa;

  beforeAll(async () => {
    ca = await makeCa('ec-p384');
  });

  describe('Function: createDevCa', () => {
    it('makes a self-signed CA that may sign certificates and CRLs', async () => {
      const constraints = ca.certificate.getExtension(x509.BasicConstraintsExtension);
      const keyUsage = ca.certificate.getExtension(x509.KeyUsagesExtension);

      expect(await ca.certificate.isSelfSigned()).toBe(true);
      expect(constraints).toMatchObject({ ca: true, critical: true });
      expect(keyUsage?.usages).toBe(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    });
  });

  describe('Function: issueCardCertificate', () => {
    it('issues a certificate shaped like the 2017 ID card’s authentication certificate', async () => {
      const card = await makeCard(ca, { surname: 'ASANOVA', givenName: 'AIDA' });
      const certificate = card.certificate;

      expect(certificate.subjectName.getField('CN')).toEqual([`ASANOVA,AIDA,${PIN}`]);
      expect(certificate.subjectName.getField('2.5.4.5')).toEqual([`PNOKG-${PIN}`]);
      expect(certificate.subjectName.getField('C')).toEqual(['KG']);
      expect(certificate.getExtension(x509.KeyUsagesExtension)?.usages).toBe(
        x509.KeyUsageFlags.digitalSignature,
      );
      expect(certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([CLIENT_AUTH_OID]);
      expect(certificate.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false);
      expect(await certificate.verify({ publicKey: ca.certificate, signatureOnly: true })).toBe(true);
    });

    it('gives every card its own serial number', async () => {
      const [a, b] = await Promise.all([makeCard(ca), makeCard(ca)]);
      expect(a.certificate.serialNumber).not.toBe(b.certificate.serialNumber);
    });
  });

  describe('Function: signChallenge', () => {
    const hashConcat = (hash: string) =>
      Buffer.concat([
        createHash(hash).update(ORIGIN, 'utf8').digest(),
        createHash(hash).update(NONCE, 'utf8').digest(),
      ]);

    it('produces a Web eID token whose ECDSA signature (raw r‖s) OpenSSL verifies over hash(origin) ‖ hash(nonce)', async () => {
      const card = await makeCard(ca, { keyType: 'ec-p384' });

      const token = await signChallenge(card, { origin: ORIGIN, nonce: NONCE });

      expect(token).toMatchObject({ format: 'web-eid:1.0', algorithm: 'ES384' });
      expect(Buffer.from(token.unverifiedCertificate, 'base64')).toEqual(
        Buffer.from(card.certificate.rawData),
      );
      const signature = Buffer.from(token.signature, 'base64');
      expect(signature).toHaveLength(96);
      const key = createPublicKey({
        key: Buffer.from(card.certificate.publicKey.rawData),
        format: 'der',
        type: 'spki',
      });
      expect(nodeVerify('sha384', hashConcat('sha384'), { key, dsaEncoding: 'ieee-p1363' }, signature)).toBe(
        true,
      );
    });

    it.each([
      ['RS256', 'sha256', constants.RSA_PKCS1_PADDING, undefined],
      ['PS256', 'sha256', constants.RSA_PKCS1_PSS_PADDING, 32],
      ['PS512', 'sha512', constants.RSA_PKCS1_PSS_PADDING, 64],
    ] as const)(
      'produces an RSA %s signature OpenSSL verifies',
      async (algorithm, hash, padding, saltLength) => {
        const card = await makeCard(ca, { keyType: 'rsa' });

        const token = await signChallenge(card, { origin: ORIGIN, nonce: NONCE, algorithm });

        const key = createPublicKey({
          key: Buffer.from(card.certificate.publicKey.rawData),
          format: 'der',
          type: 'spki',
        });
        const signature = Buffer.from(token.signature, 'base64');
        expect(nodeVerify(hash, hashConcat(hash), { key, padding, saltLength }, signature)).toBe(true);
      },
    );

    it('refuses to make an RSA signature with an EC card', async () => {
      const card = await makeCard(ca, { keyType: 'ec-p384' });
      await expect(signChallenge(card, { origin: ORIGIN, nonce: NONCE, algorithm: 'RS256' })).rejects.toThrow(
        /EC key/,
      );
    });
  });

  describe('Function: createCrl', () => {
    it('lists the serial numbers and carries the CA’s signature', async () => {
      const card = await makeCard(ca);

      const crl = await createCrl(ca, [card.certificate.serialNumber]);

      expect(await crl.verify({ publicKey: ca.certificate })).toBe(true);
      expect(crl.findRevoked(card.certificate)).not.toBeNull();
      expect(crlToPem(crl)).toMatch(/^-----BEGIN X509 CRL-----/);
    });
  });

  describe('PEM files', () => {
    let directory: string;

    beforeAll(async () => {
      directory = await mkdtemp(join(tmpdir(), 'virtual-card-'));
    });

    afterAll(() => rm(directory, { recursive: true, force: true }));

    it('round-trips a card through one PEM file (certificate + PKCS #8 key), readable by its owner only', async () => {
      const card = await makeCard(ca, { keyType: 'rsa' });
      const path = join(directory, 'card.pem');

      await writeCard(path, card);
      const read = await readCard(path);

      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(await readFile(path, 'utf8')).toMatch(
        /-----BEGIN CERTIFICATE-----[\s\S]+-----BEGIN PRIVATE KEY-----/,
      );
      expect(read.certificate.serialNumber).toBe(card.certificate.serialNumber);
      expect(Buffer.from(read.pkcs8)).toEqual(Buffer.from(card.pkcs8));
    });

    it('refuses a PEM without a private key', () => {
      const pem = keyHolderToPem(ca).replace(/-----BEGIN PRIVATE KEY-----[\s\S]+$/, '');
      expect(() => keyHolderFromPem(pem)).toThrow(/PRIVATE KEY/);
    });

    it('creates the development CA once, then reuses it', async () => {
      const caDirectory = join(directory, 'id-card');
      await expect(readDevCa(caDirectory)).rejects.toBeInstanceOf(DevCaMissingError);

      const first = await ensureDevCa(caDirectory);
      const second = await ensureDevCa(caDirectory);

      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(second.ca.certificate.serialNumber).toBe(first.ca.certificate.serialNumber);
      expect((await stat(first.paths.privateKey)).mode & 0o777).toBe(0o600);
    });

    it('revokes a card in the development CRL, keeping earlier entries and their dates', async () => {
      const caDirectory = join(directory, 'revocations');
      const { ca: devCa, paths } = await ensureDevCa(caDirectory);
      const [first, second] = await Promise.all([makeCard(devCa), makeCard(devCa)]);

      await revokeInDevCrl(caDirectory, first.certificate);
      const firstDate = new x509.X509Crl(await readFile(paths.crl, 'utf8')).findRevoked(
        first.certificate,
      )?.revocationDate;
      await revokeInDevCrl(caDirectory, second.certificate);
      await revokeInDevCrl(caDirectory, second.certificate);

      const crl = new x509.X509Crl(await readFile(paths.crl, 'utf8'));
      expect(crl.entries).toHaveLength(2);
      expect(crl.findRevoked(first.certificate)?.revocationDate).toEqual(firstDate);
      expect(await crl.verify({ publicKey: devCa.certificate })).toBe(true);
    });

    it('refuses to revoke a card of another CA', async () => {
      const caDirectory = join(directory, 'revocations');
      const stranger = await makeCard(await makeCa('ec-p384', { commonName: 'Stranger CA' }));
      await expect(revokeInDevCrl(caDirectory, stranger.certificate)).rejects.toThrow(
        /not issued by the development CA/,
      );
    });

    it('keeps the development CA under $PORTAL_DATA_DIR/id-card, .data by default', () => {
      expect(devCaDirectory({ PORTAL_DATA_DIR: '/srv/portal' })).toBe('/srv/portal/id-card');
      expect(devCaDirectory({})).toBe(join(process.cwd(), '.data', 'id-card'));
    });
  });
});
