import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { FlushablePortalMetrics } from '../adapters/metrics/portal-metrics';
import { countCalls } from '../adapters/service-calls';
import type { ReportDependencies } from '../domain/accounts/access-reports';
import type { AccountDependencies } from '../domain/accounts/dependencies';
import { config, type PortalConfig } from '../commons/config';
import { idempotentRunner, type IdempotentRunner } from '../commons/http/idempotency';
import { onceUntilFailure } from '../commons/once';
import { operatorAlerts } from './operator-alerts';
import { sessionDependencies } from './session-dependencies';
import { smsSenderOf } from './sms-sender';

/** What the other account route groups are built from. */
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

/** The other account groups': the sign-in adapters, the SMS sender, and replays of retried requests (3.4). */
const build = async (cfg: PortalConfig): Promise<PortalDependencies> => {
  const { sessions, metrics } = await sessionDependencies();
  return {
    metrics,
    accounts: {
      ...sessions,
      sms: smsSenderOf(cfg),
    },
    idempotency: idempotentRunner(
      new DynamoDBPersistenceLayer({
        tableName: cfg.idempotencyTableName,
        awsSdkV3Client: countCalls(
          'dynamodb',
          new DynamoDBClient({ region: cfg.region, endpoint: cfg.dynamoDbEndpoint, maxAttempts: 3 }),
        ),
      }),
      sessions.vault,
    ),
  };
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
