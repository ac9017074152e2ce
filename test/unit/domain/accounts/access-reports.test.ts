import { lockoutThreshold } from '../../../../functions/domain/accounts/account';
import {
  confirmReportCode,
  reportFromCabinet,
  requestReportCode,
  type ReportDetails,
} from '../../../../functions/domain/accounts/access-reports';
import { activity } from '../../../../functions/domain/accounts/cabinet';
import { confirmPhoneChange, requestPhoneChange } from '../../../../functions/domain/accounts/phone-change';
import { logEvents } from '../../../../functions/commons/log-events';
import { AccountLocked, InvalidCode, InvalidCredentials } from '../../../../functions/domain/errors';
import type { E164Phone, Pin } from '../../../../functions/domain/identity';
import { inMemoryAccountDependencies, type InMemoryDependencies } from '../../../support/fakes';
import { pausesPassAtOnce, withoutPauses } from '../../../support/fakes/pauses';
import {
  anotherSession,
  identity,
  isLive,
  logIn,
  loggedIn,
  minutes,
  origin,
  refusalOf,
  requestWith,
  storedAccount,
  stranger,
  whileNextPasswordIsChecked,
  type LoggedIn,
} from './applicants';

const intruderPhone = '+996555999000' as E164Phone;

/**
 * 2.6, 2.7: the applicant reports unauthorized access, from the cabinet or, without logging in, with a code sent to
 * the phone. In one change every session ends and the password is replaced (the new one by SMS to the login phone),
 * operators are alerted; the actions after the report are not the applicant's, those in the reported window are
 * flagged for review.
 */
