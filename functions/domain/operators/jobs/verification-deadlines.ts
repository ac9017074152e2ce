import { auditEntry } from '../../accounts/dependencies';
import { changeAccountIf } from '../account-changes';
import type { OperatorDependencies } from '../dependencies';
import type { DueMarker } from '../store';
import { workThroughDue } from './due-markers';
import type { Job } from './job';

/**
 * 2.3: a pending verification demand whose deadline passed becomes overdue, which denies access (403
 * verification_required at login and in the cabinet). A marker whose account moved on is cleared; one that came
 * early (the deadline was moved later) is moved to the new deadline.
 */
const settle = async (deps: OperatorDependencies, marker: DueMarker, now: Date): Promise<boolean> => {
  const account = await deps.accounts.get(marker.accountId);
  const demand = account?.verification;
  if (account !== undefined && demand?.status === 'pending' && Date.parse(demand.deadline) > now.getTime()) {
    await deps.operators.scheduleDue({ ...marker, dueAt: demand.deadline });
    return false;
  }
  const changed =
    account !== undefined &&
    account.status !== 'deleted' &&
    (await changeAccountIf(deps, account.accountId, (fresh) => {
      const pending = fresh.verification;
      if (pending?.status !== 'pending' || Date.parse(pending.deadline) > now.getTime()) return undefined;
      return {
        account: { ...fresh, verification: { ...pending, status: 'overdue' } },
        audit: [
          auditEntry(deps, fresh.accountId, 'verification_overdue', undefined, { detail: pending.deadline }),
        ],
      };
    }));
  await deps.operators.clearDue(marker);
  if (changed) deps.metrics.count('VerificationsOverdue');
  return changed;
};

export const verificationDeadlines: Job = async (deps, budget) => {
  const now = deps.clock.now();
  const run = await workThroughDue(deps, budget, 'verification', now.toISOString(), (marker) =>
    settle(deps, marker, now),
  );
  return { job: 'verification-deadlines', ...run, continueNow: !run.complete };
};
