import type { AccountDependencies } from '../accounts/dependencies';
import { networkDataRetentionDays, type NetworkDataSealer } from '../network-data';
import type { OperatorAlerts } from '../ports';
import type { OperatorStore } from './store';

export interface OperatorSettings {
  /** 2.4: days a deleted account's personal data is kept before the purge erases it. */
  readonly purgeAfterDays: number;
  /** 2.4: days after the end of its month that an IP address or user agent stays readable (network-data.ts). */
  readonly networkDataRetentionDays: number;
  /** Items read per page of a job. */
  readonly pageSize: number;
  /** Pages per invocation of a job: its work is bounded, and it resumes where it stopped. */
  readonly maxPages: number;
}

export const defaultOperatorSettings: OperatorSettings = {
  purgeAfterDays: 90,
  networkDataRetentionDays,
  pageSize: 100,
  maxPages: 50,
};

/** What operator commands and jobs are built from; handlers bind the real ones once. */
export interface OperatorDependencies extends Pick<
  AccountDependencies,
  'accounts' | 'vault' | 'metrics' | 'clock' | 'ids' | 'sms' | 'log'
> {
  readonly operators: OperatorStore;
  readonly alerts: OperatorAlerts;
  readonly settings: OperatorSettings;
  /** 2.4: the purge destroys the month keys of network data past retention. */
  readonly networkData: Pick<NetworkDataSealer, 'destroyKeysBefore'>;
}
