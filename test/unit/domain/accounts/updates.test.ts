import { confirmReportCode, requestReportCode } from '../../../../functions/domain/accounts/access-reports';
import type { Account } from '../../../../functions/domain/accounts/account';
import { auditEntry } from '../../../../functions/domain/accounts/dependencies';
import type { SessionRecord } from '../../../../functions/domain/accounts/store';
import { endSessions } from '../../../../functions/domain/accounts/sessions';
import { updateAccount, updateAccountAs } from '../../../../functions/domain/accounts/updates';
import {
  AccountBusy,
  AlreadyRegistered,
  InvalidCode,
  Unauthenticated,
} from '../../../../functions/domain/errors';
import { inMemoryAccountDependencies, type InMemoryDependencies } from '../../../support/fakes';
import { pausesPassAtOnce, withoutPauses } from '../../../support/fakes/pauses';
import {
  anotherSession,
  identity,
  isLive,
  loggedIn,
  operatorChanges,
  origin,
  refusalOf,
  registerWith,
  storedAccount,
  type LoggedIn,
} from './applicants';

/**
 * Optimistic concurrency (updates.ts, Store): a change is computed on the account as read and committed only over
 * that version. When another writer came first, the store refuses the commit whole (ConcurrentUpdate) and the
 * change is computed again on the fresh state; after five lost turns the request gives up with 503 (AccountBusy).
 * Other refusals of the store (a claim taken, a code used up) are final.
 */
