import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbLoginFailureCounter } from '../../../../functions/adapters/dynamodb/login-failures';
import { lockoutDelaySeconds, lockoutThreshold } from '../../../../functions/domain/accounts/account';
import {
  afterFailure,
  lockSecondsAfter,
  passwordLockout,
  retentionSeconds,
  type FailureRun,
} from '../../../../functions/domain/accounts/login-failures';
import { lockoutMemorySeconds } from '../../../../functions/domain/limits';

const start = new Date('2026-11-25T10:00:00.000Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

describe('The password lockout schedule (Security rules, 2.7)', () => {
  it('is the account lockout, step for step, for any run length', () => {
    for (let failures = 0; failures <= 200; failures += 1)
      expect(lockSecondsAfter(passwordLockout, failures)).toBe(lockoutDelaySeconds(failures));
    expect(passwordLockout.threshold).toBe(lockoutThreshold);
    expect(passwordLockout.forgetAfterSeconds).toBe(lockoutMemorySeconds);
  });

  it('lists the steps up to the longest lock (a day), so a store can judge any run with finitely many clauses', () => {
    expect(passwordLockout.lockSeconds[0]).toBe(60);
    expect(passwordLockout.lockSeconds.at(-1)).toBe(86_400);
    expect(new Set(passwordLockout.lockSeconds).size).toBe(passwordLockout.lockSeconds.length);
    expect(retentionSeconds(passwordLockout)).toBe(86_400 + lockoutMemorySeconds);
  });
});

describe('Function: afterFailure, the rule every failure counter follows', () => {
  it('counts 4 failures, locks from the 5th (60 s), refuses while locked, then locks twice as long', () => {
    let run: FailureRun | undefined;
    const fail = (now: Date) => {
      const { outcome, next } = afterFailure(passwordLockout, run, now);
      run = next ?? run;
      return outcome;
    };
    for (let i = 1; i <= 4; i += 1) expect(fail(at(0))).toEqual({ locked: false, failures: i });
    expect(fail(at(0))).toEqual({ locked: false, failures: 5, lockedUntil: at(60) });
    expect(fail(at(59))).toEqual({ locked: true, lockedUntil: at(60) });
    expect(run).toEqual({ failures: 5, lastFailureAt: start.getTime() });
    expect(fail(at(60))).toEqual({ locked: false, failures: 6, lockedUntil: at(180) });
    expect(fail(at(100))).toEqual({ locked: true, lockedUntil: at(180) });
  });

  it('forgets a run lockoutMemorySeconds after its last failure, or after the end of its lock', () => {
    const memory = lockoutMemorySeconds;
    const below = { failures: 4, lastFailureAt: start.getTime() };
    expect(afterFailure(passwordLockout, below, at(memory - 1)).outcome).toMatchObject({ failures: 5 });
    expect(afterFailure(passwordLockout, below, at(memory)).outcome).toEqual({ locked: false, failures: 1 });
    const locked = { failures: 6, lastFailureAt: start.getTime() }; // locked until +120 s
    expect(afterFailure(passwordLockout, locked, at(120 + memory - 1)).outcome).toMatchObject({
      failures: 7,
    });
    expect(afterFailure(passwordLockout, locked, at(120 + memory)).outcome).toEqual({
      locked: false,
      failures: 1,
    });
  });
});

const dynamo = mockClient(DynamoDBDocumentClient);
const counter = new DynamoDbLoginFailureCounter(
  DynamoDBDocumentClient.from(new DynamoDBClient({})),
  'portal',
);

describe('Class: DynamoDbLoginFailureCounter', () => {
  beforeEach(() => dynamo.reset());

  it('counts with one conditional UpdateItem (ADD) on the phone key item: atomic, no read first', async () => {
    dynamo.on(UpdateCommand).resolves({ Attributes: { failures: 5, lastFailureAt: start.getTime() } });

    const outcome = await counter.countFailure('abc123', start, passwordLockout);

    expect(outcome).toEqual({ locked: false, failures: 5, lockedUntil: at(60) });
    expect(dynamo.calls()).toHaveLength(1);
    expect(dynamo).toReceiveCommandWith(UpdateCommand, {
      TableName: 'portal',
      Key: { pk: 'LOGINFAIL#abc123', sk: 'LOGINFAIL' },
      UpdateExpression: 'ADD #f :one SET #at = :now, #ttl = :ttl, #type = :type',
      ConditionExpression: expect.stringMatching(/^attribute_not_exists\(#f\) OR NOT \(/),
      ExpressionAttributeValues: expect.objectContaining({
        ':one': 1,
        ':now': start.getTime(),
        ':ttl': start.getTime() / 1000 + 86_400 + lockoutMemorySeconds,
      }),
    });
  });

  it('answers locked from the run the failed condition returns, with no further write', async () => {
    dynamo.on(UpdateCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: { failures: { N: '6' }, lastFailureAt: { N: String(start.getTime()) } },
      }),
    );

    const outcome = await counter.countFailure('abc123', at(30), passwordLockout);

    expect(outcome).toEqual({ locked: true, lockedUntil: at(120) });
    expect(dynamo.calls()).toHaveLength(1);
  });

  it('reads the run when the failed condition returns none, and starts a forgotten run over', async () => {
    dynamo
      .on(UpdateCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }))
      .resolves({ Attributes: { failures: 1, lastFailureAt: at(8 * 86_400).getTime() } });
    dynamo.on(GetCommand).resolves({ Item: { failures: 3, lastFailureAt: start.getTime() } });

    const outcome = await counter.countFailure('abc123', at(8 * 86_400), passwordLockout);

    expect(outcome).toEqual({ locked: false, failures: 1 });
    expect(dynamo).toReceiveCommandTimes(UpdateCommand, 2);
    expect(dynamo.commandCalls(UpdateCommand)[1]!.args[0].input.UpdateExpression).toBe(
      'SET #f = :one, #at = :now, #ttl = :ttl, #type = :type',
    );
  });

  it('uses in each expression exactly the values it names (DynamoDB refuses unused ones)', async () => {
    dynamo
      .on(UpdateCommand)
      .rejectsOnce(
        new ConditionalCheckFailedException({
          message: 'failed',
          $metadata: {},
          Item: { failures: { N: '2' }, lastFailureAt: { N: '0' } },
        }),
      )
      .resolves({ Attributes: { failures: 1, lastFailureAt: start.getTime() } });
    await counter.countFailure('abc123', start, passwordLockout);
    for (const call of dynamo.commandCalls(UpdateCommand)) {
      const { UpdateExpression, ConditionExpression, ExpressionAttributeValues } = call.args[0].input;
      const used = new Set(`${UpdateExpression} ${ConditionExpression}`.match(/:\w+/g));
      expect(new Set(Object.keys(ExpressionAttributeValues!))).toEqual(used);
    }
  });
});
