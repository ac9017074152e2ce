import * as z from 'zod/mini';
import { onceUntilFailure } from '../commons/once';
import { DynamoDbOperatorStore } from '../adapters/dynamodb/operators';
import { operatorAlerts } from '../wiring/operator-alerts';
import { accountDependencies } from '../wiring/dependencies';
import { config } from '../commons/config';
import {
  defaultOperatorSettings,
  type OperatorDependencies,
  type OperatorSettings,
} from '../domain/operators/dependencies';
import { documentClient } from '../wiring/document-client';
import { networkDataSealer } from '../wiring/network-data';
import { SealedOrigins } from '../adapters/dynamodb/network-data';

/** The admin functions' own settings, read from the environment and validated once; safe defaults. */
/** A whole number from the environment, within bounds, or the default when unset. */
const count = (min: number, max: number, fallback: number) =>
  z._default(z.coerce.number().check(z.int(), z.gte(min), z.lte(max)), fallback);

const settingsSchema = z.object({
  /** 2.4: days a deleted account's personal data is kept. */
  PORTAL_PURGE_AFTER_DAYS: count(0, 3650, defaultOperatorSettings.purgeAfterDays),
  /** 2.4: days after the end of its month that network data stays readable. */
  PORTAL_NETWORK_DATA_RETENTION_DAYS: count(0, 3650, defaultOperatorSettings.networkDataRetentionDays),
  PORTAL_JOB_PAGE_SIZE: count(1, 1000, defaultOperatorSettings.pageSize),
  PORTAL_JOB_MAX_PAGES: count(1, 10_000, defaultOperatorSettings.maxPages),
});

export const readOperatorSettings = (env: NodeJS.ProcessEnv = process.env): OperatorSettings => {
  const parsed = settingsSchema.parse(env);
  return {
    purgeAfterDays: parsed.PORTAL_PURGE_AFTER_DAYS,
    networkDataRetentionDays: parsed.PORTAL_NETWORK_DATA_RETENTION_DAYS,
    pageSize: parsed.PORTAL_JOB_PAGE_SIZE,
    maxPages: parsed.PORTAL_JOB_MAX_PAGES,
  };
};

/**
 * The real adapters of the admin functions: the account side as the account groups have it (the SMS sender for
 * the commands' notices included), the operators' store on the same table, and the operators' alerts (SNS topic
 * in AWS, the alerts outbox locally).
 */
const build = async (): Promise<OperatorDependencies> => {
  const cfg = config();
  const { accounts } = await accountDependencies();
  const alerts = operatorAlerts(cfg);
  const networkData = networkDataSealer(documentClient(), cfg.tableName, accounts.vault);
  return {
    accounts: accounts.accounts,
    vault: accounts.vault,
    metrics: accounts.metrics,
    clock: accounts.clock,
    ids: accounts.ids,
    sms: accounts.sms,
    log: accounts.log,
    operators: new DynamoDbOperatorStore(documentClient(), cfg.tableName, new SealedOrigins(networkData)),
    networkData,
    alerts,
    settings: readOperatorSettings(),
  };
};

/** The process's operator dependencies, built once (a failed build is tried again by the next invocation). */
export const operatorDependencies: () => Promise<OperatorDependencies> = onceUntilFailure(build);
