import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, Extension, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { x509, type RevocationCheck, type RevocationStatus } from '../../domain/id-card';
import { crypto } from '../../domain/id-card/x509';
import {
  BasicOcspResponse,
  CertId,
  ID_PKIX_OCSP_BASIC,
  ID_PKIX_OCSP_NONCE,
  ID_SHA1,
  OcspRequest,
  OcspResponse,
  OcspResponseStatus,
  OcspSingleRequest,
  TbsRequest,
  type ResponderId,
  type SingleResponse,
} from './ocsp-asn1';

export const OCSP_REQUEST_CONTENT_TYPE = 'application/ocsp-request';
export const OCSP_RESPONSE_CONTENT_TYPE = 'application/ocsp-response';

export interface OcspCheckerOptions {
  /** `PORTAL_ID_CARD_OCSP`: asked instead of the responder the certificate names. */
  readonly responderUrl?: string;
  /** How long to wait for the responder before answering 'unavailable'; 3 s by default. */
  readonly timeoutMs?: number;
  /** How far the responder's clock may be off; 5 minutes by default. */
  readonly clockSkewMs?: number;
  /** How old a response without nextUpdate may be; 15 minutes by default. */
  readonly maxResponseAgeMs?: number;
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => Date;
}

const DEFAULTS = { timeoutMs: 3_000, clockSkewMs: 5 * 60_000, maxResponseAgeMs: 15 * 60_000 };
// A response is a few KB; anything far larger is not an OCSP response worth parsing.
const MAX_RESPONSE_BYTES = 64 * 1024;
const NONCE_BYTES = 32;

type Bytes = ArrayBuffer | ArrayBufferView;

const sha1 = async (data: Bytes): Promise<ArrayBuffer> => crypto.subtle.digest('SHA-1', data);

const bytesOf = (value: Bytes): Buffer =>
  ArrayBuffer.isView(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : Buffer.from(value);

const equalBytes = (a: Bytes, b: Bytes): boolean => bytesOf(a).equals(bytesOf(b));

/** The responder to ask: the configured one, or the first http(s) OCSP location in the certificate's AIA. */
export const ocspResponderUrl = (
  certificate: x509.X509Certificate,
  configured?: string,
): string | undefined => {
  if (configured !== undefined && configured !== '') return configured;
  const access = certificate.getExtension(x509.AuthorityInfoAccessExtension);
  return access?.ocsp.map((name) => name.value).find((url) => /^https?:\/\//i.test(url));
};

/** RFC 6960 §4.1.1 CertID with SHA-1, the hash every responder answers (RFC 5019 §2.1.1). */
export const ocspCertId = async (
  certificate: x509.X509Certificate,
  issuer: x509.X509Certificate,
): Promise<CertId> => {
  const asn = AsnConvert.parse(certificate.rawData, Certificate);
  const issuerKey = AsnConvert.parse(issuer.publicKey.rawData, SubjectPublicKeyInfo);
  return new CertId({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: ID_SHA1, parameters: null }),
    issuerNameHash: new OctetString(await sha1(AsnConvert.serialize(asn.tbsCertificate.issuer))),
    issuerKeyHash: new OctetString(await sha1(issuerKey.subjectPublicKey)),
    serialNumber: asn.tbsCertificate.serialNumber,
  });
};

const sameCertId = (a: CertId, b: CertId): boolean =>
  a.hashAlgorithm.algorithm === b.hashAlgorithm.algorithm &&
  equalBytes(a.issuerNameHash.buffer, b.issuerNameHash.buffer) &&
  equalBytes(a.issuerKeyHash.buffer, b.issuerKeyHash.buffer) &&
  equalBytes(a.serialNumber, b.serialNumber);

/** The nonce extension of RFC 8954: extnValue is the DER of `Nonce ::= OCTET STRING`. */
export const nonceExtension = (nonce: Bytes): Extension =>
  new Extension({
    extnID: ID_PKIX_OCSP_NONCE,
    critical: false,
    extnValue: new OctetString(AsnConvert.serialize(new OctetString(nonce))),
  });

