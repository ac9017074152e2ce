export { buildTrustedPath, validityAt, type CertificatePath, type PathResult } from './certificate-path';
export {
  ID_CARD_FAILURE_REASONS,
  type IdCardFailureReason,
  type IdCardRefused,
  type IdCardVerification,
  type IdCardVerified,
} from './outcome';
export { pinFromSerialNumbers, SUBJECT_SERIAL_NUMBER_OID } from './pin';
export {
  authTokenSignedData,
  CLIENT_AUTH_OID,
  verifyAuthToken,
  type RevocationCheck,
  type RevocationStatus,
  type VerifyAuthTokenInput,
} from './verify-auth-token';
export {
  isTokenAlgorithm,
  TOKEN_ALGORITHMS,
  tokenSignatureParameters,
  WEB_EID_FORMAT_PATTERN,
  webEidAuthTokenSchema,
  type TokenAlgorithm,
  type TokenAlgorithmParameters,
  type WebEidAuthToken,
} from './web-eid-token';
export { x509 } from './x509';
