import { lockoutDelaySeconds, lockoutThreshold } from '../../../../functions/domain/accounts/account';
import { lockoutMemorySeconds } from '../../../../functions/domain/limits';
import { AccountLocked, InvalidCredentials, TooManyRequests } from '../../../../functions/domain/errors';
import { inMemoryAccountDependencies, type InMemoryDependencies } from '../../../support/fakes';
import { pausesPassAtOnce, withoutPauses } from '../../../support/fakes/pauses';
import {
  auditedActions,
  identity,
  logIn,
  minutes,
  refusalOf,
  registered,
  storedAccount,
  stranger,
  type Registered,
} from './applicants';

const wrongPassword = 'not-the-password';

/**
 * Security rules (brute force): password login locks from the 5th failure in a row, for 1 minute, doubling with
 * each further failure up to a day; a locked account answers 423 with Retry-After without checking the password;
 * the right password after the lock resets the count.
 */
describe('Password login and its lockout', () => {
  let deps: InMemoryDependencies;
  let applicant: Registered;

  const failOnce = () =>
    expect(logIn(deps, applicant, wrongPassword)).rejects.toBeInstanceOf(InvalidCredentials);
  const fail = async (times: number) => {
    for (let i = 0; i < times; i += 1) await failOnce();
  };
  /** The Retry-After of the refusal the right password gets now. */
  const retryAfterNow = async () => {
    const refusal = await refusalOf(logIn(deps, applicant));
    expect(refusal).toBeInstanceOf(AccountLocked);
    return refusal.retryAfterSeconds;
  };
  /** Waits out the current lock, then fails once more: returns the lock that failure earned. */
  const failAfterLock = async () => {
    deps.clock.advance((await retryAfterNow())!);
    await failOnce();
    return retryAfterNow();
  };

  beforeEach(async () => {
    deps = inMemoryAccountDependencies();
    applicant = await registered(deps);
  });

  it('refuses a wrong password as invalid credentials, counts the failure and audits it', async () => {
    await failOnce();

    expect(await storedAccount(deps, applicant.accountId)).toMatchObject({ failedLogins: 1 });
    expect(deps.accounts.auditTrail(applicant.accountId).at(-1)).toMatchObject({
      action: 'login_failed',
      result: 'failure',
      detail: 'wrong_password',
    });
    expect(deps.metrics.total('LoginFailures', { method: 'password' })).toBe(1);
  });

  it('answers an unknown phone exactly as a wrong password (no enumeration)', async () => {
    const unknown = { phone: identity(2).phone, password: wrongPassword };

    const refusals = [
      await refusalOf(logIn(deps, unknown)),
      await refusalOf(logIn(deps, applicant, wrongPassword)),
    ];

    expect(refusals.map((r) => [r.constructor, r.code, r.retryAfterSeconds])).toEqual([
      [InvalidCredentials, 'invalid_credentials', undefined],
      [InvalidCredentials, 'invalid_credentials', undefined],
    ]);
  });

  it(`checks ${lockoutThreshold} failures in a row, and locks for a minute from the ${lockoutThreshold}th`, async () => {
    await fail(lockoutThreshold - 1);

    await failOnce();

    expect(await retryAfterNow()).toBe(60);
  });

  it('refuses a locked account with 423 without checking the password, not even the right one', async () => {
    await fail(lockoutThreshold);
    const verify = jest.spyOn(deps.passwords, 'verify');

    const refusal = await refusalOf(logIn(deps, applicant));

    expect(refusal).toMatchObject({ code: 'account_locked', retryAfterSeconds: 60 });
    expect(verify).not.toHaveBeenCalled();
  });

  it('says in whole seconds, at least 1, how long the lock has left', async () => {
    await fail(lockoutThreshold);

    deps.clock.advance(45);
    expect(await retryAfterNow()).toBe(15);
    deps.clock.advance(14.5);
    expect(await retryAfterNow()).toBe(1);
    deps.clock.advance(0.5);
    await expect(logIn(deps, applicant)).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('doubles the delay with each further failure, up to a day', async () => {
    await fail(lockoutThreshold);
    const locks = [await retryAfterNow()];
    for (let failures = lockoutThreshold + 1; failures <= 17; failures += 1)
      locks.push(await failAfterLock());

    expect(locks).toEqual([60, 120, 240, 480, 960, 1920, 3840, 7680, 15_360, 30_720, 61_440, 86_400, 86_400]);
    expect(lockoutDelaySeconds(100)).toBe(86_400);
  });

  it('neither counts nor extends the lock with attempts made while locked, but audits each and counts a lockout', async () => {
    await fail(lockoutThreshold);
    const locked = await storedAccount(deps, applicant.accountId);

    for (let i = 0; i < 3; i += 1) {
      deps.clock.advance(10);
      await expect(logIn(deps, applicant, wrongPassword)).rejects.toBeInstanceOf(AccountLocked);
    }

    expect(await storedAccount(deps, applicant.accountId)).toMatchObject({
      failedLogins: locked.failedLogins,
      lockedUntil: locked.lockedUntil,
    });
    expect(deps.accounts.auditTrail(applicant.accountId).filter((e) => e.detail === 'locked')).toHaveLength(
      3,
    );
    expect(deps.metrics.total('Lockouts')).toBe(3);
  });

  it('resets the count with the right password after the lock: the next run needs five failures again and locks for a minute', async () => {
    await fail(lockoutThreshold);
    deps.clock.advance(60);

    await logIn(deps, applicant);
    await fail(lockoutThreshold - 1);
    await expect(logIn(deps, applicant)).resolves.toMatchObject({ token: expect.any(String) });
    await fail(lockoutThreshold);

    expect(await retryAfterNow()).toBe(60);
    expect(auditedActions(deps, applicant.accountId).filter((a) => a === 'login:success')).toHaveLength(2);
  });

  it('forgets a run of failures a day after its last one: the next failure starts a new run', async () => {
    await fail(lockoutThreshold - 1);
    deps.clock.advance(lockoutMemorySeconds);

    await failOnce();

    await expect(logIn(deps, applicant)).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('locks an unknown phone exactly as a registered one, so the lockout tells nobody which is which (2.7)', async () => {
    const unknown = { phone: identity(2).phone, password: wrongPassword };
    const refusalsOf = async (who: Pick<Registered, 'phone' | 'password'>) => {
      const codes = [];
      for (let i = 0; i <= lockoutThreshold; i += 1)
        codes.push((await refusalOf(logIn(deps, who, wrongPassword))).code);
      return { codes, retryAfter: (await refusalOf(logIn(deps, who))).retryAfterSeconds };
    };

    const [registeredPhone, unknownPhone] = [await refusalsOf(applicant), await refusalsOf(unknown)];

    expect(unknownPhone).toEqual(registeredPhone);
    expect(unknownPhone).toEqual({
      codes: [...Array<string>(lockoutThreshold).fill('invalid_credentials'), 'account_locked'],
      retryAfter: 60,
    });
  });

  it('refuses the 101st login from one requester within the 10-minute window, until the window ends (2.8)', async () => {
    for (let attempt = 0; attempt < 100; attempt += 1)
      await expect(
        logIn(deps, { phone: identity(1000 + attempt).phone, password: wrongPassword }),
      ).rejects.toBeInstanceOf(InvalidCredentials);
    deps.clock.advance(minutes(4));

    const refusal = await refusalOf(logIn(deps, applicant));

    expect(refusal).toBeInstanceOf(TooManyRequests);
    expect(refusal.retryAfterSeconds).toBe(minutes(6));
    await expect(logIn(deps, applicant, applicant.password, stranger)).resolves.toBeDefined();
    deps.clock.advance(minutes(6));
    await expect(logIn(deps, applicant)).resolves.toBeDefined();
  });

  describe('with guesses in parallel', () => {
    pausesPassAtOnce();

    it('counts each on the version it read: five are checked, then the lock refuses the rest unchecked', async () => {
      const verify = jest.spyOn(deps.passwords, 'verify');
      const guesses = Array.from({ length: 20 }, (_, i) =>
        refusalOf(logIn(deps, applicant, `${wrongPassword}-${i}`, { ...stranger, ip: `203.0.113.${i + 1}` })),
      );

      const refusals = await withoutPauses(Promise.all(guesses));

      const outcomes = refusals.map((refusal) => refusal.code);
      expect(outcomes.filter((code) => code === 'invalid_credentials')).toHaveLength(lockoutThreshold);
      expect(outcomes.filter((code) => code === 'account_locked')).toHaveLength(20 - lockoutThreshold);
      expect(verify).toHaveBeenCalledTimes(lockoutThreshold);
      expect(await storedAccount(deps, applicant.accountId)).toMatchObject({
        failedLogins: lockoutThreshold,
      });
      await expect(withoutPauses(logIn(deps, applicant))).rejects.toBeInstanceOf(AccountLocked);
    });
  });
});
