import { x509 } from '../../../functions/domain/id-card/x509';
import type { KeyHolder } from './keys';

const PRIVATE_KEY_TAG = 'PRIVATE KEY';
const CERTIFICATE_TAG = 'CERTIFICATE';

export const certificateToPem = (certificate: x509.X509Certificate): string =>
  `${certificate.toString('pem')}\n`;

/** A PKCS #8 private key as `-----BEGIN PRIVATE KEY-----` PEM. */
export const privateKeyToPem = (pkcs8: ArrayBuffer): string =>
  `${x509.PemConverter.encode(pkcs8, PRIVATE_KEY_TAG)}\n`;

/** RFC 7468 labels a CRL `X509 CRL` (what OpenSSL reads); `@peculiar/x509` would write `CRL`. */
export const crlToPem = (crl: x509.X509Crl): string =>
  `${x509.PemConverter.encode(crl.rawData, 'X509 CRL')}\n`;

/** A CA or card as one PEM file: its certificate, then its private key (the layout `openssl` reads too). */
export const keyHolderToPem = (holder: KeyHolder): string =>
  certificateToPem(holder.certificate) + privateKeyToPem(holder.pkcs8);

/** Reads what `keyHolderToPem` wrote, or a certificate and a private key PEM concatenated in any order. */
export const keyHolderFromPem = (pem: string): KeyHolder => {
  const blocks = x509.PemConverter.decodeWithHeaders(pem);
  const certificate = blocks.find((block) => block.type === CERTIFICATE_TAG);
  const privateKey = blocks.find((block) => block.type === PRIVATE_KEY_TAG);
  if (certificate === undefined || privateKey === undefined) {
    throw new Error(`Expected a ${CERTIFICATE_TAG} and a ${PRIVATE_KEY_TAG} PEM block`);
  }
  return { certificate: new x509.X509Certificate(certificate.rawData), pkcs8: privateKey.rawData };
};
