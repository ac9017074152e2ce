import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { x509 } from '../../../functions/domain/id-card/x509';
import { configuredDataDir } from '../store';
import { createCrl, createDevCa, type DevCa, type VirtualCard } from './dev-ca';
import type { KeyType } from './keys';
import { certificateToPem, crlToPem, keyHolderFromPem, keyHolderToPem, privateKeyToPem } from './pem';

/** Where the development CA lives: `$PORTAL_DATA_DIR/id-card` (`PORTAL_DATA_DIR` defaults to `.data`). */
export const devCaDirectory = (env: NodeJS.ProcessEnv = process.env): string =>
  resolve(configuredDataDir(env), 'id-card');

export interface DevCaPaths {
  /** The CA certificate: what `PORTAL_ID_CARD_CA` points at to trust the development CA. */
  readonly certificate: string;
  readonly privateKey: string;
  /** The CA's CRL: what `PORTAL_ID_CARD_CRL` points at; `revoke` rewrites it. */
  readonly crl: string;
}

export const devCaPaths = (directory: string): DevCaPaths => ({
  certificate: join(directory, 'ca.pem'),
  privateKey: join(directory, 'ca-key.pem'),
  crl: join(directory, 'crl.pem'),
});

export class DevCaMissingError extends Error {
  constructor(directory: string, options?: ErrorOptions) {
    super(`No development CA in ${directory}: create one with \`npm run id-card -- init-ca\``, options);
    this.name = 'DevCaMissingError';
  }
}

/** Writes through a temporary file and a rename, so that a reader (the CRL source) never sees half a file. */
const writeAtomically = async (path: string, content: string, mode = 0o644): Promise<void> => {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode });
  await chmod(temporary, mode);
  await rename(temporary, path);
};

/** Stores the CA (certificate, private key readable by the owner only) with an empty CRL. */
export const writeDevCa = async (directory: string, ca: DevCa): Promise<DevCaPaths> => {
  const paths = devCaPaths(directory);
  await writeAtomically(paths.privateKey, privateKeyToPem(ca.pkcs8), 0o600);
  await writeAtomically(paths.certificate, certificateToPem(ca.certificate));
  await writeAtomically(paths.crl, crlToPem(await createCrl(ca, [])));
  return paths;
};

export const readDevCa = async (directory: string): Promise<DevCa> => {
  const paths = devCaPaths(directory);
  try {
    const [certificate, privateKey] = await Promise.all([
      readFile(paths.certificate, 'utf8'),
      readFile(paths.privateKey, 'utf8'),
    ]);
    return keyHolderFromPem(certificate + privateKey);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new DevCaMissingError(directory, { cause: error });
    throw error;
  }
};

/** The development CA in `directory`, created on first use (what `npm start` does when no CA is configured). */
export const ensureDevCa = async (
  directory: string,
  keyType: KeyType = 'ec-p384',
): Promise<{ ca: DevCa; paths: DevCaPaths; created: boolean }> => {
  try {
    return { ca: await readDevCa(directory), paths: devCaPaths(directory), created: false };
  } catch (error) {
    if (!(error instanceof DevCaMissingError)) throw error;
    const ca = await createDevCa({ keyType });
    return { ca, paths: await writeDevCa(directory, ca), created: true };
  }
};

/** A card file: its certificate and PKCS #8 private key in one PEM file, readable by the owner only. */
export const writeCard = (path: string, card: VirtualCard): Promise<void> =>
  writeAtomically(path, keyHolderToPem(card), 0o600);

export const readCard = async (path: string): Promise<VirtualCard> =>
  keyHolderFromPem(await readFile(path, 'utf8'));

/** Adds the certificate to the development CA's CRL (kept entries keep their revocation dates) and rewrites it. */
export const revokeInDevCrl = async (
  directory: string,
  certificate: x509.X509Certificate,
): Promise<string> => {
  const ca = await readDevCa(directory);
  if (
    certificate.issuer !== ca.certificate.subject ||
    !(await certificate.verify({ publicKey: ca.certificate, signatureOnly: true }))
  ) {
    throw new Error(`This card was not issued by the development CA in ${directory}`);
  }
  const paths = devCaPaths(directory);
  const existing = await readFile(paths.crl, 'utf8').then(
    (pem) =>
      new x509.X509Crl(pem).entries.map((entry) => ({
        serialNumber: entry.serialNumber,
        revocationDate: entry.revocationDate,
      })),
    () => [],
  );
  const entries = existing.some((entry) => entry.serialNumber === certificate.serialNumber)
    ? existing
    : [...existing, { serialNumber: certificate.serialNumber }];
  await writeAtomically(paths.crl, crlToPem(await createCrl(ca, entries)));
  return paths.crl;
};
