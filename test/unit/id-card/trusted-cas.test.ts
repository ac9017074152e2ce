import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdCardTrustConfigError, loadTrustedCAs, parseTrustedCAs } from '../../../functions/adapters/id-card';
import { certificateToPem, crlToPem, createCrl, type DevCa } from '../../../lib/local/virtual-card';
import { makeCa, makeCard } from './support/fixtures';

describe('Method: loadTrustedCAs (PORTAL_ID_CARD_CA)', () => {
  let directory: string;
  let root: DevCa;
  let intermediate: DevCa;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'trusted-cas-'));
    root = await makeCa('rsa', { commonName: 'Root' });
    intermediate = await makeCa('ec-p384', { issuer: root, commonName: 'Issuing CA' });
  });

  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('reads every CA certificate of a PEM bundle, in order, and skips other blocks', async () => {
    const path = join(directory, 'bundle.pem');
    const crl = await createCrl(root, []);
    await writeFile(
      path,
      certificateToPem(intermediate.certificate) + crlToPem(crl) + certificateToPem(root.certificate),
    );

    const cas = await loadTrustedCAs(path);

    expect(cas.map((ca) => ca.subject)).toEqual([intermediate.certificate.subject, root.certificate.subject]);
  });

  it('reads a single certificate', async () => {
    const path = join(directory, 'single.pem');
    await writeFile(path, certificateToPem(root.certificate));
    await expect(loadTrustedCAs(path)).resolves.toHaveLength(1);
  });

  it('refuses a card certificate in the trust list', async () => {
    const card = await makeCard(intermediate);
    expect(() => parseTrustedCAs(certificateToPem(card.certificate))).toThrow(/is not a CA/);
  });

  it.each([
    ['an empty file', ''],
    ['a file without certificates', 'hello'],
    ['a broken certificate', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'],
  ])('refuses %s with a configuration error', (_case, pem) => {
    expect(() => parseTrustedCAs(pem)).toThrow(IdCardTrustConfigError);
  });

  it('refuses a missing file with a configuration error that keeps the cause', async () => {
    const error = await loadTrustedCAs(join(directory, 'missing.pem')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IdCardTrustConfigError);
    expect((error as Error).cause).toHaveProperty('code', 'ENOENT');
  });
});
