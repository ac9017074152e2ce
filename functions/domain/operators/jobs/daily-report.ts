import type { AuditAction, AuditEntry } from '../../audit';
import { ConcurrentUpdate } from '../../errors';
import { bishkekDay, bishkekDayBounds, previousBishkekDay } from '../bishkek-time';
import type { OperatorDependencies } from '../dependencies';
import type { EventPage, EventQuery } from '../store';
import { pageThrough, type Job, type JobReport } from './job';

const job = 'daily-report';

/** Far longer than a publish takes; a run that dies while publishing leaves the report to the next after this. */
const claimMs = 2 * 60 * 1000;

/**
 * The audit actions the report counts as a total, each under the total's name (its metric is `Daily<Name>`): a
 * new kind of event in the report is one line here and its total in {@link DailyCounts}.
 */
const totals = {
  registration: 'registrations',
  access_reported: 'accessReports',
  account_blocked: 'blocks',
  account_closed: 'closures',
} as const satisfies Partial<Record<AuditAction, string>>;
type Total = (typeof totals)[keyof typeof totals];

/** The day's statistics (DESIGN: Operator functions): counts only, never who. */
export type DailyCounts = Readonly<Record<Total, number>> & {
  readonly consentsByVersion: Readonly<Record<string, number>>;
  readonly loginsByMethod: Readonly<Record<string, number>>;
};

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
  /**
   * The last day reported by schedule: the chain's cursor. The next scheduled run reports the day after it, so a
   * day whose run was missed is reported late, never skipped, and a second delivery reports nothing twice.
   */
  readonly lastReportedDay?: string;
  readonly run?: ReportRun;
}

const noCounts: DailyCounts = {
  ...(Object.fromEntries(Object.values(totals).map((total) => [total, 0])) as Record<Total, number>),
  consentsByVersion: {},
  loginsByMethod: {},
};

const plusOne = (counts: Readonly<Record<string, number>>, key: string) => ({
  ...counts,
  [key]: (counts[key] ?? 0) + 1,
});

const countEntry = (counts: DailyCounts, entry: AuditEntry): DailyCounts => {
  if (entry.action === 'login')
    return { ...counts, loginsByMethod: plusOne(counts.loginsByMethod, entry.detail ?? 'unknown') };
  const total = totals[entry.action as keyof typeof totals] as Total | undefined;
  return total === undefined ? counts : { ...counts, [total]: counts[total] + 1 };
};

/** Adds one page's events to the counts. */
export const countPage = (counts: DailyCounts, page: Pick<EventPage, 'audit' | 'consents'>): DailyCounts => {
  let next = counts;
  for (const consent of page.consents)
    next = { ...next, consentsByVersion: plusOne(next.consentsByVersion, consent.agreementVersion) };
  for (const entry of page.audit) next = countEntry(next, entry);
  return next;
};

const eventsOf = (day: string): EventQuery => ({
  ...bishkekDayBounds(day),
  actions: [...(Object.keys(totals) as AuditAction[]), 'login'],
  consents: true,
});

/** The counts as flat, named numbers: alert details and the CLI's output. */
export const flatCounts = ({
  consentsByVersion,
  loginsByMethod,
  ...rest
}: DailyCounts): Record<string, number> => ({
  ...rest,
  ...Object.fromEntries(Object.entries(consentsByVersion).map(([v, n]) => [`consents_v${v}`, n])),
  ...Object.fromEntries(Object.entries(loginsByMethod).map(([m, n]) => [`logins_${m}`, n])),
});

const metricOf = (total: Total) => `Daily${total[0]!.toUpperCase()}${total.slice(1)}`;

/** To the operators' topic, then to CloudWatch (embedded metric format in AWS): a failed publish counts nothing. */
const publish = async (deps: OperatorDependencies, day: string, counts: DailyCounts): Promise<void> => {
  await deps.alerts.publish({
    kind: 'daily_report',
    summary: `Daily report for ${day} (Asia/Bishkek)`,
    details: { day, ...flatCounts(counts) },
  });
  for (const total of Object.values(totals)) deps.metrics.count(metricOf(total), counts[total]);
  for (const [agreementVersion, n] of Object.entries(counts.consentsByVersion))
    deps.metrics.count('DailyConsents', n, { agreementVersion });
  for (const [method, n] of Object.entries(counts.loginsByMethod))
    deps.metrics.count('DailyLogins', n, { method });
};

/** The Bishkek day after `day`. */
const dayAfter = (day: string): string => bishkekDay(new Date(bishkekDayBounds(day).to));

/**
 * Daily, after midnight in Bishkek: a day's registrations, consents by agreement version, logins by method,
 * access reports and blocks, to metrics and the operators' topic. Days are reported in order, each after the last
 * one reported, up to yesterday: a run after missed schedules reports every missed day once, one per invocation.
 * The day's events are read from the event index page by page, saved as they go, and resumed where they stopped;
 * once the whole day is counted, one run claims the report and publishes it, however many runs got there at once
 * (a schedule delivered twice, the admin CLI).
 */
export const dailyReport: Job = async (deps, budget, input): Promise<JobReport> => {
  const now = deps.clock.now();
  const yesterday = previousBishkekDay(now);
  const stored = await deps.operators.loadJobState<DailyReportState>(job);
  const state = stored?.state ?? {};
  const day = input.day ?? (state.lastReportedDay ? dayAfter(state.lastReportedDay) : yesterday);
  const report = { pages: 0, examined: 0, changed: 0 };
  if (input.day === undefined && day > yesterday)
    return {
      job,
      complete: true,
      continueNow: false,
      ...report,
      details: { day: yesterday, alreadyReported: 1 },
    };
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
        const page = await deps.operators.events(eventsOf(day), { limit: budget.pageSize, cursor });
        report.pages += 1;
        report.examined += page.audit.length + page.consents.length;
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
    const lastReportedDay = input.day === undefined ? day : state.lastReportedDay;
    await deps.operators.saveJobState(job, { ...(lastReportedDay && { lastReportedDay }) }, version);
  } catch (error) {
    if (!(error instanceof ConcurrentUpdate)) throw error;
    return yielded();
  }
  // Days missed before yesterday: the next invocation reports the next one.
  const complete = input.day !== undefined || day >= yesterday;
  return {
    job,
    complete,
    continueNow: !complete,
    ...report,
    changed: 1,
    details: { day, ...flatCounts(run.counts) },
  };
};
