import { AsnConvert } from '@peculiar/asn1-schema';
import { x509 } from '../../../functions/domain/id-card';
import {
  createOcspChecker,
  interpretOcspResponse,
  ocspCertId,
  ocspResponderUrl,
} from '../../../functions/adapters/id-card';
import { OcspRequest, OcspResponseStatus } from '../../../functions/adapters/id-card/ocsp-asn1';
import type { DevCa, VirtualCard } from '../../../lib/local/virtual-card';
import { caSigner } from '../../../lib/local/virtual-card/keys';
import { CARD_VALIDITY, makeCa, makeCard, NOW } from './support/fixtures';
import {
  buildOcspResponse,
  ocspErrorResponse,
  startLocalResponder,
  type LocalResponder,
  type OcspAnswer,
} from './support/ocsp-responder';

const MINUTE = 60_000;

/** A delegated OCSP responder certificate issued by `ca` (EKU id-kp-OCSPSigning), with its key. */
const issueResponder = async (ca: DevCa, ocspSigning = true): Promise<VirtualCard> => {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const certificate = await x509.X509CertificateGenerator.create({
    subject: 'CN=Development OCSP responder',
    issuer: ca.certificate.subjectName,
    ...CARD_VALIDITY,
    publicKey: keys.publicKey,
    ...(await caSigner(ca)),
    extensions: [
      new x509.ExtendedKeyUsageExtension([
        ocspSigning ? x509.ExtendedKeyUsage.ocspSigning : x509.ExtendedKeyUsage.serverAuth,
      ]),
    ],
  });
  return { certificate, pkcs8: await crypto.subtle.exportKey('pkcs8', keys.privateKey) };
};

