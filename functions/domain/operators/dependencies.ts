import type { AccountDependencies } from '../accounts/dependencies';
import type { OperatorAlerts } from '../ports';
import type { OperatorStore } from './store';

export interface OperatorSettings {
  /** 2.4: days a deleted account's personal data is kept before the purge erases it. */
  readonly purgeAfterDays: number;
  /** Items read per page of a job. */
  readonly pageSize: number;
  /** Pages per invocation of a job: its work is bounded, and it resumes where it stopped. */
  readonly maxPages: number;
}

export const defaultOperatorSettings: OperatorSettings = { purgeAfterDays: 90, pageSize: 100, maxPages: 50 };

/** What operator commands and jobs are built from; handlers bind the real ones once. */
export interface OperatorDependencies extends Pick<
  AccountDependencies,
  'accounts' | 'vault' | 'metrics' | 'clock' | 'ids' | 'sms' | 'log'
> {
  readonly operators: OperatorStore;
  readonly alerts: OperatorAlerts;
  readonly settings: OperatorSettings;
}
