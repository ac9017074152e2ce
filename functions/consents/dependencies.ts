import { DynamoDbConsentRepository } from '../adapters/dynamodb/consents';
import { CryptoVault } from '../adapters/keys/crypto-vault';
import { randomIds } from '../adapters/random';
import { config } from '../commons/config';
import { onceUntilFailure } from '../commons/once';
import { publishedAgreements } from '../domain/agreement/catalog';
import type { ConsentDependencies } from '../domain/consent/consent';
import { systemClock } from '../domain/ports';
import { documentClient } from '../wiring/document-client';
import { keyRingOf } from '../wiring/key-ring';
import { sealedOrigins } from '../wiring/network-data';

/**
 * The consent's adapters: the portal table, and the key ring whose vault wraps the month keys that seal the
 * consent's IP address and user agent (2.4). Neither the SMS sender nor idempotency: the bundle carries neither.
 */
export const consentDependencies: () => Promise<ConsentDependencies> = onceUntilFailure(async () => {
  const cfg = config();
  const client = documentClient();
  const vault = new CryptoVault(await keyRingOf(cfg));
  return {
    agreements: publishedAgreements,
    consents: new DynamoDbConsentRepository(
      client,
      cfg.tableName,
      sealedOrigins(client, cfg.tableName, vault),
    ),
    clock: systemClock,
    ids: randomIds,
  };
});