export const nonceFrom = (extensions: readonly Extension[] | undefined): Buffer | undefined => {
  const extension = extensions?.find((candidate) => candidate.extnID === ID_PKIX_OCSP_NONCE);
  return extension === undefined
    ? undefined
    : bytesOf(AsnConvert.parse(extension.extnValue.buffer, OctetString).buffer);
};

export const encodeOcspRequest = (certId: CertId, nonce: Bytes): ArrayBuffer =>
  AsnConvert.serialize(
    new OcspRequest({
      tbsRequest: new TbsRequest({
        requestList: [new OcspSingleRequest({ reqCert: certId })],
        requestExtensions: [nonceExtension(nonce)],
      }),
    }),
  );

const responderMatches = async (responderId: ResponderId, signer: x509.X509Certificate): Promise<boolean> => {
  if (responderId.byName !== undefined) {
    return equalBytes(AsnConvert.serialize(responderId.byName), signer.subjectName.toArrayBuffer());
  }
  if (responderId.byKey !== undefined) {
    const key = AsnConvert.parse(signer.publicKey.rawData, SubjectPublicKeyInfo);
    return equalBytes(responderId.byKey.buffer, await sha1(key.subjectPublicKey));
  }
  return false;
};

/** Whether `signer`'s key made `signature` over `data` with the named X.509 signature algorithm. */
const verifiedBy = async (
  signer: x509.X509Certificate,
  algorithmId: AlgorithmIdentifier,
  signature: ArrayBuffer,
  data: ArrayBuffer,
): Promise<boolean> => {
  try {
    const algorithm = new x509.AlgorithmProvider().toWebAlgorithm(algorithmId);
    const keyAlgorithm = { ...signer.publicKey.algorithm, ...algorithm };
    const key = await signer.publicKey.export(keyAlgorithm, ['verify']);
    const webSignature =
      keyAlgorithm.name === 'ECDSA'
        ? new x509.AsnEcSignatureFormatter().toWebSignature(keyAlgorithm, signature)
        : signature;
    return webSignature !== null && (await crypto.subtle.verify(algorithm, key, webSignature, data));
  } catch {
    return false;
  }
};

const withinValidity = (certificate: x509.X509Certificate, now: Date): boolean =>
  certificate.notBefore.getTime() <= now.getTime() && now.getTime() <= certificate.notAfter.getTime();

/**
 * RFC 6960 §4.2.2.2: the response is signed by the issuer itself, or by a responder certificate (sent in the
 * response) that the issuer issued for OCSP signing and that is valid now.
 */
const signedByIssuerOrDelegate = async (
  basic: BasicOcspResponse,
  issuer: x509.X509Certificate,
  now: Date,
): Promise<boolean> => {
  const delegates: x509.X509Certificate[] = [];
  for (const asn of basic.certs ?? []) {
    const candidate = new x509.X509Certificate(AsnConvert.serialize(asn));
    const forOcsp =
      candidate
        .getExtension(x509.ExtendedKeyUsageExtension)
        ?.usages.includes(x509.ExtendedKeyUsage.ocspSigning) ?? false;
    const issuedByIssuer =
      candidate.issuer === issuer.subject &&
      (await candidate.verify({ publicKey: issuer, signatureOnly: true }).catch(() => false));
    if (forOcsp && issuedByIssuer && withinValidity(candidate, now)) delegates.push(candidate);
  }
  const data = basic.tbsResponseDataRaw;
  if (data === undefined) return false;
  for (const signer of [issuer, ...delegates]) {
    if (
      (await responderMatches(basic.tbsResponseData.responderID, signer)) &&
      (await verifiedBy(signer, basic.signatureAlgorithm, basic.signature, data))
    ) {
      return true;
    }
  }
  return false;
};

