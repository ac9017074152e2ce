import { verifyAuthToken, type IdCardVerification, type RevocationCheck, x509 } from '../../domain/id-card';
import { createFileCrlSource, type CrlSource } from './crl-source';
import { CrlUnavailableError } from './errors';
import { createOcspChecker } from './ocsp';
import { loadTrustedCAs } from './trusted-cas';

export interface IdCardVerifierDependencies {
  /** `PORTAL_ORIGIN`: the origin the card must have signed, e.g. `https://portal.example.kg`. */
  readonly origin: string;
  readonly trustedCAs: readonly x509.X509Certificate[];
  readonly crlSource?: CrlSource;
  readonly checkRevocation?: RevocationCheck;
  readonly now?: () => Date;
}

export interface IdCardVerifier {
  /** 2.1: verifies the request's `authToken` against the nonce of the challenge it answers. Never throws for bad input. */
  verify(input: { readonly token: unknown; readonly nonce: string }): Promise<IdCardVerification>;
}

/** The domain verifier bound to the portal's trust configuration; a CRL that cannot be loaded yields a 503 outcome. */
export const createIdCardVerifier = (dependencies: IdCardVerifierDependencies): IdCardVerifier => {
  const now = dependencies.now ?? (() => new Date());
  return {
    async verify({ token, nonce }) {
      let crl: readonly x509.X509Crl[] = [];
      try {
        crl = (await dependencies.crlSource?.current()) ?? [];
      } catch (error) {
        if (error instanceof CrlUnavailableError) return { ok: false, reason: 'revocation_unavailable' };
        throw error;
      }
      return verifyAuthToken({
        token,
        nonce,
        origin: dependencies.origin,
        trustedCAs: dependencies.trustedCAs,
        crl,
        now: now(),
        checkRevocation: dependencies.checkRevocation,
      });
    },
  };
};

export interface IdCardFileConfig {
  readonly origin: string;
  /** `PORTAL_ID_CARD_CA`: PEM file with one or more trusted CA certificates. */
  readonly caPath: string;
  /** `PORTAL_ID_CARD_CRL`: PEM or DER CRL file, reloaded when it changes. */
  readonly crlPath?: string;
  /** `PORTAL_ID_CARD_OCSP`: responder URL used instead of the one the certificate names. */
  readonly ocspUrl?: string;
  readonly ocspTimeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => Date;
}

/**
 * The verifier from the configured files, built once at start-up (module scope of the handler's dependencies).
 * Throws IdCardTrustConfigError when the CA file is unusable, so a bad deployment fails at once, not per login.
 *
 * @example
 * const idCard = await createIdCardVerifierFromFiles({
 *   origin: config.PORTAL_ORIGIN,
 *   caPath: config.PORTAL_ID_CARD_CA,
 *   crlPath: config.PORTAL_ID_CARD_CRL,
 *   ocspUrl: config.PORTAL_ID_CARD_OCSP,
 * });
 */
export const createIdCardVerifierFromFiles = async (config: IdCardFileConfig): Promise<IdCardVerifier> =>
  createIdCardVerifier({
    origin: config.origin,
    trustedCAs: await loadTrustedCAs(config.caPath),
    crlSource: config.crlPath === undefined ? undefined : createFileCrlSource(config.crlPath),
    checkRevocation: createOcspChecker({
      responderUrl: config.ocspUrl,
      timeoutMs: config.ocspTimeoutMs,
      fetch: config.fetch,
      now: config.now,
    }),
    now: config.now,
  });
