import * as z from 'zod/mini';
import type { OperatorDependencies } from '../dependencies';

/**
 * A job's input: the schedule's, the continuation rule's, an alarm's state-change event, or the admin CLI's. Only
 * `day` means anything (the daily report's day, YYYY-MM-DD); everything else is ignored.
 */
export const jobInputSchema = z.object({ day: z.optional(z.iso.date()) });

/** The scheduled jobs, by the names the admin CLI runs them with (`run-job <name>`). */
export const jobNames = ['verification-deadlines', 'activity-scan', 'daily-report', 'purge-deleted'] as const;
export type JobName = (typeof jobNames)[number];

export const isJobName = (name: string): name is JobName => (jobNames as readonly string[]).includes(name);

/** How much one invocation may do: pages of `pageSize` items, at most `maxPages`, and while time is left. */
export interface JobBudget {
  readonly pageSize: number;
  readonly maxPages: number;
  readonly timeIsUp: () => boolean;
}

export interface JobInput {
  /** daily-report only: the Bishkek day to report (default: yesterday). */
  readonly day?: string;
}

/**
 * What one invocation did. `complete: false` means work is left and the job resumes where it stopped;
 * `continueNow` asks for the next invocation at once (in AWS an EventBridge rule on the function's success
 * destination invokes it again; the admin CLI loops), and is false when another run holds the job.
 */
export interface JobReport {
  readonly job: JobName;
  readonly complete: boolean;
  readonly continueNow: boolean;
  readonly pages: number;
  /** Items (markers, accounts, audit entries, consents…) looked at. */
  readonly examined: number;
  /** Accounts changed or flagged, or reports published. */
  readonly changed: number;
  readonly details?: Readonly<Record<string, string | number>>;
}

export type Job = (deps: OperatorDependencies, budget: JobBudget, input: JobInput) => Promise<JobReport>;

/** Pages through `step` until it has no cursor left or the budget is spent. */
export const pageThrough = async (
  budget: JobBudget,
  start: string | undefined,
  step: (cursor: string | undefined) => Promise<string | undefined>,
): Promise<{ pages: number; cursor: string | undefined }> => {
  let cursor = start;
  let pages = 0;
  do {
    cursor = await step(cursor);
    pages += 1;
  } while (cursor !== undefined && pages < budget.maxPages && !budget.timeIsUp());
  return { pages, cursor };
};

/** The export of functions/operators/jobs.ts that is the job's Lambda handler: `purge-deleted` → `purgeDeleted`. */
export const handlerExportOf = (job: JobName): string =>
  job.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