describe('OCSP checker (2.1 revocation) against a local responder', () => {
  let ca: DevCa;
  let otherCa: DevCa;
  let card: VirtualCard;
  let responder: LocalResponder | undefined;

  beforeAll(async () => {
    [ca, otherCa] = await Promise.all([makeCa('ec-p384'), makeCa('rsa', { commonName: 'Other CA' })]);
    card = await makeCard(ca);
  });

  afterEach(async () => {
    await responder?.close();
    responder = undefined;
  });

  const answering = async (answer: Partial<OcspAnswer>): Promise<LocalResponder> => {
    responder = await startLocalResponder(async (request) => ({
      status: 200,
      body: await buildOcspResponse(request, {
        status: 'good',
        signer: ca,
        thisUpdate: new Date(NOW.getTime() - MINUTE),
        ...answer,
      }),
    }));
    return responder;
  };

  const check = (url: string, options: { timeoutMs?: number; subject?: VirtualCard } = {}) =>
    createOcspChecker({ responderUrl: url, now: () => NOW, timeoutMs: options.timeoutMs })(
      (options.subject ?? card).certificate,
      ca.certificate,
    );

  it('answers good when the CA says good, and sends one well-formed request with a nonce', async () => {
    const { url, requests } = await answering({ status: 'good' });

    await expect(check(url)).resolves.toBe('good');

    expect(requests).toHaveLength(1);
    const request = AsnConvert.parse(requests[0], OcspRequest);
    expect(request.tbsRequest.requestList).toHaveLength(1);
    expect(Buffer.from(request.tbsRequest.requestList[0].reqCert.serialNumber).toString('hex')).toContain(
      card.certificate.serialNumber,
    );
    expect(request.tbsRequest.requestExtensions?.[0].extnID).toBe('1.3.6.1.5.5.7.48.1.2');
  });

  it('answers revoked when the CA says revoked', async () => {
    const { url } = await answering({ status: 'revoked' });
    await expect(check(url)).resolves.toBe('revoked');
  });

  it('refuses (revoked) a certificate the responder does not know', async () => {
    const { url } = await answering({ status: 'unknown' });
    await expect(check(url)).resolves.toBe('revoked');
  });

  it('accepts a response signed by a delegated responder the CA issued for OCSP signing', async () => {
    const delegate = await issueResponder(ca);
    const { url } = await answering({
      signer: delegate,
      certs: [delegate.certificate],
      responderIdBy: 'name',
    });
    await expect(check(url)).resolves.toBe('good');
  });

  it('does not trust a delegate without the OCSP-signing usage', async () => {
    const delegate = await issueResponder(ca, false);
    const { url } = await answering({ signer: delegate, certs: [delegate.certificate] });
    await expect(check(url)).resolves.toBe('unavailable');
  });

  it('does not trust a response signed by another CA', async () => {
    const { url } = await answering({ signer: otherCa, status: 'good' });
    await expect(check(url)).resolves.toBe('unavailable');
  });

  it('does not trust a response whose signature was tampered with', async () => {
    responder = await startLocalResponder(async (request) => {
      const body = new Uint8Array(
        await buildOcspResponse(request, { status: 'revoked', signer: ca, thisUpdate: NOW }),
      );
      body[body.length - 10] ^= 0x01;
      return { status: 200, body: body.buffer };
    });
    await expect(check(responder.url)).resolves.toBe('unavailable');
  });

  it('does not trust a response carrying some other nonce', async () => {
    const { url } = await answering({ nonce: new Uint8Array(32).fill(7) });
    await expect(check(url)).resolves.toBe('unavailable');
  });

  it('accepts a fresh pre-computed response without a nonce', async () => {
    const { url } = await answering({ nonce: 'omit', nextUpdate: new Date(NOW.getTime() + 60 * MINUTE) });
    await expect(check(url)).resolves.toBe('good');
  });

  it.each([
    [
      'past its nextUpdate',
      {
        thisUpdate: new Date(NOW.getTime() - 120 * MINUTE),
        nextUpdate: new Date(NOW.getTime() - 60 * MINUTE),
      },
    ],
    ['old and without nextUpdate', { thisUpdate: new Date(NOW.getTime() - 60 * MINUTE) }],
    ['from the future', { thisUpdate: new Date(NOW.getTime() + 60 * MINUTE) }],
  ])('answers unavailable for a response %s', async (_case, times) => {
    const { url } = await answering(times);
    await expect(check(url)).resolves.toBe('unavailable');
  });

  it('answers unavailable for a response about another certificate', async () => {
    const { url } = await answering({ serialNumber: new Uint8Array([1, 2, 3]).buffer });
    await expect(check(url)).resolves.toBe('unavailable');
  });

  it.each([OcspResponseStatus.tryLater, OcspResponseStatus.internalError, OcspResponseStatus.unauthorized])(
    'answers unavailable when the responder says status %i',
    async (status) => {
      responder = await startLocalResponder(async () => ({ status: 200, body: ocspErrorResponse(status) }));
      await expect(check(responder.url)).resolves.toBe('unavailable');
    },
  );

  it('answers unavailable on HTTP 500 and on a body that is not OCSP', async () => {
    responder = await startLocalResponder(async () => ({ status: 500 }));
    await expect(check(responder.url)).resolves.toBe('unavailable');
    await responder.close();
    responder = await startLocalResponder(async () => ({
      status: 200,
      body: new TextEncoder().encode('<html>').buffer as ArrayBuffer,
    }));
    await expect(check(responder.url)).resolves.toBe('unavailable');
  });

  it('answers unavailable within the timeout when the responder never answers', async () => {
    responder = await startLocalResponder(async () => 'hang');
    const started = Date.now();
    await expect(check(responder.url, { timeoutMs: 300 })).resolves.toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers unavailable when nothing listens', async () => {
    const { url } = await answering({});
    await responder?.close();
    responder = undefined;
    await expect(check(url)).resolves.toBe('unavailable');
  });

  it('asks the responder the certificate names when none is configured', async () => {
    const { url, requests } = await answering({ status: 'revoked' });
    const withAia = await makeCard(ca, { ocspUrl: url });

    const status = await createOcspChecker({ now: () => NOW })(withAia.certificate, ca.certificate);

    expect(status).toBe('revoked');
    expect(requests).toHaveLength(1);
  });

  it('prefers the configured responder to the one the certificate names', () => {
    expect(ocspResponderUrl(card.certificate, 'http://127.0.0.1:1/ocsp')).toBe('http://127.0.0.1:1/ocsp');
  });

  it('does not use OCSP for a certificate that names no responder when none is configured', async () => {
    const fetch = jest.fn();
    await expect(
      createOcspChecker({ fetch, now: () => NOW })(card.certificate, ca.certificate),
    ).resolves.toBe('good');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('Method: interpretOcspResponse', () => {
  it('answers unavailable for bytes that are not DER', async () => {
    const ca = await makeCa('ec-p256');
    const card = await makeCard(ca, { keyType: 'ec-p256' });
    const certId = await ocspCertId(card.certificate, ca.certificate);

    await expect(
      interpretOcspResponse(new Uint8Array([0x30, 0x03, 0x0a, 0x01]).buffer, {
        certId,
        nonce: new Uint8Array(32),
        issuer: ca.certificate,
        now: NOW,
      }),
    ).resolves.toBe('unavailable');
  });
});
