import type { Account } from '../../accounts/account';
import { auditEntry } from '../../accounts/dependencies';
import type { AuditEntry } from '../../audit';
import { ConcurrentUpdate } from '../../errors';
import { activityRules, patternSummaries, sessionNetworkCount, type SuspiciousPattern } from '../activity';
import type { OperatorDependencies } from '../dependencies';
import type { EventQuery, Tally } from '../store';
import type { Job, JobBudget, JobReport } from './job';

const job = 'activity-scan';
const minutes = (n: number) => n * 60 * 1000;

/**
 * The schedule's period. A backlog (a late or missed schedule, a sweep longer than the period) is swept one window
 * of at most this long at a time, each judged on the hour before its end as every scan is: never a longer span
 * against the hourly thresholds, which would flag ordinary office traffic.
 */
const windowMinutes = 15;

/**
 * The sweep of one window, ending at `to`: first the events of the hour before `to` (`events`: failed logins and
 * resets added to tallies, accounts that logged in examined), then the tallies (`tallies`). Saved after every
 * page, so that a sweep larger than one invocation resumes where it stopped.
 */
interface Sweep {
  readonly sweepId: string;
  readonly to: string;
  readonly phase: 'events' | 'tallies';
  readonly cursor?: string;
  readonly flagged: number;
}

interface ActivityScanState {
  /** Where the next window starts: every window before it was swept. The chain's cursor. */
  readonly from: string;
  /** The window [from, sweep.to) being swept. */
  readonly sweep?: Sweep;
  readonly lastSweep?: { sweepId: string; from: string; to: string; completedAt: string; flagged: number };
}

const tallyKinds = { failedLogins: 'failed_logins', passwordResets: 'password_resets' } as const;

/** The events each window is judged on: those of the rule's hour before its end. */
const eventsOf = (sweep: Sweep): EventQuery => ({
  from: new Date(Date.parse(sweep.to) - minutes(activityRules.windowMinutes)).toISOString(),
  to: sweep.to,
  actions: ['login', 'login_failed', 'password_reset', 'password_reset_failed'],
});

/**
 * Adds a page's audit entries up: the accounts that failed logins from each source (by a keyed hash of the
 * address, never the address), and the resets of each account (by entry id, so a page read twice counts once).
 */
const talliesOf = (deps: OperatorDependencies, entries: readonly AuditEntry[]): Tally[] => {
  const tallies = new Map<string, Set<string>>();
  const add = (key: string, member: string) =>
    (tallies.get(key) ?? tallies.set(key, new Set()).get(key)!).add(member);
  for (const entry of entries) {
    if (entry.action === 'login_failed' && entry.ip !== undefined)
      add(`${tallyKinds.failedLogins}#${deps.vault.lookupKey('activity_source', entry.ip)}`, entry.accountId);
    else if (entry.action === 'password_reset' || entry.action === 'password_reset_failed')
      add(`${tallyKinds.passwordResets}#${entry.accountId}`, entry.entryId);
  }
  return [...tallies].map(([key, members]) => ({ key, members: [...members] }));
};

/** Accounts not flagged for `pattern` in the last day: each is flagged once, however many scans see it. */
const notFlaggedYet = async (
  deps: OperatorDependencies,
  accountIds: readonly string[],
  pattern: SuspiciousPattern,
  now: Date,
): Promise<string[]> => {
  const since = new Date(now.getTime() - activityRules.flagOncePerHours * 60 * minutes(1)).toISOString();
  const fresh: string[] = [];
  for (const accountId of accountIds) {
    if (!(await deps.operators.hasRecentAudit(accountId, 'flagged_suspicious', pattern, since)))
      fresh.push(accountId);
  }
  return fresh;
};

/**
 * Flags accounts (audit `flagged_suspicious`, 2.6) after alerting operators (2.7, 2.8): an alert may repeat
 * when a scan is retried, but none is lost. One alert per pattern and source, with ids and counts only.
 */
const flag = async (
  deps: OperatorDependencies,
  accountIds: readonly string[],
  pattern: SuspiciousPattern,
  details: Record<string, number>,
  now: Date,
): Promise<number> => {
  const fresh = await notFlaggedYet(deps, accountIds, pattern, now);
  if (fresh.length === 0) return 0;
  await deps.alerts.publish({
    kind: 'suspicious_activity',
    ...(fresh.length === 1 ? { accountId: fresh[0] } : {}),
    summary: patternSummaries[pattern],
    details: {
      pattern,
      ...details,
      accountsFlagged: fresh.length,
      ...(fresh.length > 1 && { accountIds: fresh.slice(0, 20).join(' ') }),
    },
  });
  for (const accountId of fresh) {
    await deps.accounts.appendAudit(
      auditEntry(deps, accountId, 'flagged_suspicious', undefined, { detail: pattern }),
    );
  }
  deps.metrics.count('AccountsFlagged', fresh.length, { pattern });
  return fresh.length;
};

const flagSharedUse = async (deps: OperatorDependencies, account: Account, now: Date): Promise<number> => {
  const networks = sessionNetworkCount(account, now);
  return account.status === 'active' && networks >= activityRules.sessionNetworks
    ? flag(deps, [account.accountId], 'sessions_from_many_networks', { networks }, now)
    : 0;
};

