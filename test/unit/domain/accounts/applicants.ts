import type { Authenticated, PersonalData } from '../../../../functions/domain/accounts/account';
import { loginWithPassword } from '../../../../functions/domain/accounts/login';
import { register } from '../../../../functions/domain/accounts/registration';
import { authenticate } from '../../../../functions/domain/accounts/sessions';
import { updateAccount } from '../../../../functions/domain/accounts/updates';
import type { Account } from '../../../../functions/domain/accounts/account';
import type { RequestOrigin } from '../../../../functions/domain/audit';
import { recordConsent } from '../../../../functions/domain/consent/consent';
import { DomainError, Unauthenticated } from '../../../../functions/domain/errors';
import type { E164Phone, PassportNumber, Pin } from '../../../../functions/domain/identity';
import { hashSessionToken, type SessionToken } from '../../../../functions/domain/passwords';
import type { InMemoryDependencies } from '../../../support/fakes';

/** The applicant's browser, and somebody else's (another network). */
export const origin: RequestOrigin = { ip: '198.51.100.7', userAgent: 'Mozilla/5.0 (applicant)' };
export const stranger: RequestOrigin = { ip: '203.0.113.66', userAgent: 'Mozilla/5.0 (stranger)' };

/** Applicant number `n`: a valid, distinct +996 mobile, 2017 ID card number and PIN. */
export const identity = (n: number): PersonalData => ({
  phone: `+99670012${String(n).padStart(4, '0')}` as E164Phone,
  passportNumber: `ID${1_234_000 + n}` as PassportNumber,
  pin: `2150519901${String(n).padStart(4, '0')}` as Pin,
});

export interface Registered extends PersonalData {
  readonly accountId: string;
  /** The password from the registration SMS (2.5). */
  readonly password: string;
}

/** An applicant with `personalData` consents to the current agreement and registers; the password is read from their phone. */
export const registerWith = async (
  deps: InMemoryDependencies,
  personalData: PersonalData,
): Promise<Registered> => {
  const consent = await recordConsent(
    {
      agreementVersion: deps.agreements.current(deps.clock.now()).version,
      language: 'ru',
      sourceIp: origin.ip,
      userAgent: origin.userAgent,
    },
    deps,
  );
  const { accountId } = await register(
    { consentId: consent.consentId, applicantType: 'individual', personalData, origin },
    deps,
  );
  return { ...personalData, accountId, password: deps.sms.lastSecret(personalData.phone) };
};

/** Applicant `n` registered (see {@link identity}). */
export const registered = (deps: InMemoryDependencies, n = 1): Promise<Registered> =>
  registerWith(deps, identity(n));

/** A password login with the phone as login (2.1, 2.5); the password defaults to the applicant's own. */
export const logIn = (
  deps: InMemoryDependencies,
  applicant: Pick<Registered, 'phone' | 'password'>,
  password = applicant.password,
  from: RequestOrigin = origin,
) => loginWithPassword(deps, { phone: applicant.phone, password }, from);

export interface LoggedIn extends Registered {
  readonly token: string;
  readonly auth: Authenticated;
}

/** The applicant's next request with `token`: authenticated, or refused as a request would be. */
export const requestWith = (deps: InMemoryDependencies, token: string) => authenticate(deps, token);

/** Logs `applicant` in once more and authenticates the new session. */
export const anotherSession = async (
  deps: InMemoryDependencies,
  applicant: Registered,
  from: RequestOrigin = origin,
): Promise<LoggedIn> => {
  const { token } = await logIn(deps, applicant, applicant.password, from);
  return { ...applicant, token, auth: await requestWith(deps, token) };
};

/** Applicant `n` registered and logged in, with the session's token and what a request with it knows. */
export const loggedIn = async (deps: InMemoryDependencies, n = 1): Promise<LoggedIn> =>
  anotherSession(deps, await registered(deps, n));

/** The session item's key: the store knows a session only by its token's hash. */
export const hashOf = (token: string): string => hashSessionToken(token as SessionToken);

/** The account as stored now. */
export const storedAccount = async (deps: InMemoryDependencies, accountId: string): Promise<Account> => {
  const account = await deps.accounts.get(accountId);
  if (!account) throw new Error(`No account ${accountId}`);
  return account;
};

/** The actions of the account's audit trail, oldest first, as `action:result`. */
export const auditedActions = (deps: InMemoryDependencies, accountId: string): string[] =>
  deps.accounts.auditTrail(accountId).map((entry) => `${entry.action}:${entry.result}`);

/** What an operator's change does to the account item (block, 2.2), written as updateAccount writes it. */
export const operatorChanges = (deps: InMemoryDependencies, accountId: string, change: Partial<Account>) =>
  updateAccount(deps, accountId, (account) => ({
    commit: { account: { ...account, ...change }, audit: [] },
    result: undefined,
  }));

export const minutes = (n: number): number => n * 60;
export const hours = (n: number): number => n * 3600;

/** The domain error `work` is refused with; fails the test when it succeeds or fails otherwise. */
export const refusalOf = async (work: Promise<unknown>): Promise<DomainError> => {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a refusal, but the request succeeded');
};

/** Whether a request with `token` would be served now (2.7: false once the session ended, expired or was revoked). */
export const isLive = (deps: InMemoryDependencies, token: string): Promise<boolean> =>
  requestWith(deps, token).then(
    () => true,
    (error: unknown) => (error instanceof Unauthenticated ? false : Promise.reject(error)),
  );

/**
 * Runs `meanwhile` once, right after the next password check and before the request that checked it goes on: what
 * another request does while this one computes its KDF.
 */
export const whileNextPasswordIsChecked = (
  deps: InMemoryDependencies,
  meanwhile: () => Promise<unknown>,
): void => {
  const check = deps.passwords.verify.bind(deps.passwords);
  jest.spyOn(deps.passwords, 'verify').mockImplementationOnce(async (password, hash) => {
    const verified = await check(password, hash);
    await meanwhile();
    return verified;
  });
};
