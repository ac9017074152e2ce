import { onceUntilFailure } from '../commons/once';
import { isFlushable } from '../adapters/metrics/portal-metrics';
import { countingCalls } from '../adapters/service-calls';
import { log } from '../commons/log';
import { errorKind, logEvents } from '../commons/log-events';
import type { OperatorDependencies } from '../domain/operators/dependencies';
import { InvalidCommand } from '../domain/operators/errors';
import { jobInputSchema, jobs, type JobName, type JobReport } from '../domain/operators/jobs';
import { operatorDependencies } from '../wiring/operator-dependencies';

/** What an invocation needs to know of its Lambda context: how long it may still run. */
export interface JobContext {
  getRemainingTimeInMillis(): number;
}

export type JobHandler = (event: unknown, context?: JobContext) => Promise<JobReport>;

/** A job stops taking new pages when less than this is left of its invocation. */
const reserveMs = 60_000;

/**
 * The Lambda handler of one scheduled job: bounded work per invocation, metrics flushed after it; its line and
 * the `StoreCalls` metrics (route: the job's name) count its AWS calls.
 */
export const createJobHandler =
  (deps: OperatorDependencies, job: JobName): JobHandler =>
  (event, context) =>
    countingCalls(async (calls) => {
      const input = jobInputSchema.safeParse(event ?? {});
      if (!input.success)
        throw new InvalidCommand(input.error.issues.map((i) => ({ field: i.path.join('.'), code: i.code })));
      const budget = {
        pageSize: deps.settings.pageSize,
        maxPages: deps.settings.maxPages,
        // Outside Lambda (the admin CLI) there is no time limit: middy then passes an empty context.
        timeIsUp: () =>
          typeof context?.getRemainingTimeInMillis === 'function' &&
          context.getRemainingTimeInMillis() < reserveMs,
      };
      try {
        const report = await jobs[job](deps, budget, input.data);
        log.info(logEvents.jobCompleted, {
          job,
          complete: report.complete,
          pages: report.pages,
          examined: report.examined,
          changed: report.changed,
          ...calls.logAttributes(),
        });
        return report;
      } catch (error) {
        log.error(logEvents.jobCompleted, {
          job,
          complete: false,
          ...errorKind(error),
          ...calls.logAttributes(),
        });
        throw error;
      } finally {
        if (isFlushable(deps.metrics)) {
          deps.metrics.storeCalls(job, calls.of('dynamodb'));
          deps.metrics.flush();
        }
      }
    });

const lambdaHandler = (job: JobName): JobHandler => {
  const ready = onceUntilFailure(() => operatorDependencies().then((deps) => createJobHandler(deps, job)));
  return (event, context) =>
    countingCalls(async () => {
      const handle = await ready().catch((error: unknown) => {
        log.error(logEvents.dependenciesUnavailable, errorKind(error));
        throw error;
      });
      return handle(event, context);
    });
};

/** One Lambda function per job (its own role): the CDK app names these exports as handlers. */
export const jobHandlers: Readonly<Record<JobName, JobHandler>> = {
  'verification-deadlines': lambdaHandler('verification-deadlines'),
  'activity-scan': lambdaHandler('activity-scan'),
  'daily-report': lambdaHandler('daily-report'),
  'purge-deleted': lambdaHandler('purge-deleted'),
};

export const verificationDeadlines = jobHandlers['verification-deadlines'];
export const activityScan = jobHandlers['activity-scan'];
export const dailyReport = jobHandlers['daily-report'];
export const purgeDeleted = jobHandlers['purge-deleted'];