const flagTally = async (deps: OperatorDependencies, tally: Tally, now: Date): Promise<number> => {
  const [kind, subject] = tally.key.split('#') as [string, string];
  if (kind === tallyKinds.failedLogins && tally.members.length >= activityRules.failedLoginAccountsPerSource)
    return flag(
      deps,
      tally.members,
      'failed_logins_from_one_source',
      { accounts: tally.members.length },
      now,
    );
  if (kind === tallyKinds.passwordResets && tally.members.length >= activityRules.passwordResetsPerAccount)
    return flag(deps, [subject], 'password_reset_burst', { resets: tally.members.length }, now);
  return 0;
};

/** 2.8: the accounts that logged in during the hour, examined for sessions from many networks. */
const flagSharedUseAmong = async (
  deps: OperatorDependencies,
  entries: readonly AuditEntry[],
  now: Date,
): Promise<number> => {
  let flagged = 0;
  const loggedIn = new Set(entries.filter((e) => e.action === 'login').map((e) => e.accountId));
  for (const accountId of loggedIn) {
    const account = await deps.accounts.get(accountId);
    if (account !== undefined) flagged += await flagSharedUse(deps, account, now);
  }
  return flagged;
};

/** One page of the sweep: what it found, and the sweep as it stands after it (undefined once it is done). */
const step = async (
  deps: OperatorDependencies,
  budget: JobBudget,
  sweep: Sweep,
  now: Date,
): Promise<{ next?: Sweep; examined: number; flagged: number }> => {
  let flagged = 0;
  if (sweep.phase === 'events') {
    const page = await deps.operators.events(eventsOf(sweep), {
      limit: budget.pageSize,
      cursor: sweep.cursor,
    });
    flagged += await flagSharedUseAmong(deps, page.audit, now);
    const expiresAt = new Date(now.getTime() + 24 * 60 * minutes(1)).toISOString();
    await deps.operators.addToTallies(sweep.sweepId, talliesOf(deps, page.audit), expiresAt);
    const total = sweep.flagged + flagged;
    const next: Sweep =
      page.cursor === undefined
        ? { sweepId: sweep.sweepId, to: sweep.to, phase: 'tallies', flagged: total }
        : { ...sweep, cursor: page.cursor, flagged: total };
    return { next, examined: page.audit.length, flagged };
  }
  const page = await deps.operators.tallies(sweep.sweepId, { limit: budget.pageSize, cursor: sweep.cursor });
  for (const tally of page.items) flagged += await flagTally(deps, tally, now);
  return {
    next:
      page.cursor === undefined
        ? undefined
        : { ...sweep, cursor: page.cursor, flagged: sweep.flagged + flagged },
    examined: page.items.length,
    flagged,
  };
};

/** The sweep of the window that starts at `from`, if any time has passed since. */
const sweepFrom = (deps: OperatorDependencies, from: string, now: Date): Sweep | undefined => {
  const to = Math.min(Date.parse(from) + minutes(windowMinutes), now.getTime());
  return to > Date.parse(from)
    ? { sweepId: deps.ids.newId(), to: new Date(to).toISOString(), phase: 'events', flagged: 0 }
    : undefined;
};

/**
 * 2.7, 2.8 (every 15 minutes, and at once when an alarm on failed logins or SMS fires): failed logins on many
 * accounts from one source, password resets in bursts, sessions of one account from many networks at once. Each
 * account found is flagged in its audit log and operators are alerted. Windows are chained: each starts where the
 * last one swept ended (the first where the schedule's period before the first run begins) and ends at most a
 * period later or now, so that no event is left out however late a run comes or however long a sweep takes. A run
 * that finds another one saving the same state yields to it.
 */
export const activityScan: Job = async (deps, budget): Promise<JobReport> => {
  const now = deps.clock.now();
  const stored = await deps.operators.loadJobState<ActivityScanState>(job);
  let version = stored?.version;
  let state: ActivityScanState = stored?.state ?? {
    from: new Date(now.getTime() - minutes(windowMinutes)).toISOString(),
  };
  let sweep = state.sweep ?? sweepFrom(deps, state.from, now);
  const report = { pages: 0, examined: 0, changed: 0 };
  let windows = 0;
  try {
    while (
      sweep !== undefined &&
      report.pages < budget.maxPages &&
      !(report.pages > 0 && budget.timeIsUp())
    ) {
      const { next, examined, flagged } = await step(deps, budget, sweep, now);
      report.pages += 1;
      report.examined += examined;
      report.changed += flagged;
      state = next
        ? { ...state, sweep: next }
        : {
            from: sweep.to,
            lastSweep: {
              sweepId: sweep.sweepId,
              from: state.from,
              to: sweep.to,
              completedAt: deps.clock.now().toISOString(),
              flagged: sweep.flagged + flagged,
            },
          };
      version = await deps.operators.saveJobState(job, state, version);
      if (next === undefined) windows += 1;
      sweep = next ?? sweepFrom(deps, state.from, now);
    }
  } catch (error) {
    if (!(error instanceof ConcurrentUpdate)) throw error;
    return { job, complete: false, continueNow: false, ...report, details: { windows, yielded: 1 } };
  }
  const complete = sweep === undefined;
  return { job, complete, continueNow: !complete, ...report, details: { windows, from: state.from } };
};
