import * as z from 'zod/mini';
import { onceUntilFailure } from '../commons/once';
import { DynamoDbOperatorStore } from '../adapters/dynamodb/operators';
import { sessionDependencies } from './session-dependencies';
import { config } from '../commons/config';
import {
  defaultOperatorSettings,
  type OperatorDependencies,
  type OperatorSettings,
} from '../domain/operators/dependencies';
import { documentClient } from './document-client';
import { networkDataSealer } from './network-data';
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

/** What every admin function reads and writes: the account side, the operators' store, the settings. */
export type OperatorStores = Omit<OperatorDependencies, 'sms' | 'alerts'>;

/**
 * The real adapters every admin function has: the account side as the sign-in groups have it (no SMS sender and
 * no replays of retried requests, which no admin function takes), the operators' store on the same table, and the
 * network data's sealer. The functions that tell someone add their senders (operator-dependencies.ts), so that
 * the look-ups bundle no SNS client.
 */
const build = async (): Promise<OperatorStores> => {
  const cfg = config();
  const { sessions } = await sessionDependencies();
  const networkData = networkDataSealer(documentClient(), cfg.tableName, sessions.vault);
  return {
    accounts: sessions.accounts,
    vault: sessions.vault,
    metrics: sessions.metrics,
    clock: sessions.clock,
    ids: sessions.ids,
    log: sessions.log,
    operators: new DynamoDbOperatorStore(documentClient(), cfg.tableName, new SealedOrigins(networkData)),
    networkData,
    settings: readOperatorSettings(),
  };
};

/** The process's operator stores, built once (a failed build is tried again by the next invocation). */
export const operatorStores: () => Promise<OperatorStores> = onceUntilFailure(build);
