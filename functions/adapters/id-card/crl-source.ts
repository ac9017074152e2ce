import { readFile, stat } from 'node:fs/promises';
import { x509 } from '../../domain/id-card';
import { CrlUnavailableError } from './errors';

// RFC 7468 says `X509 CRL`; `@peculiar/x509` and some tools write `CRL`.
const CRL_TAGS = new Set(['X509 CRL', 'CRL']);
const PEM_START = '-----BEGIN';

/** CRLs from a file's bytes: PEM with one or more CRL blocks, or a single DER CRL. */
export const parseCrls = (content: Buffer): readonly x509.X509Crl[] => {
  const text = content.toString('latin1');
  if (!text.trimStart().startsWith(PEM_START)) return [new x509.X509Crl(content)];
  const crls = x509.PemConverter.decodeWithHeaders(text)
    .filter((block) => CRL_TAGS.has(block.type))
    .map((block) => new x509.X509Crl(block.rawData));
  if (crls.length === 0) throw new Error('no PEM X509 CRL block');
  return crls;
};

/** The CRLs currently in force. Throws CrlUnavailableError while the file cannot be read or parsed. */
export interface CrlSource {
  current(): Promise<readonly x509.X509Crl[]>;
}

export interface FileCrlSourceDependencies {
  readonly stat: (path: string) => Promise<{ ino: number; size: number; mtimeMs: number; ctimeMs: number }>;
  readonly readFile: (path: string) => Promise<Buffer>;
}

const nodeFs: FileCrlSourceDependencies = { stat, readFile: (path) => readFile(path) };

/**
 * 2.1: the CRL file at `PORTAL_ID_CARD_CRL` (PEM or DER), parsed once and parsed again whenever the file changes
 * (inode, size, mtime or ctime: a replacement by rename and an in-place rewrite both show). A file that cannot be
 * read or parsed is not replaced by the last good copy: revocation must not silently go stale, so logins wait
 * (503) until the file is fixed.
 */
export const createFileCrlSource = (path: string, fs: FileCrlSourceDependencies = nodeFs): CrlSource => {
  let loaded: { version: string; crls: readonly x509.X509Crl[] } | undefined;
  return {
    async current() {
      try {
        const info = await fs.stat(path);
        const version = `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
        if (loaded?.version !== version) loaded = { version, crls: parseCrls(await fs.readFile(path)) };
        return loaded.crls;
      } catch (error) {
        loaded = undefined;
        throw new CrlUnavailableError(`cannot load the CRL file ${path}`, { cause: error });
      }
    },
  };
};
