import { mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIdCardVerifierFromFiles, IdCardTrustConfigError } from '../../../functions/adapters/id-card';
import {
  certificateToPem,
  createCrl,
  crlToPem,
  type DevCa,
  type VirtualCard,
} from '../../../lib/local/virtual-card';
import { makeCa, makeCard, NONCE, NOW, ORIGIN, PIN, sign } from './support/fixtures';
import { buildOcspResponse, startLocalResponder, type LocalResponder } from './support/ocsp-responder';

describe('Function: createIdCardVerifierFromFiles (PORTAL_ID_CARD_CA, _CRL, _OCSP, PORTAL_ORIGIN)', () => {
  let directory: string;
  let caPath: string;
  let ecCa: DevCa;
  let rsaCa: DevCa;
  let ecCard: VirtualCard;
  let rsaCard: VirtualCard;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'id-card-verifier-'));
    [ecCa, rsaCa] = await Promise.all([makeCa('ec-p384'), makeCa('rsa', { commonName: 'RSA CA' })]);
    [ecCard, rsaCard] = await Promise.all([
      makeCard(ecCa, { keyType: 'ec-p384' }),
      makeCard(rsaCa, { keyType: 'rsa' }),
    ]);
    caPath = join(directory, 'ca.pem');
    await writeFile(caPath, certificateToPem(ecCa.certificate) + certificateToPem(rsaCa.certificate));
  });

  afterAll(() => rm(directory, { recursive: true, force: true }));

  const fromFiles = (config: { crlPath?: string; ocspUrl?: string } = {}) =>
    createIdCardVerifierFromFiles({ origin: ORIGIN, caPath, now: () => NOW, ...config });

  it('lets in an EC and an RSA card of the CAs in the trusted file', async () => {
    const verifier = await fromFiles();
    await expect(verifier.verify({ token: await sign(ecCard), nonce: NONCE })).resolves.toMatchObject({
      ok: true,
      pin: PIN,
    });
    await expect(
      verifier.verify({ token: await sign(rsaCard, { algorithm: 'PS256' }), nonce: NONCE }),
    ).resolves.toMatchObject({
      ok: true,
      pin: PIN,
    });
  });

  it('checks the signature against the configured origin', async () => {
    const verifier = await fromFiles();
    const token = await sign(ecCard, { origin: 'http://localhost:3000' });
    await expect(verifier.verify({ token, nonce: NONCE })).resolves.toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('fails at start-up when the CA file is unusable', async () => {
    await expect(
      createIdCardVerifierFromFiles({ origin: ORIGIN, caPath: join(directory, 'none.pem') }),
    ).rejects.toBeInstanceOf(IdCardTrustConfigError);
  });

  it.each([
    ['PEM', (crl: Awaited<ReturnType<typeof createCrl>>) => crlToPem(crl)],
    ['DER', (crl: Awaited<ReturnType<typeof createCrl>>) => Buffer.from(crl.rawData)],
  ])('refuses a card revoked in a %s CRL file', async (_format, encode) => {
    const crlPath = join(directory, `revoked-${_format}.crl`);
    await writeFile(crlPath, encode(await createCrl(rsaCa, [rsaCard.certificate.serialNumber])));
    const verifier = await fromFiles({ crlPath });

    await expect(verifier.verify({ token: await sign(rsaCard), nonce: NONCE })).resolves.toMatchObject({
      ok: false,
      reason: 'revoked',
    });
    await expect(verifier.verify({ token: await sign(ecCard), nonce: NONCE })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('picks up a replaced CRL file without a restart', async () => {
    const crlPath = join(directory, 'replaced.crl');
    await writeFile(crlPath, crlToPem(await createCrl(ecCa, [])));
    const verifier = await fromFiles({ crlPath });
    const token = await sign(ecCard);
    await expect(verifier.verify({ token, nonce: NONCE })).resolves.toMatchObject({ ok: true });

    await writeFile(`${crlPath}.tmp`, crlToPem(await createCrl(ecCa, [ecCard.certificate.serialNumber])));
    await rename(`${crlPath}.tmp`, crlPath);

    await expect(verifier.verify({ token, nonce: NONCE })).resolves.toMatchObject({
      ok: false,
      reason: 'revoked',
    });
  });

  it('answers revocation_unavailable (503) while the CRL file is missing', async () => {
    const crlPath = join(directory, 'vanishing.crl');
    await writeFile(crlPath, crlToPem(await createCrl(ecCa, [])));
    const verifier = await fromFiles({ crlPath });
    await unlink(crlPath);

    await expect(verifier.verify({ token: await sign(ecCard), nonce: NONCE })).resolves.toEqual({
      ok: false,
      reason: 'revocation_unavailable',
    });
  });

  describe('with PORTAL_ID_CARD_OCSP', () => {
    let responder: LocalResponder | undefined;

    afterEach(async () => {
      await responder?.close();
      responder = undefined;
    });

    it.each([
      ['good', { ok: true }],
      ['revoked', { ok: false, reason: 'revoked' }],
    ] as const)('follows the responder answering %s', async (status, expected) => {
      responder = await startLocalResponder(async (request) => ({
        status: 200,
        body: await buildOcspResponse(request, { status, signer: ecCa, thisUpdate: NOW }),
      }));
      const verifier = await fromFiles({ ocspUrl: responder.url });

      await expect(verifier.verify({ token: await sign(ecCard), nonce: NONCE })).resolves.toMatchObject(
        expected,
      );
      expect(responder.requests).toHaveLength(1);
    });

    it('answers revocation_unavailable when the responder fails', async () => {
      responder = await startLocalResponder(async () => ({ status: 503 }));
      const verifier = await fromFiles({ ocspUrl: responder.url });

      await expect(verifier.verify({ token: await sign(ecCard), nonce: NONCE })).resolves.toMatchObject({
        ok: false,
        reason: 'revocation_unavailable',
      });
    });
  });
});
