import { sessionPolicy } from '../accounts/account';
import { codePolicy } from '../accounts/codes';
import { phoneReservationDays } from '../accounts/previous-phones';
import { consentLifetimeSeconds } from '../consent/consent';
import { networkDataRetentionDays } from '../network-data';
import { defaultOperatorSettings } from '../operators/dependencies';

/**
 * 2.4: the retention periods the Privacy Policy states, taken from the constants the portal itself runs on, so
 * that the text cannot say one thing while the code does another. Changing one of them changes the text's
 * SHA-256: the unit test of the catalog then asks for a new version of the policy.
 */
export interface RetentionPeriods {
  /** A deleted or closed account's personal data, erased by the purge after this many days. */
  readonly deletedAccountDays: number;
  /** IP addresses and user agents of audit entries, consents and reports: readable this many days. */
  readonly networkDataDays: number;
  readonly unusedConsentMinutes: number;
  readonly sessionIdleMinutes: number;
  readonly sessionHours: number;
  readonly previousPhoneDays: number;
  readonly codeMinutes: number;
}

export const retentionPeriods: RetentionPeriods = {
  deletedAccountDays: defaultOperatorSettings.purgeAfterDays,
  networkDataDays: networkDataRetentionDays,
  unusedConsentMinutes: consentLifetimeSeconds / 60,
  sessionIdleMinutes: sessionPolicy.idleSeconds / 60,
  sessionHours: sessionPolicy.absoluteSeconds / 3600,
  previousPhoneDays: phoneReservationDays,
  codeMinutes: codePolicy.lifetimeSeconds / 60,
};
