import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDbAccountStore } from '../adapters/dynamodb/accounts';
import { DynamoDbConsentRepository } from '../adapters/dynamodb/consents';
import { DynamoDbLoginFailureCounter } from '../adapters/dynamodb/login-failures';
import { CryptoVault } from '../adapters/keys/crypto-vault';
import type { KeyRing } from '../adapters/keys/key-ring';
import { loadLocalKeyRing } from '../adapters/keys/local-key-ring';
import { loadSecretsManagerKeyRing } from '../adapters/keys/secrets-manager-key-ring';
import type { FlushablePortalMetrics } from '../adapters/metrics/portal-metrics';
import { scryptPasswordHasher } from '../adapters/passwords';
import { randomIds } from '../adapters/random';
import { countCalls } from '../adapters/service-calls';
import { DynamoDbRateLimiter } from '../adapters/rate-limit/dynamodb-rate-limiter';
import type { SessionDependencies } from '../domain/accounts/dependencies';
import { publishedAgreements } from '../domain/agreement/catalog';
import { systemClock } from '../domain/ports';
import { config, type PortalConfig } from '../commons/config';
import { onceUntilFailure } from '../commons/once';
import { documentClient } from './document-client';
import { sealedOrigins } from './network-data';
import { portalMetrics } from './metrics';
import { log } from '../commons/log';

/**
 * What the sign-in route groups (sessions, id-card) are built from. A module of its own, without the SMS sender
 * and replays of dependencies.ts, so that their bundles carry neither the SNS client nor Powertools idempotency.
 */
export interface SessionGroupDependencies {
  readonly sessions: SessionDependencies;
  /** Flushed at the end of every invocation (EMF in AWS). */
  readonly metrics?: FlushablePortalMetrics;
}

const keyRingOf = (cfg: PortalConfig): Promise<KeyRing> => {
  if (cfg.runtime === 'local') return loadLocalKeyRing(cfg.dataDir);
  if (!cfg.keysSecretId) throw new Error('PORTAL_KEYS_SECRET_ID is required in AWS');
  return loadSecretsManagerKeyRing(
    countCalls('secretsManager', new SecretsManagerClient({ region: cfg.region })),
    cfg.keysSecretId,
  );
};

/** The real adapters for this runtime: AWS services in Lambda, DynamoDB Local and outboxes under `npm start`. */
const build = async (cfg: PortalConfig): Promise<SessionGroupDependencies> => {
  const client = documentClient();
  const metrics = portalMetrics(cfg);
  const vault = new CryptoVault(await keyRingOf(cfg));
  return {
    metrics,
    sessions: {
      accounts: new DynamoDbAccountStore(client, cfg.tableName, sealedOrigins(client, cfg.tableName, vault)),
      consents: new DynamoDbConsentRepository(client, cfg.tableName),
      agreements: publishedAgreements,
      vault,
      passwords: scryptPasswordHasher(),
      limits: new DynamoDbRateLimiter(client, cfg.tableName),
      loginFailures: new DynamoDbLoginFailureCounter(client, cfg.tableName),
      metrics,
      clock: systemClock,
      ids: randomIds,
      log,
    },
  };
};

/** The process's sign-in dependencies, built once per process; the other account groups' are built on them. */
export const sessionDependencies: () => Promise<SessionGroupDependencies> = onceUntilFailure(() =>
  build(config()),
);
