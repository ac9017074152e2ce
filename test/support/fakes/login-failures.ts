import {
  afterFailure,
  type FailureOutcome,
  type FailureRun,
  type LockoutSchedule,
  type LoginFailureCounter,
} from '../../../functions/domain/accounts/login-failures';

/**
 * Failed logins on unknown phones in memory, by the domain's reference rule (`afterFailure`): each count is read
 * and written in one step, so parallel attempts each get a distinct count as with the conditional UpdateItem of
 * DynamoDbLoginFailureCounter.
 */
export class InMemoryLoginFailureCounter implements LoginFailureCounter {
  private readonly runs = new Map<string, FailureRun>();

  async countFailure(key: string, now: Date, schedule: LockoutSchedule): Promise<FailureOutcome> {
    const { outcome, next } = afterFailure(schedule, this.runs.get(key), now);
    if (next) this.runs.set(key, next);
    return outcome;
  }

  /** The run counted for `key` (a phone's lookup key), if any. */
  runOf(key: string): FailureRun | undefined {
    return this.runs.get(key);
  }
}
