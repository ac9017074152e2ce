import type { Language } from '../../commons/i18n';
import { errorKind, logEvents } from '../../commons/log-events';
import { TooManyRequests } from '../errors';
import { everyone, limits } from '../limits';
import { ipv6SiteOf, requesterOf } from '../network';
import type { PersonalDataVault, RateLimit } from '../ports';
import { smsMessage, smsPurposes, type SmsKind } from '../sms-texts';
import type { AccountDependencies } from './dependencies';

/** What a request that may send an SMS is for: each has its own allowance per (phone, network). */
export type SmsRequestPurpose = 'password_reset' | 'access_report' | 'phone_change';

const purposeAllowances: Readonly<Record<SmsRequestPurpose, RateLimit>> = {
  password_reset: limits.passwordResetsPerPhoneNetwork,
  access_report: limits.accessReportCodesPerPhoneNetwork,
  phone_change: limits.phoneChangeCodesPerPhoneNetwork,
};

/**
 * The networks a request comes from (2.8, network.ts): its requester (an IPv4 address, an IPv4-mapped IPv6 one
 * included, or an IPv6 /64) and, for IPv6, the site (/48) around it.
 */
export const requestingNetworks = (ip: string): { requester: string; site?: string } => {
  const site = ipv6SiteOf(ip);
  return { requester: requesterOf(ip), ...(site !== undefined && { site }) };
};

/**
 * The rate-limit key of a phone as asked from one network (2.7, 2.8): an HMAC of the pair, so that neither the
 * phone nor the address is readable in the table (2.4). The pair is encoded without ambiguity (JSON).
 */
export const phoneNetworkKey = (
  vault: Pick<PersonalDataVault, 'lookupKey'>,
  phone: string,
  network: string,
): string => vault.lookupKey('rate_phone_network', JSON.stringify([phone, network]));

/** The sender's SMS allowances (2.8): per requester, per IPv6 site (/48), overall. */
const consumeSenderAllowances = async (
  deps: Pick<AccountDependencies, 'limits' | 'vault'>,
  { requester, site }: ReturnType<typeof requestingNetworks>,
  now: Date,
): Promise<void> => {
  await deps.limits.consume(limits.smsPerSourceIp, deps.vault.lookupKey('rate_ip', requester), now);
  if (site !== undefined)
    await deps.limits.consume(limits.smsPerSourceSite, deps.vault.lookupKey('rate_ip', site), now);
  await deps.limits.consume(limits.smsOverall, everyone, now);
};

/**
 * Every allowance a request that names a phone and may send it an SMS counts (2.7, 2.8, DESIGN Codes), to be
 * called before the account is looked up, for every such request, whether or not phone and PIN match: the
 * sender's (per requester, per IPv6 site, overall), then the phone's from this network (this purpose's, and all
 * purposes' of the day; for IPv6 also per site). So the answers are the same for matching and mismatching
 * requests, and a stranger uses up the allowance of the stranger's own network, never the owner's.
 * @throws TooManyRequests (429 with Retry-After) when one is used up; the allowances before it stay counted.
 */
export const consumeRequestAllowances = async (
  deps: Pick<AccountDependencies, 'limits' | 'vault' | 'clock'>,
  request: { phone: string; ip: string; purpose: SmsRequestPurpose },
): Promise<void> => {
  const now = deps.clock.now();
  const networks = requestingNetworks(request.ip);
  const { requester, site } = networks;
  await consumeSenderAllowances(deps, networks, now);
  const fromRequester = phoneNetworkKey(deps.vault, request.phone, requester);
  await deps.limits.consume(purposeAllowances[request.purpose], fromRequester, now);
  await deps.limits.consume(limits.smsPerPhoneNetwork, fromRequester, now);
  if (site !== undefined)
    await deps.limits.consume(limits.smsPerPhoneSite, phoneNetworkKey(deps.vault, request.phone, site), now);
};

/**
 * Counts one SMS about to go to `phone` against its daily ceiling (2.7, 2.8, DESIGN Codes); call it only where a
 * password or code is about to be sent. False past the ceiling: send nothing and answer as if it went (202), so
 * that the answer stays alike and a ceiling reached by strangers refuses nobody (the ID card stays the owner's
 * way in).
 */
export const withinDailyCeiling = async (
  deps: Pick<AccountDependencies, 'limits' | 'vault' | 'clock'>,
  phone: string,
): Promise<boolean> => {
  try {
    await deps.limits.consume(
      limits.smsPerPhoneDaily,
      deps.vault.lookupKey('rate_phone', phone),
      deps.clock.now(),
    );
    return true;
  } catch (error) {
    if (error instanceof TooManyRequests) return false;
    throw error;
  }
};

/**
 * The sender's SMS allowances (2.8): per source IP (and IPv6 site) and overall. Counted first, for every request
 * that may send an SMS, so that a refused request counts against its sender only.
 */
export const consumeSenderAllowance = (
  deps: Pick<AccountDependencies, 'limits' | 'vault' | 'clock'>,
  ip: string,
): Promise<void> => consumeSenderAllowances(deps, requestingNetworks(ip), deps.clock.now());

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
 * Sends a password or code (2.5), or a notice without one (2.7). A failed send is logged and counted without the
 * secret, and does not undo the change: the applicant can ask again (password reset, a new code).
 */
export const sendSms = async (
  deps: Pick<AccountDependencies, 'sms' | 'metrics' | 'log'>,
  message: {
    phone: string;
    kind: SmsKind;
    language: Language;
    secret?: string;
    deadline?: string;
    accountId?: string;
  },
): Promise<boolean> => {
  const purpose = smsPurposes[message.kind];
  try {
    await deps.sms.send(
      smsMessage(message.kind, message.language, message.phone, message.secret, message.deadline),
    );
    deps.metrics.count('SmsSent', 1, { purpose });
    return true;
  } catch (error) {
    deps.log.error(logEvents.smsFailed, { accountId: message.accountId, purpose, ...errorKind(error) });
    deps.metrics.count('SmsFailed', 1, { purpose });
    return false;
  }
};
