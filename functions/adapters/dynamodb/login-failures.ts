import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { portalTable } from '../../../contract/tables';
import {
  isForgotten,
  lockedUntilOf,
  lockSecondsAfter,
  retentionSeconds,
  type FailureOutcome,
  type FailureRun,
  type LockoutSchedule,
  type LoginFailureCounter,
} from '../../domain/accounts/login-failures';
import { AccountBusy } from '../../domain/errors';
import { keys } from './keys';

/** Attempts of one count before giving up (only when parallel attempts keep starting a forgotten run over). */
const maxAttempts = 5;

const names = { '#f': 'failures', '#at': 'lastFailureAt', '#ttl': portalTable.ttlAttribute, '#type': 'type' };

/**
 * The schedule as condition expressions over the stored run at `now`: "locked" and "forgotten" hold for a run of
 * any length, one clause per step of the schedule (a count beyond the last step is judged by the last step). Times
 * are epoch milliseconds, so a lock ends at the same millisecond as an account's `lockedUntil`.
 */
const conditionsAt = (schedule: LockoutSchedule, now: Date) => {
  const nowMs = now.getTime();
  const last = schedule.lockSeconds.length - 1;
  const forgetMs = schedule.forgetAfterSeconds * 1000;
  const counts: Record<string, number> = {};
  const lockedValues: Record<string, number> = {};
  const forgottenValues: Record<string, number> = {
    ':threshold': schedule.threshold,
    ':forgetBelow': nowMs - forgetMs,
  };
  const locked: string[] = [];
  const forgotten = ['(#f < :threshold AND #at <= :forgetBelow)'];
  schedule.lockSeconds.forEach((seconds, step) => {
    const count = `#f ${step === last ? '>=' : '='} :n${step}`;
    counts[`:n${step}`] = schedule.threshold + step;
    lockedValues[`:lockFrom${step}`] = nowMs - seconds * 1000;
    forgottenValues[`:forgetFrom${step}`] = nowMs - seconds * 1000 - forgetMs;
    locked.push(`(${count} AND #at > :lockFrom${step})`);
    forgotten.push(`(${count} AND #at <= :forgetFrom${step})`);
  });
  return {
    locked: locked.join(' OR '),
    forgotten: forgotten.join(' OR '),
    /** Every value the two expressions use: DynamoDB refuses values an expression does not use. */
    lockedOrForgottenValues: { ...counts, ...lockedValues, ...forgottenValues },
    forgottenValues: { ...counts, ...forgottenValues },
  };
};

/** The run in an item (as the document client reads it, or as DynamoDB returns it with a failed condition). */
const runOf = (item: Record<string, unknown> | undefined): FailureRun | undefined => {
  const number = (value: unknown): number | undefined => {
    if (typeof value === 'number') return value;
    const n = (value as { N?: string } | undefined)?.N;
    return n === undefined ? undefined : Number(n);
  };
  const failures = number(item?.failures);
  const lastFailureAt = number(item?.lastFailureAt);
  return failures === undefined || lastFailureAt === undefined ? undefined : { failures, lastFailureAt };
};

/**
 * Failed password logins on unknown phones (2.7), one item per phone lookup key, counted by a single conditional
 * `UpdateItem` (`ADD`) whose condition is the lockout itself: parallel attempts each get a distinct count, and once
 * one earns the lock, the condition refuses every later one (no read-then-write). A refused attempt reads the
 * stored run from the failed condition to say until when. The item's TTL lies past the longest lock and the
 * memory after it, so that DynamoDB drops it only once no answer depends on it; until then the condition treats a
 * forgotten run as none.
 *
 * @example
 * const counter = new DynamoDbLoginFailureCounter(documentClient, config().tableName);
 * await counter.countFailure(vault.lookupKey('phone', phone), clock.now(), passwordLockout);
 */
export class DynamoDbLoginFailureCounter implements LoginFailureCounter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async countFailure(key: string, now: Date, schedule: LockoutSchedule): Promise<FailureOutcome> {
    const { locked, forgotten, lockedOrForgottenValues, forgottenValues } = conditionsAt(schedule, now);
    const common = {
      TableName: this.tableName,
      Key: keys.loginFailures(key),
      ExpressionAttributeNames: names,
      ReturnValues: 'ALL_NEW' as const,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
    const written = {
      ':one': 1,
      ':now': now.getTime(),
      ':ttl': Math.ceil(now.getTime() / 1000) + retentionSeconds(schedule),
      ':type': 'login_failures',
    };
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      try {
        const { Attributes } = await this.client.send(
          new UpdateCommand({
            ...common,
            UpdateExpression: 'ADD #f :one SET #at = :now, #ttl = :ttl, #type = :type',
            ConditionExpression: `attribute_not_exists(#f) OR NOT (${locked} OR ${forgotten})`,
            ExpressionAttributeValues: { ...written, ...lockedOrForgottenValues },
          }),
        );
        return this.counted(schedule, now, Attributes);
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const run = runOf(error.Item) ?? (await this.read(key));
        const lockedUntil = run && lockedUntilOf(schedule, run, now);
        if (lockedUntil) return { locked: true, lockedUntil };
        if (run && !isForgotten(schedule, run, now)) continue; // changed meanwhile: count again
      }
      // A forgotten run starts over at one failure, unless another attempt came first (then count again).
      try {
        const { Attributes } = await this.client.send(
          new UpdateCommand({
            ...common,
            UpdateExpression: 'SET #f = :one, #at = :now, #ttl = :ttl, #type = :type',
            ConditionExpression: `attribute_not_exists(#f) OR ${forgotten}`,
            ExpressionAttributeValues: { ...written, ...forgottenValues },
          }),
        );
        return this.counted(schedule, now, Attributes);
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    throw new AccountBusy(new Error('Parallel attempts kept changing the login failure count'));
  }

  private counted(
    schedule: LockoutSchedule,
    now: Date,
    item: Record<string, unknown> | undefined,
  ): FailureOutcome {
    const run = runOf(item);
    if (!run) throw new Error('DynamoDB returned no login failure count');
    const lock = lockSecondsAfter(schedule, run.failures);
    return {
      locked: false,
      failures: run.failures,
      ...(lock > 0 && { lockedUntil: new Date(now.getTime() + lock * 1000) }),
    };
  }

  private async read(key: string): Promise<FailureRun | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.loginFailures(key), ConsistentRead: true }),
    );
    return runOf(Item);
  }
}
