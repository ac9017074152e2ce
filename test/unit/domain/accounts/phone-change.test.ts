import { lockoutThreshold } from '../../../../functions/domain/accounts/account';
import { cabinetView } from '../../../../functions/domain/accounts/cabinet';
import { codePolicy } from '../../../../functions/domain/accounts/codes';
import { confirmPhoneChange, requestPhoneChange } from '../../../../functions/domain/accounts/phone-change';
import { endSessions } from '../../../../functions/domain/accounts/sessions';
import { phoneReservationDays } from '../../../../functions/domain/accounts/previous-phones';
import {
  AlreadyRegistered,
  InvalidCode,
  InvalidCredentials,
  ReauthenticationRequired,
  TooManyRequests,
  Unauthenticated,
} from '../../../../functions/domain/errors';
import type { E164Phone } from '../../../../functions/domain/identity';
import { inMemoryAccountDependencies, type InMemoryDependencies } from '../../../support/fakes';
import {
  anotherSession,
  auditedActions,
  hours,
  identity,
  logIn,
  loggedIn,
  minutes,
  origin,
  refusalOf,
  registered,
  registerWith,
  storedAccount,
  type LoggedIn,
} from './applicants';

const newPhone = '+996555000111' as E164Phone;

/**
 * 2.2, 2.5, 2.7: the applicant moves the login to a new phone. The current password proves the owner; a 6-digit
 * code goes to the new phone; the login moves only when that code comes back, once, within 10 minutes and five
 * tries; the phone it leaves hears of it and stays reserved to the account.
 */