const isFresh = (single: SingleResponse, now: Date, options: typeof DEFAULTS): boolean => {
  const time = now.getTime();
  if (single.thisUpdate.getTime() > time + options.clockSkewMs) return false;
  if (single.nextUpdate !== undefined) return single.nextUpdate.getTime() >= time - options.clockSkewMs;
  return single.thisUpdate.getTime() >= time - options.maxResponseAgeMs;
};

/**
 * Reads a DER OCSPResponse for the certificate. 'unavailable' for anything that is not a fresh, authentic answer
 * about this very certificate. A responder that does not know the certificate ('unknown') refuses it: a card the
 * CA's own responder has never heard of is not one to let in.
 */
export const interpretOcspResponse = async (
  der: ArrayBuffer,
  expected: { certId: CertId; nonce: Bytes; issuer: x509.X509Certificate; now: Date },
  options: Partial<typeof DEFAULTS> = {},
): Promise<RevocationStatus> => {
  const limits = { ...DEFAULTS, ...options };
  try {
    const response = AsnConvert.parse(der, OcspResponse);
    if (response.responseStatus !== OcspResponseStatus.successful) return 'unavailable';
    if (response.responseBytes?.responseType !== ID_PKIX_OCSP_BASIC) return 'unavailable';
    const basic = AsnConvert.parse(response.responseBytes.response.buffer, BasicOcspResponse);
    const data = basic.tbsResponseData;
    const echoed = nonceFrom(data.responseExtensions);
    // Responders that pre-compute answers leave the nonce out (RFC 5019); freshness covers them. One that sends a
    // nonce must send ours.
    if (echoed !== undefined && !echoed.equals(bytesOf(expected.nonce))) return 'unavailable';
    const single = data.responses.find((candidate) => sameCertId(candidate.certID, expected.certId));
    if (single === undefined || !isFresh(single, expected.now, limits)) return 'unavailable';
    if (!(await signedByIssuerOrDelegate(basic, expected.issuer, expected.now))) return 'unavailable';
    if (single.certStatus.good !== undefined) return 'good';
    return 'revoked';
  } catch {
    return 'unavailable';
  }
};

/**
 * 2.1: an OCSP revocation check for `verifyAuthToken`: asks the responder in `PORTAL_ID_CARD_OCSP`, or else the
 * one the certificate names, with a short timeout. A certificate that names no responder, when none is
 * configured, is not checked by OCSP ('good'; the CRL still applies).
 */
export const createOcspChecker = (options: OcspCheckerOptions = {}): RevocationCheck => {
  const fetchResponse = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());
  const limits = {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    clockSkewMs: options.clockSkewMs ?? DEFAULTS.clockSkewMs,
    maxResponseAgeMs: options.maxResponseAgeMs ?? DEFAULTS.maxResponseAgeMs,
  };
  return async (certificate, issuer) => {
    const url = ocspResponderUrl(certificate, options.responderUrl);
    if (url === undefined) return 'good';
    const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    try {
      const certId = await ocspCertId(certificate, issuer);
      const response = await fetchResponse(url, {
        method: 'POST',
        headers: { 'content-type': OCSP_REQUEST_CONTENT_TYPE, accept: OCSP_RESPONSE_CONTENT_TYPE },
        body: encodeOcspRequest(certId, nonce),
        redirect: 'error',
        signal: AbortSignal.timeout(limits.timeoutMs),
      });
      const declaredLength = Number(response.headers.get('content-length') ?? 0);
      if (!response.ok || declaredLength > MAX_RESPONSE_BYTES) return 'unavailable';
      const body = await response.arrayBuffer();
      if (body.byteLength > MAX_RESPONSE_BYTES) return 'unavailable';
      return await interpretOcspResponse(body, { certId, nonce, issuer, now: now() }, limits);
    } catch {
      return 'unavailable';
    }
  };
};
