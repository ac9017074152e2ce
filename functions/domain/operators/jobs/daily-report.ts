import { ConcurrentUpdate } from '../../errors';
import { bishkekDayBounds, previousBishkekDay } from '../bishkek-time';
import type { OperatorDependencies } from '../dependencies';
import type { SweepFilter, SweepPage } from '../store';
import { pageThrough, type Job, type JobReport } from './job';

const job = 'daily-report';

/** Far longer than a publish takes; a run that dies while publishing leaves the report to the next after this. */
const claimMs = 2 * 60 * 1000;

/** The day's statistics (DESIGN: Operator functions): counts only, never who. */
export interface DailyCounts {
  readonly registrations: number;
  readonly consentsByVersion: Readonly<Record<string, number>>;
  readonly loginsByMethod: Readonly<Record<string, number>>;
  readonly accessReports: number;
  readonly blocks: number;
}

interface ReportRun {
  readonly day: string;
  readonly cursor?: string;
  readonly counts: DailyCounts;
  /** The whole day is counted: what is left is to publish `counts`. */
  readonly counted?: true;
  /** Until when the run publishing the report holds it (ISO time); another run meanwhile publishes nothing. */
  readonly claimedUntil?: string;
}

interface DailyReportState {
  /** The last day reported: a second delivery of the same schedule reports nothing twice. */
  readonly lastReportedDay?: string;
  readonly run?: ReportRun;
}

const noCounts: DailyCounts = {
  registrations: 0,
  consentsByVersion: {},
  loginsByMethod: {},
  accessReports: 0,
  blocks: 0,
};

const plusOne = (counts: Readonly<Record<string, number>>, key: string) => ({
  ...counts,
  [key]: (counts[key] ?? 0) + 1,
});

/** Adds one page's items to the counts. */
export const countPage = (counts: DailyCounts, page: SweepPage): DailyCounts => {
  let next = { ...counts, accessReports: counts.accessReports + page.reports.length };
  for (const consent of page.consents)
    next = { ...next, consentsByVersion: plusOne(next.consentsByVersion, consent.agreementVersion) };
  for (const entry of page.audit) {
    if (entry.action === 'registration') next = { ...next, registrations: next.registrations + 1 };
    else if (entry.action === 'account_blocked') next = { ...next, blocks: next.blocks + 1 };
    else if (entry.action === 'login')
      next = { ...next, loginsByMethod: plusOne(next.loginsByMethod, entry.detail ?? 'unknown') };
  }
  return next;
};

const sweepFilter = (day: string): SweepFilter => {
  const window = bishkekDayBounds(day);
  return {
    audit: { ...window, actions: ['registration', 'login', 'account_blocked'] },
    consents: window,
    reports: window,
  };
};

/** The counts as flat, named numbers: alert details and the CLI's output. */
export const flatCounts = (counts: DailyCounts): Record<string, number> => ({
  registrations: counts.registrations,
  ...Object.fromEntries(Object.entries(counts.consentsByVersion).map(([v, n]) => [`consents_v${v}`, n])),
  ...Object.fromEntries(Object.entries(counts.loginsByMethod).map(([m, n]) => [`logins_${m}`, n])),
  accessReports: counts.accessReports,
  blocks: counts.blocks,
});

/** To the operators' topic, then to CloudWatch (embedded metric format in AWS): a failed publish counts nothing. */
const publish = async (deps: OperatorDependencies, day: string, counts: DailyCounts): Promise<void> => {
  await deps.alerts.publish({
    kind: 'daily_report',
    summary: `Daily report for ${day} (Asia/Bishkek)`,
    details: { day, ...flatCounts(counts) },
  });
  deps.metrics.count('DailyRegistrations', counts.registrations);
  for (const [agreementVersion, n] of Object.entries(counts.consentsByVersion))
    deps.metrics.count('DailyConsents', n, { agreementVersion });
  for (const [method, n] of Object.entries(counts.loginsByMethod))
    deps.metrics.count('DailyLogins', n, { method });
  deps.metrics.count('DailyAccessReports', counts.accessReports);
  deps.metrics.count('DailyBlocks', counts.blocks);
};

/**
 * Daily, after midnight in Bishkek: the previous day's registrations, consents by agreement version, logins by
 * method, access reports and blocks, to metrics and the operators' topic. The sweep is saved page by page and
 * resumes where it stopped; once the whole day is counted, one run claims the report and publishes it, however
 * many runs got there at once (a schedule delivered twice, the admin CLI).
 */
export const dailyReport: Job = async (deps, budget, input): Promise<JobReport> => {
  const now = deps.clock.now();
  const day = input.day ?? previousBishkekDay(now);
  const stored = await deps.operators.loadJobState<DailyReportState>(job);
  const state = stored?.state ?? {};
  const report = { pages: 0, examined: 0, changed: 0 };
  if (input.day === undefined && (state.lastReportedDay ?? '') >= day)
    return { job, complete: true, continueNow: false, ...report, details: { day, alreadyReported: 1 } };
  let version = stored?.version;
  const yielded = (): JobReport => ({
    job,
    complete: false,
    continueNow: false,
    ...report,
    details: { day, yielded: 1 },
  });
  // A report being published, whichever day it is for, is left to the run publishing it.
  if ((state.run?.claimedUntil ?? '') > now.toISOString()) return yielded();
  let run: ReportRun = state.run?.day === day ? state.run : { day, counts: noCounts };
  try {
    if (run.counted === undefined) {
      let { counts } = run;
      const { cursor: left } = await pageThrough(budget, run.cursor, async (cursor) => {
        const page = await deps.operators.sweep(sweepFilter(day), { limit: budget.pageSize, cursor });
        report.pages += 1;
        report.examined += page.audit.length + page.consents.length + page.reports.length;
        counts = countPage(counts, page);
        if (page.cursor !== undefined)
          version = await deps.operators.saveJobState(
            job,
            { ...state, run: { day, counts, cursor: page.cursor } },
            version,
          );
        return page.cursor;
      });
      if (left !== undefined) return { job, complete: false, continueNow: true, ...report, details: { day } };
      run = { day, counts, counted: true };
    }
    // The claim: of runs that counted from one saved state, only the first to save it publishes.
    const counted = { day, counts: run.counts, counted: true } as const;
    // From now, not from the run's start: counting may have taken minutes.
    const claimedUntil = new Date(deps.clock.now().getTime() + claimMs).toISOString();
    version = await deps.operators.saveJobState(
      job,
      { ...state, run: { ...counted, claimedUntil } },
      version,
    );
    await publish(deps, day, run.counts).catch(async (error: unknown) => {
      // Released, the retry publishes the counts at once; if the release fails too, the claim runs out.
      await deps.operators.saveJobState(job, { ...state, run: counted }, version).catch(() => undefined);
      throw error;
    });
    // A day asked for by hand (possibly today, not over yet) does not stand for the scheduled report.
    const lastReportedDay =
      input.day === undefined ? [state.lastReportedDay ?? '', day].sort().at(-1)! : state.lastReportedDay;
    await deps.operators.saveJobState(job, { ...(lastReportedDay && { lastReportedDay }) }, version);
  } catch (error) {
    if (!(error instanceof ConcurrentUpdate)) throw error;
    return yielded();
  }
  return {
    job,
    complete: true,
    continueNow: false,
    ...report,
    changed: 1,
    details: { day, ...flatCounts(run.counts) },
  };
};