describe('Phone change', () => {
  let deps: InMemoryDependencies;
  let applicant: LoggedIn;

  const requestChange = (
    to: E164Phone = newPhone,
    proof: { currentPassword?: string } = { currentPassword: applicant.password },
  ) => requestPhoneChange(deps, applicant.auth, { newPhone: to, ...proof }, origin);
  const codeSentTo = (phone: string) => deps.sms.lastSecret(phone, 'code');
  const confirm = (code: string, as: LoggedIn = applicant) => confirmPhoneChange(deps, as.auth, code, origin);
  const wrong = (code: string) => (code === '000000' ? '111111' : '000000');
  const loginPhone = async () => cabinetView(deps, await storedAccount(deps, applicant.accountId)).login;

  beforeEach(async () => {
    deps = inMemoryAccountDependencies();
    applicant = await loggedIn(deps);
  });

  it('moves the login only when the code sent to the new phone comes back', async () => {
    await requestChange();
    const code = codeSentTo(newPhone);
    expect(code).toMatch(/^\d{6}$/);
    expect(deps.sms.to(applicant.phone).filter((m) => m.purpose === 'code')).toEqual([]);
    expect(await loginPhone()).toBe(applicant.phone);

    const view = await confirm(code);

    expect(view.login).toBe(newPhone);
    await expect(logIn(deps, { phone: newPhone, password: applicant.password })).resolves.toBeDefined();
    expect(await refusalOf(logIn(deps, applicant))).toBeInstanceOf(InvalidCredentials);
    expect(auditedActions(deps, applicant.accountId)).toEqual(
      expect.arrayContaining(['phone_change_requested:success', 'phone_changed:success']),
    );
  });

  it('tells the phone the login left, with no secret in the notice (2.7)', async () => {
    await requestChange();
    await confirm(codeSentTo(newPhone));

    expect(deps.sms.to(applicant.phone).at(-1)).toMatchObject({ purpose: 'notice' });
    expect(deps.sms.to(applicant.phone).at(-1)).not.toHaveProperty('secret');
  });

  it('needs the current password, not a session alone (2.7): none is 403, a wrong one 401, and no code goes', async () => {
    expect(await refusalOf(requestChange(newPhone, {}))).toBeInstanceOf(ReauthenticationRequired);
    expect(await refusalOf(requestChange(newPhone, { currentPassword: 'not-the-password' }))).toBeInstanceOf(
      InvalidCredentials,
    );
    expect(deps.sms.to(newPhone)).toEqual([]);
  });

  it('refuses a new phone that another account holds, and sends it nothing (2.2)', async () => {
    const other = await registered(deps, 2);
    const sent = deps.sms.sent.length;

    expect(await refusalOf(requestChange(other.phone))).toBeInstanceOf(AlreadyRegistered);
    expect(deps.sms.sent.length).toBe(sent);
  });

  describe('takes the code', () => {
    it('once only', async () => {
      await requestChange();
      const code = codeSentTo(newPhone);
      await confirm(code);

      expect(await refusalOf(confirm(code))).toBeInstanceOf(InvalidCode);
    });

    it(`for ${codePolicy.lifetimeSeconds / 60} minutes only`, async () => {
      await requestChange();
      deps.clock.advance(codePolicy.lifetimeSeconds);

      expect(await refusalOf(confirm(codeSentTo(newPhone)))).toBeInstanceOf(InvalidCode);
      expect(await loginPhone()).toBe(applicant.phone);
    });

    it(`within ${codePolicy.maxAttempts} tries: each wrong one is audited, and then even the right code is refused`, async () => {
      await requestChange();
      const code = codeSentTo(newPhone);

      for (let i = 0; i < codePolicy.maxAttempts; i += 1)
        expect(await refusalOf(confirm(wrong(code)))).toBeInstanceOf(InvalidCode);

      expect(await refusalOf(confirm(code))).toBeInstanceOf(InvalidCode);
      expect(
        auditedActions(deps, applicant.accountId).filter((a) => a === 'phone_change_failed:failure'),
      ).toHaveLength(codePolicy.maxAttempts + 1);
    });

    it('of the latest request only: the earlier request can no longer move the login to its phone', async () => {
      await requestChange();
      const earlier = codeSentTo(newPhone);
      const other = '+996555000222' as E164Phone;
      await requestChange(other);
      const latest = codeSentTo(other);

      for (const code of [earlier, latest]) await confirm(code).catch(() => undefined);

      expect(await loginPhone()).toBe(other);
    });
  });

  it('moves nothing when another applicant registered the new phone meanwhile: the claim is unique (2.2)', async () => {
    await requestChange();
    const code = codeSentTo(newPhone);
    await registerWith(deps, { ...identity(2), phone: newPhone });

    expect(await refusalOf(confirm(code))).toBeInstanceOf(AlreadyRegistered);
    expect(await loginPhone()).toBe(applicant.phone);
    expect(await deps.accounts.findByClaim('phone', deps.vault.lookupKey('phone', applicant.phone))).toBe(
      applicant.accountId,
    );
  });

  it('moves nothing for a session that ended meanwhile (2.7)', async () => {
    await requestChange();
    const other = await anotherSession(deps, applicant);
    await endSessions(deps, other.auth, 'all', origin);

    expect(await refusalOf(confirm(codeSentTo(newPhone)))).toBeInstanceOf(Unauthenticated);
    expect(await loginPhone()).toBe(applicant.phone);
  });

  it(`keeps the phone it left reserved to the account for ${phoneReservationDays} days: nobody registers it before`, async () => {
    await requestChange();
    await confirm(codeSentTo(newPhone));
    const newcomer = { ...identity(2), phone: applicant.phone };

    expect(await refusalOf(registerWith(deps, newcomer))).toBeInstanceOf(AlreadyRegistered);
    deps.clock.advance(phoneReservationDays * hours(24));
    await expect(registerWith(deps, newcomer)).resolves.toBeDefined();
  });

  it('refuses a fourth code to the same new phone within the hour, with Retry-After until the hour ends (2.8)', async () => {
    for (let i = 0; i < 3; i += 1) {
      await requestChange();
      deps.clock.advance(minutes(4));
    }

    const refusal = await refusalOf(requestChange());

    expect(refusal).toBeInstanceOf(TooManyRequests);
    expect(refusal.retryAfterSeconds).toBe(hours(1) - minutes(12));
  });

  // Known defect, reported and not fixed here: checkCurrentPassword counts every check as a failed login, and nothing
  // resets the count when the password proves right, so five requests with the right password lock the owner out of
  // password login. Jest fails this test once the defect is fixed: then make it a plain `it`.
  it('counts no right current password toward the login lockout', async () => {
    for (let i = 0; i < lockoutThreshold; i += 1) await requestChange(`+99655500030${i}` as E164Phone);

    await expect(logIn(deps, applicant)).resolves.toBeDefined();
  });
});
