import {
  authTokenSignedData,
  TOKEN_ALGORITHMS,
  tokenSignatureParameters,
  type TokenAlgorithm,
  type WebEidAuthToken,
} from '../../../functions/domain/id-card';
import { crypto } from '../../../functions/domain/id-card/x509';
import { importSigningKey, keyTypeOf, type KeyHolder, type KeyType } from './keys';

/** What the card would choose: the ECDSA hash that matches its curve, PKCS #1 v1.5 with SHA-256 for RSA. */
export const DEFAULT_TOKEN_ALGORITHM: Readonly<Record<KeyType, TokenAlgorithm>> = {
  'ec-p256': 'ES256',
  'ec-p384': 'ES384',
  'ec-p521': 'ES512',
  rsa: 'RS256',
};

export const VIRTUAL_CARD_APP_VERSION = 'srs-portal-virtual-card/1.0';

export interface ChallengeToSign {
  readonly origin: string;
  readonly nonce: string;
  readonly algorithm?: TokenAlgorithm;
}

/**
 * 2.1: what the browser extension sends after the card signed the challenge: a Web eID authentication token over
 * `hash(origin) ‖ hash(nonce)`, ECDSA as raw `r‖s`. An EC card may be asked for an ECDSA hash that does not fit its
 * curve (the verifier must refuse that); asking an EC card for RSA, or the reverse, throws.
 */
export const signChallenge = async (
  card: KeyHolder,
  challenge: ChallengeToSign,
): Promise<WebEidAuthToken> => {
  const algorithm = challenge.algorithm ?? DEFAULT_TOKEN_ALGORITHM[keyTypeOf(card.certificate)];
  const parameters = TOKEN_ALGORITHMS[algorithm];
  const key = await importSigningKey(
    card,
    parameters.family === 'ec'
      ? { name: 'ECDSA' }
      : { name: parameters.family === 'rsa-pss' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5', hash: parameters.hash },
  );
  const data = await authTokenSignedData(parameters.hash, challenge.origin, challenge.nonce);
  const signature = await crypto.subtle.sign(tokenSignatureParameters(parameters), key, data);
  return {
    format: 'web-eid:1.0',
    algorithm,
    unverifiedCertificate: Buffer.from(card.certificate.rawData).toString('base64'),
    signature: Buffer.from(signature).toString('base64'),
    appVersion: VIRTUAL_CARD_APP_VERSION,
  };
};
