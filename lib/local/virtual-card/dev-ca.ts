import type { webcrypto } from 'node:crypto';
import { crypto, x509 } from '../../../functions/domain/id-card/x509';
import { CLIENT_AUTH_OID } from '../../../functions/domain/id-card';
import { caSigner, certificateSigningAlgorithm, generateKeyPair, type KeyHolder, type KeyType } from './keys';

export type DevCa = KeyHolder;
export type VirtualCard = KeyHolder;

const DAY_MS = 24 * 60 * 60 * 1000;
const DEV_CA_NAME = 'SRS Portal Development ID-card CA';

const randomSerial = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] & 0x7f) | 0x40; // positive, and no leading zero byte that DER would drop
  return Buffer.from(bytes).toString('hex');
};

const exportPkcs8 = (keys: webcrypto.CryptoKeyPair): Promise<ArrayBuffer> =>
  crypto.subtle.exportKey('pkcs8', keys.privateKey);

export interface DevCaOptions {
  readonly keyType?: KeyType;
  /** Makes an intermediate CA signed by this one; a self-signed root otherwise. */
  readonly issuer?: DevCa;
  readonly commonName?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

/**
 * A development CA for virtual cards: never trusted by a production configuration. A root by default (self-signed,
 * basicConstraints CA, keyCertSign and cRLSign), or an intermediate under `issuer`.
 */
export const createDevCa = async (options: DevCaOptions = {}): Promise<DevCa> => {
  const keyType = options.keyType ?? 'ec-p384';
  const keys = await generateKeyPair(keyType);
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 10 * 365 * DAY_MS);
  const name: x509.JsonName = [
    { CN: [options.commonName ?? DEV_CA_NAME] },
    { O: ['SRS Portal development'] },
    { C: ['KG'] },
  ];
  const extensions = [
    new x509.BasicConstraintsExtension(true, options.issuer === undefined ? undefined : 0, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  const certificate =
    options.issuer === undefined
      ? await x509.X509CertificateGenerator.createSelfSigned({
          serialNumber: randomSerial(),
          name,
          notBefore,
          notAfter,
          keys,
          signingAlgorithm: certificateSigningAlgorithm(keyType),
          extensions,
        })
      : await x509.X509CertificateGenerator.create({
          serialNumber: randomSerial(),
          subject: name,
          issuer: options.issuer.certificate.subjectName,
          notBefore,
          notAfter,
          publicKey: keys.publicKey,
          ...(await caSigner(options.issuer)),
          extensions: [
            ...extensions,
            await x509.AuthorityKeyIdentifierExtension.create(options.issuer.certificate),
          ],
        });
  return { certificate, pkcs8: await exportPkcs8(keys) };
};

export interface CardOptions {
  /** The applicant's 14-digit personal identification number. */
  readonly pin: string;
  readonly keyType?: KeyType;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** Without it the certificate's extended key usage names e-mail protection only. */
  readonly clientAuth?: boolean;
  /** How the subject serialNumber carries the PIN; `none` leaves the attribute out. */
  readonly serialNumberStyle?: 'PNOKG' | 'plain' | 'none';
  readonly surname?: string;
  readonly givenName?: string;
  /** An OCSP responder URL for the certificate's authority information access. */
  readonly ocspUrl?: string;
}

const subjectSerialNumber = (pin: string, style: NonNullable<CardOptions['serialNumberStyle']>): string[] => {
  switch (style) {
    case 'PNOKG':
      return [`PNOKG-${pin}`];
    case 'plain':
      return [pin];
    case 'none':
      return [];
  }
};

/**
 * 2.1: a card authentication certificate as the 2017 ID card carries it: subject `CN=SURNAME,GIVENNAME,PIN`,
 * serialNumber `PNOKG-<PIN>` (ETSI EN 319 412-1), keyUsage digitalSignature, extended key usage clientAuth.
 * Valid from yesterday for three years unless told otherwise.
 */
export const issueCardCertificate = async (ca: DevCa, options: CardOptions): Promise<VirtualCard> => {
  const keys = await generateKeyPair(options.keyType ?? 'ec-p384');
  const surname = options.surname ?? 'TESTOV';
  const givenName = options.givenName ?? 'TEST';
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 3 * 365 * DAY_MS);
  const serialNumber = subjectSerialNumber(options.pin, options.serialNumberStyle ?? 'PNOKG');
  const subject: x509.JsonName = [
    { CN: [`${surname},${givenName},${options.pin}`] },
    { '2.5.4.4': [surname] },
    { '2.5.4.42': [givenName] },
    ...(serialNumber.length > 0 ? [{ '2.5.4.5': serialNumber }] : []),
    { C: ['KG'] },
  ];
  const extendedKeyUsage =
    options.clientAuth === false ? [x509.ExtendedKeyUsage.emailProtection] : [CLIENT_AUTH_OID];
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject,
    issuer: ca.certificate.subjectName,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    ...(await caSigner(ca)),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(extendedKeyUsage),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
      ...(options.ocspUrl === undefined
        ? []
        : [new x509.AuthorityInfoAccessExtension({ ocsp: [options.ocspUrl] })]),
    ],
  });
  return { certificate, pkcs8: await exportPkcs8(keys) };
};

export interface RevokedEntry {
  /** Certificate serial number, hex as `X509Certificate.serialNumber` gives it. */
  readonly serialNumber: string;
  readonly revocationDate?: Date;
}

export interface CrlOptions {
  readonly thisUpdate?: Date;
  readonly nextUpdate?: Date;
}

/** A CRL of the CA listing the given certificate serial numbers, valid for a week unless told otherwise. */
export const createCrl = async (
  ca: DevCa,
  revoked: readonly (string | RevokedEntry)[],
  options: CrlOptions = {},
): Promise<x509.X509Crl> => {
  const thisUpdate = options.thisUpdate ?? new Date();
  return x509.X509CrlGenerator.create({
    issuer: ca.certificate.subjectName,
    thisUpdate,
    nextUpdate: options.nextUpdate ?? new Date(thisUpdate.getTime() + 7 * DAY_MS),
    ...(await caSigner(ca)),
    entries: revoked.map((entry) =>
      typeof entry === 'string'
        ? { serialNumber: entry, revocationDate: thisUpdate, reason: x509.X509CrlReason.unspecified }
        : {
            serialNumber: entry.serialNumber,
            revocationDate: entry.revocationDate ?? thisUpdate,
            reason: x509.X509CrlReason.unspecified,
          },
    ),
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(ca.certificate)],
  });
};
