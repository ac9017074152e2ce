import type { Language } from '../../commons/i18n';
import { errorKind, logEvents } from '../../commons/log-events';
import { everyone, limits } from '../limits';
import { requesterOf } from '../network';
import { smsMessage, smsPurposes, type SmsKind } from '../sms-texts';
import type { AccountDependencies } from './dependencies';

/**
 * The sender's SMS allowances (2.8): per source IP and overall. Counted first, for every request that may send an
 * SMS, so that a refused request counts against its sender only.
 */
export const consumeSenderAllowance = async (
  deps: Pick<AccountDependencies, 'limits' | 'vault' | 'clock'>,
  ip: string,
): Promise<void> => {
  const now = deps.clock.now();
  await deps.limits.consume(limits.smsPerSourceIp, deps.vault.lookupKey('rate_ip', requesterOf(ip)), now);
  await deps.limits.consume(limits.smsOverall, everyone, now);
};

/**
 * The phone's SMS allowance (2.8), counted only for an SMS about to go to it: requests that send nothing (a wrong
 * PIN, a phone already registered) cannot use up its owner's password reset or access report (2.7).
 */
export const consumePhoneAllowance = (
  deps: Pick<AccountDependencies, 'limits' | 'vault' | 'clock'>,
  phone: string,
): Promise<void> =>
  deps.limits.consume(limits.smsPerPhone, deps.vault.lookupKey('rate_phone', phone), deps.clock.now());

/**
 * Sends a password or code (2.5). A failed send is logged and counted without the secret, and does not undo the
 * change: the applicant can ask again (password reset, a new code).
 */
export const sendSecret = async (
  deps: Pick<AccountDependencies, 'sms' | 'metrics' | 'log'>,
  message: { phone: string; kind: SmsKind; language: Language; secret: string; accountId?: string },
): Promise<boolean> => {
  const purpose = smsPurposes[message.kind];
  try {
    await deps.sms.send(smsMessage(message.kind, message.language, message.phone, message.secret));
    deps.metrics.count('SmsSent', 1, { purpose });
    return true;
  } catch (error) {
    deps.log.error(logEvents.smsFailed, { accountId: message.accountId, purpose, ...errorKind(error) });
    deps.metrics.count('SmsFailed', 1, { purpose });
    return false;
  }
};
