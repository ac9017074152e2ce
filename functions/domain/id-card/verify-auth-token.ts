import type { webcrypto } from 'node:crypto';
import { buildTrustedPath, validityAt, type CertificatePath } from './certificate-path';
import { refused, type IdCardRefused, type IdCardVerification } from './outcome';
import { pinFromSerialNumbers, SUBJECT_SERIAL_NUMBER_OID } from './pin';
import {
  isTokenAlgorithm,
  TOKEN_ALGORITHMS,
  tokenSignatureParameters,
  WEB_EID_FORMAT_PATTERN,
  webEidAuthTokenSchema,
  type TokenAlgorithmParameters,
} from './web-eid-token';
import { crypto, x509 } from './x509';

export type RevocationStatus = 'good' | 'revoked' | 'unavailable';

/**
 * Asks a revocation service (OCSP) about a card certificate. It must not throw for a service that cannot answer:
 * it says `'unavailable'`; a throw is treated the same way.
 */
export type RevocationCheck = (
  certificate: x509.X509Certificate,
  issuer: x509.X509Certificate,
) => Promise<RevocationStatus>;

export interface VerifyAuthTokenInput {
  /** The `authToken` of the request body, not yet validated. */
  readonly token: unknown;
  /** The challenge nonce exactly as the server issued it. */
  readonly nonce: string;
  /** The portal's own origin (`PORTAL_ORIGIN`), e.g. `https://portal.example.kg`: never taken from the request. */
  readonly origin: string;
  readonly trustedCAs: readonly x509.X509Certificate[];
  /** CRLs of the trusted CAs; a CRL whose issuer is not in the certificate's path is ignored. */
  readonly crl?: x509.X509Crl | readonly x509.X509Crl[];
  readonly now: Date;
  readonly checkRevocation?: RevocationCheck;
}

/** id-kp-clientAuth, RFC 5280 §4.2.1.12. */
export const CLIENT_AUTH_OID = '1.3.6.1.5.5.7.3.2';

// Extensions this verifier understands; RFC 5280 §4.2 says to refuse a certificate with any other critical one.
const UNDERSTOOD_EXTENSIONS = new Set([
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.15', // keyUsage
  '2.5.29.17', // subjectAltName
  '2.5.29.19', // basicConstraints
  '2.5.29.32', // certificatePolicies
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.37', // extKeyUsage
]);

const hasDigitalSignature = (certificate: x509.X509Certificate): boolean => {
  const keyUsage = certificate.getExtension(x509.KeyUsagesExtension);
  return keyUsage !== null && (keyUsage.usages & x509.KeyUsageFlags.digitalSignature) !== 0;
};

const hasClientAuth = (certificate: x509.X509Certificate): boolean =>
  certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages.includes(CLIENT_AUTH_OID) ?? false;

const parseCertificate = (base64Der: string): x509.X509Certificate | undefined => {
  try {
    const certificate = new x509.X509Certificate(Buffer.from(base64Der, 'base64'));
    const understood = certificate.extensions.every(
      (extension) => !extension.critical || UNDERSTOOD_EXTENSIONS.has(extension.type),
    );
    return understood ? certificate : undefined;
  } catch {
    return undefined;
  }
};

/** The certificate's public key imported for the token algorithm, or undefined when the two do not belong together. */
const importVerificationKey = async (
  certificate: x509.X509Certificate,
  algorithm: TokenAlgorithmParameters,
): Promise<webcrypto.CryptoKey | undefined> => {
  const keyAlgorithm = certificate.publicKey.algorithm as { name: string; namedCurve?: string };
  const spki = certificate.publicKey.rawData;
  try {
    if (algorithm.family === 'ec') {
      if (keyAlgorithm.name !== 'ECDSA' || keyAlgorithm.namedCurve !== algorithm.namedCurve) return undefined;
      return await crypto.subtle.importKey(
        'spki',
        spki,
        { name: 'ECDSA', namedCurve: algorithm.namedCurve },
        false,
        ['verify'],
      );
    }
    if (keyAlgorithm.name !== 'RSASSA-PKCS1-v1_5' && keyAlgorithm.name !== 'RSA-PSS') return undefined;
    const name = algorithm.family === 'rsa-pss' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5';
    return await crypto.subtle.importKey('spki', spki, { name, hash: algorithm.hash }, false, ['verify']);
  } catch {
    return undefined;
  }
};

const utf8 = new TextEncoder();

/**
 * 2.1: what the card signs — `hash(origin) ‖ hash(nonce)`, each hash over the UTF-8 bytes, with the token
 * algorithm's hash. The signature algorithm then hashes this once more, as the card does.
 */
