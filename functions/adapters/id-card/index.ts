export { createFileCrlSource, parseCrls, type CrlSource, type FileCrlSourceDependencies } from './crl-source';
export { CrlUnavailableError, IdCardTrustConfigError } from './errors';
export {
  createIdCardVerifier,
  createIdCardVerifierFromFiles,
  type IdCardFileConfig,
  type IdCardVerifier,
  type IdCardVerifierDependencies,
} from './id-card-verifier';
export {
  createOcspChecker,
  encodeOcspRequest,
  interpretOcspResponse,
  nonceExtension,
  nonceFrom,
  OCSP_REQUEST_CONTENT_TYPE,
  OCSP_RESPONSE_CONTENT_TYPE,
  ocspCertId,
  ocspResponderUrl,
  type OcspCheckerOptions,
} from './ocsp';
export { loadTrustedCAs, parseTrustedCAs } from './trusted-cas';
