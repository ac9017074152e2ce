import { DynamoDbAccountStore } from '../adapters/dynamodb/accounts';
import { DynamoDbConsentRepository } from '../adapters/dynamodb/consents';
import { DynamoDbLoginFailureCounter } from '../adapters/dynamodb/login-failures';
import { CryptoVault } from '../adapters/keys/crypto-vault';
import type { FlushablePortalMetrics } from '../adapters/metrics/portal-metrics';
import { scryptPasswordHasher } from '../adapters/passwords';
import { randomIds } from '../adapters/random';
import { DynamoDbRateLimiter } from '../adapters/rate-limit/dynamodb-rate-limiter';
import type { SessionDependencies } from '../domain/accounts/dependencies';
import { publishedAgreements } from '../domain/agreement/catalog';
import { systemClock } from '../domain/ports';
import { config, type PortalConfig } from '../commons/config';
import { onceUntilFailure } from '../commons/once';
import { documentClient } from './document-client';
import { keyRingOf } from './key-ring';
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

/** The real adapters for this runtime: AWS services in Lambda, DynamoDB Local and outboxes under `npm start`. */
const build = async (cfg: PortalConfig): Promise<SessionGroupDependencies> => {
  const client = documentClient();
  const metrics = portalMetrics(cfg);
  const vault = new CryptoVault(await keyRingOf(cfg));
  const origins = sealedOrigins(client, cfg.tableName, vault);
  return {
    metrics,
    sessions: {
      accounts: new DynamoDbAccountStore(client, cfg.tableName, origins),
      consents: new DynamoDbConsentRepository(client, cfg.tableName, origins),
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