describe('Reporting unauthorized access', () => {
  let deps: InMemoryDependencies;
  let owner: LoggedIn;

  const reportFrom = (session: LoggedIn, details: ReportDetails = {}) =>
    reportFromCabinet(deps, session.auth, details, origin);
  const newPasswordOf = (phone: string) => deps.sms.lastSecret(phone, 'password');
  const passwordSmsTo = (phone: string) => deps.sms.to(phone).filter((m) => m.purpose === 'password');
  const askCode = (phone: string, pin: string, from = origin) =>
    requestReportCode(deps, { phone: phone as E164Phone, pin: pin as Pin }, from);
  const confirmCode = (requestId: string, code: string, details: ReportDetails = {}) =>
    confirmReportCode(deps, { requestId, code, ...details }, origin);
  /** The intruder's session, on another network, with the owner's password. */
  const intruderSession = () => anotherSession(deps, owner, stranger);

  beforeEach(async () => {
    deps = inMemoryAccountDependencies();
    owner = await loggedIn(deps);
  });

  describe('from the cabinet', () => {
    it('ends every session and replaces the password at once; the new one goes by SMS to the login phone', async () => {
      const other = await anotherSession(deps, owner);

      const { reportId } = await reportFrom(owner, { description: 'Not me' });

      expect([await isLive(deps, owner.token), await isLive(deps, other.token)]).toEqual([false, false]);
      expect(await refusalOf(logIn(deps, owner))).toBeInstanceOf(InvalidCredentials);
      await expect(logIn(deps, owner, newPasswordOf(owner.phone))).resolves.toBeDefined();
      expect(await deps.accounts.reports(owner.accountId)).toEqual([
        expect.objectContaining({ reportId, channel: 'cabinet', status: 'open', description: 'Not me' }),
      ]);
    });

    it('alerts operators with ids only (2.4), and records the report even when the alert cannot go', async () => {
      const { reportId } = await reportFrom(owner);
      deps.alerts.failing = true;
      const again = await reportFrom(
        await anotherSession(deps, { ...owner, password: newPasswordOf(owner.phone) }),
      );

      expect(deps.alerts.published).toEqual([
        expect.objectContaining({ kind: 'access_report', accountId: owner.accountId, reportId }),
      ]);
      expect(JSON.stringify(deps.alerts.published)).not.toContain(owner.phone);
      expect((await deps.accounts.reports(owner.accountId)).map((r) => r.reportId)).toContain(again.reportId);
      expect(deps.log.of(logEvents.alertFailed)).toEqual([
        expect.objectContaining({ reportId: again.reportId }),
      ]);
    });

    it('keeps the report and the ended sessions when the SMS fails, logging the failure without the password', async () => {
      deps.sms.failing = true;

      await reportFrom(owner);

      expect(await isLive(deps, owner.token)).toBe(false);
      expect(await deps.accounts.reports(owner.accountId)).toHaveLength(1);
      expect(deps.metrics.total('SmsFailed', { purpose: 'password' })).toBe(1);
      expect(deps.log.of(logEvents.smsFailed)).toEqual([
        { accountId: owner.accountId, purpose: 'password', errorName: 'Error' },
      ]);
    });

    it('lets in an owner locked out by someone’s guesses: the new password works at once', async () => {
      for (let i = 0; i < lockoutThreshold; i += 1)
        await logIn(deps, owner, 'guess', stranger).catch(() => undefined);
      expect(await refusalOf(logIn(deps, owner))).toBeInstanceOf(AccountLocked);

      await reportFrom(owner);

      await expect(logIn(deps, owner, newPasswordOf(owner.phone))).resolves.toBeDefined();
    });

    it('replaces the password once for reports filed together (within 10 seconds); a later one replaces it again', async () => {
      const other = await anotherSession(deps, owner);

      await reportFrom(owner);
      deps.clock.advance(5);
      await reportFrom(other);
      const afterBoth = passwordSmsTo(owner.phone).length;
      deps.clock.advance(10);
      await reportFrom(await anotherSession(deps, { ...owner, password: newPasswordOf(owner.phone) }));

      expect(await deps.accounts.reports(owner.accountId)).toHaveLength(3);
      expect(afterBoth).toBe(2);
      expect(passwordSmsTo(owner.phone)).toHaveLength(3);
    });

    it('refuses a suspected start in the future before anything changes', async () => {
      const tomorrow = new Date(deps.clock.now().getTime() + 86_400_000).toISOString();

      expect(await refusalOf(reportFrom(owner, { suspectedSince: tomorrow }))).toMatchObject({
        code: 'validation_failed',
      });
      expect(await deps.accounts.reports(owner.accountId)).toEqual([]);
      expect(await isLive(deps, owner.token)).toBe(true);
    });

    describe('filed twice at the same moment', () => {
      pausesPassAtOnce();

      it('records both, each on the state the other left: sessions end once, one new password is valid', async () => {
        const other = await anotherSession(deps, owner);
        const before = passwordSmsTo(owner.phone).length;

        await withoutPauses(Promise.all([reportFrom(owner), reportFrom(other)]));

        expect(await deps.accounts.reports(owner.accountId)).toHaveLength(2);
        expect(passwordSmsTo(owner.phone)).toHaveLength(before + 1);
        await expect(withoutPauses(logIn(deps, owner, newPasswordOf(owner.phone)))).resolves.toBeDefined();
      });
    });
  });

  describe('without logging in, with a code sent to the phone', () => {
    it('sends a code only where phone and PIN belong to one account, and answers alike either way (no enumeration)', async () => {
      const answers = [
        await askCode(owner.phone, identity(9).pin),
        await askCode(identity(9).phone, owner.pin),
        await askCode(owner.phone, owner.pin),
      ];

      expect(answers).toEqual([
        { requestId: expect.any(String) },
        { requestId: expect.any(String) },
        { requestId: expect.any(String) },
      ]);
      expect(deps.sms.sent.filter((m) => m.purpose === 'code').map((m) => m.phone)).toEqual([owner.phone]);
    });

    it('files the report with the code, with the same effects, and takes the code once', async () => {
      const { requestId } = await askCode(owner.phone, owner.pin);
      const code = deps.sms.lastSecret(owner.phone, 'code');

      await confirmCode(requestId, code, { description: 'Stolen phone' });

      expect(await isLive(deps, owner.token)).toBe(false);
      expect(await refusalOf(logIn(deps, owner))).toBeInstanceOf(InvalidCredentials);
      await expect(logIn(deps, owner, newPasswordOf(owner.phone))).resolves.toBeDefined();
      expect((await deps.accounts.reports(owner.accountId)).map((r) => r.channel)).toEqual(['sms_code']);
      expect(await refusalOf(confirmCode(requestId, code))).toBeInstanceOf(InvalidCode);
    });

    it('counts guesses against their own request only: a stranger who knows the phone cannot burn the owner’s code', async () => {
      const { requestId } = await askCode(owner.phone, owner.pin);
      const code = deps.sms.lastSecret(owner.phone, 'code');
      const decoy = await askCode(owner.phone, identity(9).pin, stranger);

      for (let guess = 0; guess < 10; guess += 1)
        expect(await refusalOf(confirmCode(decoy.requestId, String(guess).padStart(6, '0')))).toBeInstanceOf(
          InvalidCode,
        );

      await expect(confirmCode(requestId, code)).resolves.toMatchObject({ reportId: expect.any(String) });
    });

    it('takes back a login an intruder moved to his phone: the owner reports from the previous phone (2.7)', async () => {
      const intruder = await intruderSession();
      await requestPhoneChange(
        deps,
        intruder.auth,
        { newPhone: intruderPhone, currentPassword: owner.password },
        stranger,
      );
      await confirmPhoneChange(deps, intruder.auth, deps.sms.lastSecret(intruderPhone, 'code'), stranger);

      const { requestId } = await askCode(owner.phone, owner.pin);
      await confirmCode(requestId, deps.sms.lastSecret(owner.phone, 'code'));

      const password = newPasswordOf(owner.phone);
      await expect(logIn(deps, owner, password)).resolves.toBeDefined();
      expect(await refusalOf(logIn(deps, { phone: intruderPhone, password }))).toBeInstanceOf(
        InvalidCredentials,
      );
      expect(
        await deps.accounts.findByClaim('phone', deps.vault.lookupKey('phone', intruderPhone)),
      ).toBeUndefined();
      expect(passwordSmsTo(intruderPhone)).toEqual([]);
    });
  });

  describe('attributes the account’s actions (2.6)', () => {
    const attributionsSeenBy = async (session: LoggedIn) => {
      const { items } = await activity(deps, await requestWith(deps, session.token), { limit: 20 });
      return items.map((item) => `${item.action}:${item.attribution}:${item.attributedToApplicant}`);
    };

    it('to the applicant before the report, flagged in the window reported, and not after it with a credential the report revoked', async () => {
      deps.clock.advance(minutes(1));
      const suspectedSince = deps.clock.iso();
      deps.clock.advance(minutes(1));
      const intruder = await intruderSession();
      deps.clock.advance(minutes(1));
      whileNextPasswordIsChecked(deps, () => reportFrom(owner, { suspectedSince }));

      await requestPhoneChange(
        deps,
        intruder.auth,
        { newPhone: intruderPhone, currentPassword: owner.password },
        stranger,
      );
      deps.clock.advance(minutes(1));
      const returned = await anotherSession(deps, { ...owner, password: newPasswordOf(owner.phone) });

      expect(await attributionsSeenBy(returned)).toEqual([
        'login:applicant:true',
        'phone_change_requested:revoked_credential:false',
        'access_reported:applicant:true',
        'login:disputed:true',
        'login:applicant:true',
        'registration:applicant:true',
      ]);
    });

    it('and refuses, at its next step, a change under way with a session the report ended', async () => {
      const intruder = await intruderSession();
      await requestPhoneChange(
        deps,
        intruder.auth,
        { newPhone: intruderPhone, currentPassword: owner.password },
        stranger,
      );
      await reportFrom(owner);

      expect(
        await refusalOf(
          confirmPhoneChange(deps, intruder.auth, deps.sms.lastSecret(intruderPhone, 'code'), stranger),
        ),
      ).toMatchObject({ code: 'unauthenticated' });
      expect((await storedAccount(deps, owner.accountId)).claims.phone).toBe(
        deps.vault.lookupKey('phone', owner.phone),
      );
    });
  });
});
