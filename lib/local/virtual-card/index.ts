/**
 * The development CA and virtual ID card (2.1): lets tests and local users walk the ID-card login without a card
 * reader. Nothing here is ever trusted by a production configuration.
 */
export {
  DEFAULT_TOKEN_ALGORITHM,
  signChallenge,
  VIRTUAL_CARD_APP_VERSION,
  type ChallengeToSign,
} from './card';
export {
  createCrl,
  createDevCa,
  issueCardCertificate,
  type CardOptions,
  type CrlOptions,
  type DevCa,
  type DevCaOptions,
  type RevokedEntry,
  type VirtualCard,
} from './dev-ca';
export { isKeyType, KEY_TYPES, keyTypeOf, type KeyHolder, type KeyType } from './keys';
export { certificateToPem, crlToPem, keyHolderFromPem, keyHolderToPem, privateKeyToPem } from './pem';
export {
  DevCaMissingError,
  devCaDirectory,
  devCaPaths,
  ensureDevCa,
  readCard,
  readDevCa,
  revokeInDevCrl,
  writeCard,
  writeDevCa,
  type DevCaPaths,
} from './store';