export const authTokenSignedData = async (
  hash: string,
  origin: string,
  nonce: string,
): Promise<Uint8Array> => {
  const [originHash, nonceHash] = await Promise.all([
    crypto.subtle.digest(hash, utf8.encode(origin)),
    crypto.subtle.digest(hash, utf8.encode(nonce)),
  ]);
  const data = new Uint8Array(originHash.byteLength + nonceHash.byteLength);
  data.set(new Uint8Array(originHash), 0);
  data.set(new Uint8Array(nonceHash), originHash.byteLength);
  return data;
};

const asList = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

const mayIssueCrls = (issuer: x509.X509Certificate): boolean => {
  const keyUsage = issuer.getExtension(x509.KeyUsagesExtension);
  return keyUsage === null || (keyUsage.usages & x509.KeyUsageFlags.cRLSign) !== 0;
};

/**
 * Every link of the path against the CRLs its issuer published. A CRL that names the issuer but does not carry its
 * signature cannot be trusted to say anything, so it makes the answer 'unavailable' rather than 'good'.
 */
const crlStatus = async (crls: readonly x509.X509Crl[], path: CertificatePath): Promise<RevocationStatus> => {
  for (let index = 0; index < path.length - 1; index += 1) {
    const certificate = path[index];
    const issuer = path[index + 1];
    for (const crl of crls.filter((candidate) => candidate.issuer === issuer.subject)) {
      const authentic = mayIssueCrls(issuer) && (await crl.verify({ publicKey: issuer }).catch(() => false));
      if (!authentic) return 'unavailable';
      const entry = crl.findRevoked(certificate);
      if (entry !== null && entry.reason !== x509.X509CrlReason.removeFromCRL) return 'revoked';
    }
  }
  return 'good';
};

const askRevocationService = async (
  checkRevocation: RevocationCheck,
  certificate: x509.X509Certificate,
  issuer: x509.X509Certificate,
): Promise<RevocationStatus> => {
  try {
    return await checkRevocation(certificate, issuer);
  } catch {
    return 'unavailable';
  }
};

/**
 * 2.1: verifies a Web eID authentication token against the server's own challenge, and names the applicant by the
 * PIN in the card certificate. Pure apart from WebCrypto and the optional revocation hook: no clock, no files, no
 * network of its own.
 *
 * @example
 * const outcome = await verifyAuthToken({ token: body.authToken, nonce, origin, trustedCAs, now: new Date() });
 * if (outcome.ok) startSession(outcome.pin); else log(outcome.reason);
 */
export const verifyAuthToken = async (input: VerifyAuthTokenInput): Promise<IdCardVerification> => {
  const parsed = webEidAuthTokenSchema.safeParse(input.token);
  if (!parsed.success) return refused('malformed_token');
  const token = parsed.data;
  if (!WEB_EID_FORMAT_PATTERN.test(token.format)) return refused('unsupported_token_format');
  if (!isTokenAlgorithm(token.algorithm)) return refused('unsupported_algorithm');
  const algorithm = TOKEN_ALGORITHMS[token.algorithm];

  const certificate = parseCertificate(token.unverifiedCertificate);
  if (certificate === undefined) return refused('malformed_certificate');
  const validity = validityAt(certificate, input.now);
  if (validity !== 'valid') return refused(validity);
  if (!hasDigitalSignature(certificate)) return refused('missing_digital_signature');
  if (!hasClientAuth(certificate)) return refused('missing_client_auth');
  const key = await importVerificationKey(certificate, algorithm);
  if (key === undefined) return refused('algorithm_key_mismatch');

  const chain = await buildTrustedPath(certificate, input.trustedCAs, input.now);
  if (!chain.ok) return refused(chain.reason);

  const signedData = await authTokenSignedData(algorithm.hash, input.origin, input.nonce);
  const signature = Buffer.from(token.signature, 'base64');
  const signatureValid = await crypto.subtle
    .verify(tokenSignatureParameters(algorithm), key, signature, signedData)
    .catch(() => false);
  if (!signatureValid) return refused('bad_signature');

  const pin = pinFromSerialNumbers(certificate.subjectName.getField(SUBJECT_SERIAL_NUMBER_OID));
  if (pin === undefined) return refused('no_pin_in_certificate');

  // From here the card is genuine: a refusal names its holder for the audit log of that account.
  const holder = { pin, certificateSerial: certificate.serialNumber };
  const refusedHolder = (status: Exclude<RevocationStatus, 'good'>): IdCardRefused => ({
    ok: false,
    reason: status === 'revoked' ? 'revoked' : 'revocation_unavailable',
    holder,
  });
  const fromCrl = await crlStatus(asList(input.crl), chain.path);
  if (fromCrl !== 'good') return refusedHolder(fromCrl);
  if (input.checkRevocation !== undefined) {
    const fromService = await askRevocationService(input.checkRevocation, certificate, chain.path[1]);
    if (fromService !== 'good') return refusedHolder(fromService);
  }

  return { ok: true, pin, certificateSerial: certificate.serialNumber, notAfter: certificate.notAfter };
};
