import { x509 } from './x509';

export type PathProblem = 'untrusted_chain' | 'certificate_expired' | 'certificate_not_yet_valid';

/** The certificate first, then each issuer up to a trusted CA (at least one). */
export type CertificatePath = readonly [
  x509.X509Certificate,
  x509.X509Certificate,
  ...x509.X509Certificate[],
];

export type PathResult =
  | { readonly ok: true; readonly path: CertificatePath }
  | { readonly ok: false; readonly reason: PathProblem };

// Roots, policy CAs and issuing CAs: real hierarchies are two or three deep; the bound only stops a looping trust list.
const MAX_PATH_LENGTH = 8;

/** Where `now` falls in the certificate's validity period (both ends inclusive, RFC 5280 §4.1.2.5). */
export const validityAt = (
  certificate: x509.X509Certificate,
  now: Date,
): 'valid' | 'certificate_expired' | 'certificate_not_yet_valid' => {
  if (now.getTime() < certificate.notBefore.getTime()) return 'certificate_not_yet_valid';
  if (now.getTime() > certificate.notAfter.getTime()) return 'certificate_expired';
  return 'valid';
};

const mayIssueCertificates = (candidate: x509.X509Certificate): boolean => {
  const constraints = candidate.getExtension(x509.BasicConstraintsExtension);
  if (constraints?.ca !== true) return false;
  const keyUsage = candidate.getExtension(x509.KeyUsagesExtension);
  return keyUsage === null || (keyUsage.usages & x509.KeyUsageFlags.keyCertSign) !== 0;
};

/** RFC 5280 §4.2.1.9: pathLenConstraint counts the CA certificates that may follow this one in the path. */
const allowsCasBelow = (issuer: x509.X509Certificate, casBelow: number): boolean => {
  const pathLength = issuer.getExtension(x509.BasicConstraintsExtension)?.pathLength;
  return pathLength === undefined || casBelow <= pathLength;
};

const signedBy = async (subject: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> => {
  try {
    return await subject.verify({ publicKey: issuer, signatureOnly: true });
  } catch {
    return false;
  }
};

const findIssuer = async (
  subject: x509.X509Certificate,
  trustedCAs: readonly x509.X509Certificate[],
  now: Date,
  casBelow: number,
): Promise<x509.X509Certificate | undefined> => {
  const named = trustedCAs.filter(
    (candidate) =>
      candidate.subject === subject.issuer &&
      mayIssueCertificates(candidate) &&
      allowsCasBelow(candidate, casBelow),
  );
  // After a CA key rollover two certificates may share a name: prefer one valid now, so that an expired twin
  // does not hide a good one.
  const ordered = [...named].sort(
    (a, b) => Number(validityAt(b, now) === 'valid') - Number(validityAt(a, now) === 'valid'),
  );
  for (const candidate of ordered) {
    if (await signedBy(subject, candidate)) return candidate;
  }
  return undefined;
};

const isSelfIssued = (certificate: x509.X509Certificate): boolean =>
  certificate.subject === certificate.issuer;

/**
 * 2.1: the path from a card certificate to the trusted CAs. Every certificate in `trustedCAs` is a trust anchor (as
 * with Web eID: the file lists the CAs whose cards we accept, root and intermediates alike), so the path ends at the
 * first trusted CA that has no further trusted issuer. Each issuer must be a CA allowed to sign certificates, and
 * every certificate in the path must be valid at `now`.
 */
export const buildTrustedPath = async (
  leaf: x509.X509Certificate,
  trustedCAs: readonly x509.X509Certificate[],
  now: Date,
): Promise<PathResult> => {
  const first = await findIssuer(leaf, trustedCAs, now, 0);
  if (first === undefined) return { ok: false, reason: 'untrusted_chain' };
  const path: [x509.X509Certificate, x509.X509Certificate, ...x509.X509Certificate[]] = [leaf, first];
  let current = first;
  while (!isSelfIssued(current) && path.length < MAX_PATH_LENGTH) {
    const next = await findIssuer(current, trustedCAs, now, path.length - 1);
    if (next === undefined || path.includes(next)) break;
    path.push(next);
    current = next;
  }
  for (const certificate of path) {
    const validity = validityAt(certificate, now);
    if (validity !== 'valid') return { ok: false, reason: validity };
  }
  return { ok: true, path };
};
