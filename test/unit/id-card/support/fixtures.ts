import {
  createDevCa,
  issueCardCertificate,
  signChallenge,
  type CardOptions,
  type DevCa,
  type KeyType,
  type VirtualCard,
} from '../../../../lib/local/virtual-card';
import type { TokenAlgorithm, WebEidAuthToken } from '../../../../functions/domain/id-card';

export const ORIGIN = 'https://portal.example.kg';
export const NONCE = 'q0m4xAvUP6mW3n9yc1d8uGx5bNQ2a7HsT0jL9eRkZ3I=';
export const PIN = '21505199012345';

/** Fixed times: the CAs live 2024–2034, cards 2025–2028, and "now" is in the middle. */
export const NOW = new Date('2026-06-01T10:00:00Z');
export const CARD_VALIDITY = {
  notBefore: new Date('2025-01-01T00:00:00Z'),
  notAfter: new Date('2028-01-01T00:00:00Z'),
};
const CA_VALIDITY = {
  notBefore: new Date('2024-01-01T00:00:00Z'),
  notAfter: new Date('2034-01-01T00:00:00Z'),
};

export const makeCa = (
  keyType: KeyType = 'ec-p384',
  options: { issuer?: DevCa; commonName?: string } = {},
): Promise<DevCa> => createDevCa({ keyType, ...CA_VALIDITY, ...options });

export const makeCard = (ca: DevCa, options: Partial<CardOptions> = {}): Promise<VirtualCard> =>
  issueCardCertificate(ca, { pin: PIN, ...CARD_VALIDITY, ...options });

export const sign = (
  card: VirtualCard,
  overrides: { origin?: string; nonce?: string; algorithm?: TokenAlgorithm } = {},
): Promise<WebEidAuthToken> =>
  signChallenge(card, {
    origin: overrides.origin ?? ORIGIN,
    nonce: overrides.nonce ?? NONCE,
    algorithm: overrides.algorithm,
  });
