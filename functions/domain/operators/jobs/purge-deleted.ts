import type { Account, ClaimKind, IdentityClaims } from '../../accounts/account';
import { auditEntry } from '../../accounts/dependencies';
import { sealingMonthOf } from '../../network-data';
import { changeAccountIf } from '../account-changes';
import type { OperatorDependencies } from '../dependencies';
import type { DueMarker } from '../store';
import { workThroughDue } from './due-markers';
import type { Job } from './job';

/** What an erased field holds: the attribute stays (the account's shape is kept), its content is gone. */
export const erased = '';

/** 2.4: a purged account keeps neither its sealed personal data nor the keyed hashes of its identifiers. */
export const isPurged = (account: Pick<Account, 'sealedPersonalData'>): boolean =>
  account.sealedPersonalData === erased;

const erasedClaims: IdentityClaims = { phone: erased, pin: erased, passport: erased };

/** The claim items that still belong to the account (a claim another account holds is not this one's to remove). */
const ownClaims = async (deps: OperatorDependencies, account: Account): Promise<Partial<IdentityClaims>> => {
  const owned: Partial<Record<ClaimKind, string>> = {};
  for (const [kind, key] of Object.entries(account.claims) as [ClaimKind, string][]) {
    if (key !== erased && (await deps.accounts.findByClaim(kind, key)) === account.accountId)
      owned[kind] = key;
  }
  return owned;
};

/**
 * 2.4: personal data is retained no longer than needed. A deleted account past retention loses its sealed
 * personal data, its claims (phone, PIN and passport become free to register again) and its reports' free text;
 * the audit log stays (2.6), now with `personal_data_purged`.
 */
const purge = async (deps: OperatorDependencies, marker: DueMarker, cutoff: Date): Promise<boolean> => {
  const account = await deps.accounts.get(marker.accountId);
  const due =
    account !== undefined &&
    account.status === 'deleted' &&
    !isPurged(account) &&
    Date.parse(account.deletedAt ?? marker.dueAt) <= cutoff.getTime();
  let changed = false;
  if (due) {
    await deps.operators.eraseReportDescriptions(account.accountId);
    const claimsToRemove = await ownClaims(deps, account);
    changed = await changeAccountIf(deps, account.accountId, (fresh) =>
      fresh.status !== 'deleted' || isPurged(fresh)
        ? undefined
        : {
            account: {
              ...fresh,
              sealedPersonalData: erased,
              claims: erasedClaims,
              passwordHash: undefined,
              sessions: {},
            },
            claimsToRemove,
            audit: [auditEntry(deps, fresh.accountId, 'personal_data_purged', undefined)],
          },
    );
  }
  await deps.operators.clearDue(marker);
  if (changed) deps.metrics.count('PersonalDataPurged');
  return changed;
};

const dayMs = 24 * 60 * 60 * 1000;

/**
 * 2.4: network data is kept no longer than its retention (crypto-shredding): the keys of the months that ended
 * more than `networkDataRetentionDays` ago are destroyed, so every IP address and user agent sealed in them is
 * unreadable at once, while the audit entries, consents and reports that hold them stay as written (2.6).
 */
const shredNetworkData = async (deps: OperatorDependencies, now: Date): Promise<number> => {
  const cutoff = new Date(now.getTime() - deps.settings.networkDataRetentionDays * dayMs);
  const destroyed = await deps.networkData.destroyKeysBefore(sealingMonthOf(cutoff));
  if (destroyed.length > 0) deps.metrics.count('NetworkDataMonthsShredded', destroyed.length);
  return destroyed.length;
};

export const purgeDeleted: Job = async (deps, budget) => {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - deps.settings.purgeAfterDays * dayMs);
  const run = await workThroughDue(deps, budget, 'purge', cutoff.toISOString(), (marker) =>
    purge(deps, marker, cutoff),
  );
  const monthsShredded = await shredNetworkData(deps, now);
  return {
    job: 'purge-deleted',
    ...run,
    continueNow: !run.complete,
    details: {
      purgeAfterDays: deps.settings.purgeAfterDays,
      networkDataRetentionDays: deps.settings.networkDataRetentionDays,
      networkDataMonthsShredded: monthsShredded,
    },
  };
};
