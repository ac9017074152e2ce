import { activityScan } from './activity-scan';
import { dailyReport } from './daily-report';
import type { Job, JobName } from './job';
import { purgeDeleted } from './purge-deleted';
import { verificationDeadlines } from './verification-deadlines';

export * from './job';

/** Each scheduled job by its name. */
export const jobs: Readonly<Record<JobName, Job>> = {
  'verification-deadlines': verificationDeadlines,
  'activity-scan': activityScan,
  'daily-report': dailyReport,
  'purge-deleted': purgeDeleted,
};
