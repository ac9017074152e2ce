import type { Authenticated } from '../../../../functions/domain/accounts/account';
import { closeAccount } from '../../../../functions/domain/accounts/closure';
import {
  InvalidCredentials,
  ReauthenticationRequired,
  Unauthenticated,
} from '../../../../functions/domain/errors';
import { smsText } from '../../../../functions/domain/sms-texts';
import { inMemoryAccountDependencies, type InMemoryDependencies } from '../../../support/fakes';
import {
  anotherSession,
  auditedActions,
  isLive,
  logIn,
  loggedIn,
  origin,
  refusalOf,
  registerWith,
  requestWith,
  storedAccount,
  type LoggedIn,
} from './applicants';

/**
 * 2.4: the applicant closes the account. After re-authentication (2.7) every session ends and the account is
 * deleted as by an operator: the purge erases its personal data after the retention period.
 */
describe('Closure of the account', () => {
  let deps: InMemoryDependencies;
  let applicant: LoggedIn;

  const close = (proof: { currentPassword?: string }, auth: Authenticated = applicant.auth) =>
    closeAccount(deps, auth, proof.currentPassword, origin);

  beforeEach(async () => {
    deps = inMemoryAccountDependencies();
    applicant = await loggedIn(deps);
  });

  it('ends every session and deletes the account, with the password gone (2.2, 2.4)', async () => {
    const other = await anotherSession(deps, applicant);

    await close({ currentPassword: applicant.password });

    expect(await isLive(deps, applicant.token)).toBe(false);
    expect(await isLive(deps, other.token)).toBe(false);
    const account = await storedAccount(deps, applicant.accountId);
    expect(account).toMatchObject({
      status: 'deleted',
      deletedAt: deps.clock.now().toISOString(),
      sessions: {},
    });
    expect(account.passwordHash).toBeUndefined();
  });

  it('tells the phone by a notice SMS in the language of the consent, with no secret (2.4, 2.7)', async () => {
    await close({ currentPassword: applicant.password });

    expect(deps.sms.to(applicant.phone).at(-1)).toEqual({
      phone: applicant.phone,
      purpose: 'notice',
      text: smsText('account_closed_notice', 'ru'),
    });
  });

  it('stays closed when the SMS provider refuses the notice, which is logged and counted without the phone', async () => {
    deps.sms.failing = true;

    await close({ currentPassword: applicant.password });

    expect((await storedAccount(deps, applicant.accountId)).status).toBe('deleted');
    expect(deps.metrics.total('SmsFailed', { purpose: 'notice' })).toBe(1);
    expect(JSON.stringify(deps.log.lines)).not.toContain(applicant.phone);
  });

  it('refuses a login afterwards as for a phone that opens no account: nothing tells it was registered', async () => {
    await close({ currentPassword: applicant.password });

    expect(await refusalOf(logIn(deps, applicant))).toBeInstanceOf(InvalidCredentials);
  });

  it('leaves the purge its marker, in the same transaction, counted from the closure (2.4)', async () => {
    await close({ currentPassword: applicant.password });

    expect(deps.table.scan().filter((item) => item.type === 'due')).toEqual([
      expect.objectContaining({
        kind: 'purge',
        accountId: applicant.accountId,
        dueAt: deps.clock.now().toISOString(),
      }),
    ]);
  });

  it('keeps the phone, PIN and passport number held until the purge, as an operator’s deletion does', async () => {
    await close({ currentPassword: applicant.password });

    await expect(registerWith(deps, applicant)).rejects.toMatchObject({ code: 'already_registered' });
  });

  it('shows in the activity, with each session it ended (2.6)', async () => {
    await close({ currentPassword: applicant.password });

    expect(auditedActions(deps, applicant.accountId).slice(-2)).toEqual([
      'account_closed:success',
      'logout:success',
    ]);
  });

  it('is harmless repeated: the session it ended is refused, and the account stays closed once', async () => {
    await close({ currentPassword: applicant.password });
    const closed = await storedAccount(deps, applicant.accountId);

    expect(await refusalOf(requestWith(deps, applicant.token))).toBeInstanceOf(Unauthenticated);
    expect(await storedAccount(deps, applicant.accountId)).toEqual(closed);
  });

  describe('needs re-authentication (2.7)', () => {
    it('none with a password session is 403, and the account stays open and sends no notice', async () => {
      const sent = deps.sms.sent.length;

      expect(await refusalOf(close({}))).toBeInstanceOf(ReauthenticationRequired);
      expect(await isLive(deps, applicant.token)).toBe(true);
      expect(deps.sms.sent.length).toBe(sent);
    });

    it('a wrong password is 401, counts toward the lockout and closes nothing', async () => {
      expect(await refusalOf(close({ currentPassword: 'not-the-password' }))).toBeInstanceOf(
        InvalidCredentials,
      );

      const account = await storedAccount(deps, applicant.accountId);
      expect(account).toMatchObject({ status: 'active', failedLogins: 1 });
      expect(auditedActions(deps, applicant.accountId).at(-1)).toBe('account_closure_failed:failure');
    });

    it('an ID-card session of the last 15 minutes needs no password', async () => {
      await close({}, { ...applicant.auth, session: { ...applicant.auth.session, method: 'id-card' } });

      expect((await storedAccount(deps, applicant.accountId)).status).toBe('deleted');
    });
  });
});