describe('Changing an account while others change it', () => {
  let deps: InMemoryDependencies;
  let applicant: LoggedIn;

  pausesPassAtOnce();

  /** A change that counts one more failed login on the state it is given, and how many times it was computed. */
  const countedFailure = () => {
    const computed: number[] = [];
    const change = (account: Account) => {
      computed.push(account.version);
      return {
        commit: { account: { ...account, failedLogins: account.failedLogins + 1 }, audit: [] },
        result: 'done',
      };
    };
    return { change, computed };
  };
  /** A session item that no login started. */
  const sessionItem = (accountId: string): SessionRecord => ({
    tokenHash: 'hash-of-a-token-nobody-holds',
    sessionId: 'session-never-started',
    accountId,
    method: 'password',
    createdAt: deps.clock.iso(),
    lastSeenAt: deps.clock.iso(),
    absoluteExpiresAt: deps.clock.iso(),
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (test)',
  });
  const anotherWriterComesFirst = (times = 1) =>
    deps.accounts.meanwhile(() => operatorChanges(deps, applicant.accountId, {}), times);

  beforeEach(async () => {
    deps = inMemoryAccountDependencies();
    applicant = await loggedIn(deps);
  });

  it('commits over the version it read, moving the version on', async () => {
    const { change } = countedFailure();
    const before = await storedAccount(deps, applicant.accountId);

    await withoutPauses(updateAccount(deps, applicant.accountId, change));

    expect(await storedAccount(deps, applicant.accountId)).toMatchObject({
      version: before.version + 1,
      failedLogins: before.failedLogins + 1,
    });
  });

  it('computes the change again on the fresh state when another writer came first, so that neither change is lost', async () => {
    const { change, computed } = countedFailure();
    const before = await storedAccount(deps, applicant.accountId);
    deps.accounts.meanwhile(() => updateAccount(deps, applicant.accountId, countedFailure().change));

    await withoutPauses(updateAccount(deps, applicant.accountId, change));

    expect(computed).toEqual([before.version, before.version + 1]);
    expect(await storedAccount(deps, applicant.accountId)).toMatchObject({
      version: before.version + 2,
      failedLogins: before.failedLogins + 2,
    });
  });

  it('writes nothing of a commit refused over a stale version: no audit entry, no session item, no claim', async () => {
    const trail = deps.accounts.auditTrail(applicant.accountId);
    const claim = deps.vault.lookupKey('passport', identity(2).passportNumber);
    anotherWriterComesFirst(5);

    await refusalOf(
      withoutPauses(
        updateAccount(deps, applicant.accountId, (account) => ({
          commit: {
            account: { ...account, claims: { ...account.claims, passport: claim } },
            audit: [auditEntry(deps, account.accountId, 'personal_data_changed', origin)],
            claimsToAdd: { passport: claim },
            claimsToRemove: { passport: account.claims.passport },
            sessionToStart: sessionItem(account.accountId),
          },
          result: undefined,
        })),
      ),
    );

    expect(deps.accounts.auditTrail(applicant.accountId)).toEqual(trail);
    expect(await deps.accounts.getSession(sessionItem(applicant.accountId).tokenHash)).toBeUndefined();
    expect(await deps.accounts.findByClaim('passport', claim)).toBeUndefined();
  });

  it('gives up after five lost turns with 503 and Retry-After 1, leaving the account as the others left it', async () => {
    const { change, computed } = countedFailure();
    anotherWriterComesFirst(5);

    const refusal = await refusalOf(withoutPauses(updateAccount(deps, applicant.accountId, change)));

    expect(refusal).toBeInstanceOf(AccountBusy);
    expect(refusal).toMatchObject({ code: 'service_unavailable', retryAfterSeconds: 1 });
    expect(computed).toHaveLength(5);
    expect(await storedAccount(deps, applicant.accountId)).toMatchObject({ failedLogins: 0 });
  });

  it('does not retry a claim taken meanwhile: the change is refused as already registered (2.2)', async () => {
    const newPhone = identity(2).phone;
    const claim = deps.vault.lookupKey('phone', newPhone);
    let computed = 0;
    deps.accounts.meanwhile(() => registerWith(deps, identity(2)));

    const refusal = await refusalOf(
      withoutPauses(
        updateAccount(deps, applicant.accountId, (account) => {
          computed += 1;
          return {
            commit: {
              account: { ...account, claims: { ...account.claims, phone: claim } },
              audit: [],
              claimsToAdd: { phone: claim },
              claimsToRemove: { phone: account.claims.phone },
            },
            result: undefined,
          };
        }),
      ),
    );

    expect(refusal).toBeInstanceOf(AlreadyRegistered);
    expect(computed).toBe(1);
    expect(await deps.accounts.findByClaim('phone', claim)).not.toBe(applicant.accountId);
  });

  it('refuses a session’s change on the fresh state once that session was ended meanwhile (2.7)', async () => {
    const other = await anotherSession(deps, applicant);
    deps.accounts.meanwhile(() => endSessions(deps, other.auth, 'all', origin));

    const refusal = await refusalOf(
      withoutPauses(updateAccountAs(deps, applicant.auth, countedFailure().change)),
    );

    expect(refusal).toBeInstanceOf(Unauthenticated);
    expect(await storedAccount(deps, applicant.accountId)).toMatchObject({ failedLogins: 0 });
  });

  it('ends a session with Exit while another login commits first: the session ends and the new one stays', async () => {
    let newcomer: LoggedIn | undefined;
    deps.accounts.meanwhile(async () => {
      newcomer = await anotherSession(deps, applicant);
    });

    await withoutPauses(endSessions(deps, applicant.auth, 'current', origin));

    expect([await isLive(deps, applicant.token), await isLive(deps, newcomer!.token)]).toEqual([false, true]);
  });

  it('files one report for a code confirmed twice at once: the other finds the code used up (InvalidCode)', async () => {
    const { requestId } = await requestReportCode(
      deps,
      { phone: applicant.phone, pin: applicant.pin },
      origin,
    );
    const code = deps.sms.lastSecret(applicant.phone, 'code');
    const confirm = () =>
      confirmReportCode(deps, { requestId, code }, origin).then(
        () => 'filed',
        (error: unknown) => (error instanceof InvalidCode ? 'invalid_code' : Promise.reject(error)),
      );

    const outcomes = await withoutPauses(Promise.all([confirm(), confirm()]));

    expect(outcomes.sort()).toEqual(['filed', 'invalid_code']);
    expect(await deps.accounts.reports(applicant.accountId)).toHaveLength(1);
  });

  it('refuses a change to an account that is not there', async () => {
    expect(await refusalOf(updateAccount(deps, 'no-such-account', countedFailure().change))).toBeInstanceOf(
      Unauthenticated,
    );
  });
});
