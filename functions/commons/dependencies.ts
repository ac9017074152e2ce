import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { onceUntilFailure } from './once';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDbAccountStore } from '../adapters/dynamodb/accounts';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { DynamoDbConsentRepository } from '../adapters/dynamodb/consents';
import { CryptoVault } from '../adapters/keys/crypto-vault';
import type { KeyRing } from '../adapters/keys/key-ring';
import { loadLocalKeyRing } from '../adapters/keys/local-key-ring';
import { loadSecretsManagerKeyRing } from '../adapters/keys/secrets-manager-key-ring';
import {
  InMemoryPortalMetrics,
  PowertoolsPortalMetrics,
  type FlushablePortalMetrics,
} from '../adapters/metrics/portal-metrics';
import { scryptPasswordHasher } from '../adapters/passwords';
import { randomIds } from '../adapters/random';
import { DynamoDbRateLimiter } from '../adapters/rate-limit/dynamodb-rate-limiter';
import { OutboxSmsSender } from '../adapters/sms/outbox-sms-sender';
import { SnsSmsSender } from '../adapters/sms/sns-sms-sender';
import type { ReportDependencies } from '../domain/accounts/access-reports';
import type { AccountDependencies } from '../domain/accounts/dependencies';
import type { OperatorAlerts } from '../domain/ports';
import { OutboxOperatorAlerts } from '../adapters/alerts/outbox-operator-alerts';
import { SnsOperatorAlerts } from '../adapters/alerts/sns-operator-alerts';
import { publishedAgreements } from '../domain/agreement/catalog';
import { systemClock } from '../domain/ports';
import { config, type PortalConfig } from './config';
import { idempotentRunner, type IdempotentRunner } from './http/idempotency';
import { traced } from './tracing';

/** What the account route groups are built from. */
export interface PortalDependencies {
  readonly accounts: AccountDependencies;
  readonly idempotency: IdempotentRunner;
  /** Flushed at the end of every invocation (EMF in AWS). */
  readonly metrics?: FlushablePortalMetrics;
}

/** The report group also alerts operators (2.7): only it, and the operator functions, may publish to their topic. */
export interface ReportingDependencies {
  readonly reports: ReportDependencies;
  readonly idempotency: IdempotentRunner;
  readonly metrics?: FlushablePortalMetrics;
}

const keyRingOf = (cfg: PortalConfig): Promise<KeyRing> => {
  if (cfg.runtime === 'local') return loadLocalKeyRing(cfg.dataDir);
  if (!cfg.keysSecretId) throw new Error('PORTAL_KEYS_SECRET_ID is required in AWS');
  return loadSecretsManagerKeyRing(
    traced(new SecretsManagerClient({ region: cfg.region })),
    cfg.keysSecretId,
  );
};

/** The real adapters for this runtime: AWS services in Lambda, DynamoDB Local and outboxes under `npm start`. */
const build = async (cfg: PortalConfig): Promise<PortalDependencies> => {
  const client = createDocumentClient({ region: cfg.region, endpoint: cfg.dynamoDbEndpoint, trace: traced });
  const metrics = cfg.runtime === 'aws' ? new PowertoolsPortalMetrics() : new InMemoryPortalMetrics();
  return {
    metrics,
    accounts: {
      accounts: new DynamoDbAccountStore(client, cfg.tableName),
      consents: new DynamoDbConsentRepository(client, cfg.tableName),
      agreements: publishedAgreements,
      vault: new CryptoVault(await keyRingOf(cfg)),
      passwords: scryptPasswordHasher(),
      sms:
        cfg.runtime === 'aws'
          ? new SnsSmsSender(traced(new SNSClient({ region: cfg.region })), { senderId: cfg.smsSenderId })
          : new OutboxSmsSender(cfg.dataDir),
      limits: new DynamoDbRateLimiter(client, cfg.tableName),
      metrics,
      clock: systemClock,
      ids: randomIds,
    },
    idempotency: idempotentRunner(
      new DynamoDBPersistenceLayer({
        tableName: cfg.idempotencyTableName,
        awsSdkV3Client: traced(
          new DynamoDBClient({ region: cfg.region, endpoint: cfg.dynamoDbEndpoint, maxAttempts: 3 }),
        ),
      }),
    ),
  };
};

/** The operators' alerts: their SNS topic in AWS, the alerts outbox under `npm start`. */
export const operatorAlerts = (cfg: PortalConfig): OperatorAlerts => {
  if (cfg.runtime === 'local') return new OutboxOperatorAlerts(cfg.dataDir);
  if (!cfg.alertsTopicArn) throw new Error('PORTAL_ALERTS_TOPIC_ARN is required in AWS');
  return new SnsOperatorAlerts(traced(new SNSClient({ region: cfg.region })), cfg.alertsTopicArn);
};

/** The report group's dependencies: the account ones plus the operators' alerts. */
export const reportDependencies = async (): Promise<ReportingDependencies> => {
  const { accounts, idempotency, metrics } = await accountDependencies();
  return {
    reports: { ...accounts, alerts: operatorAlerts(config()) },
    idempotency,
    metrics,
  };
};

/** The process's dependencies, built once per process (shared by the route groups of the local server). */
export const accountDependencies: () => Promise<PortalDependencies> = onceUntilFailure(() => build(config()));
