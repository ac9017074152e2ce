import { randomUUID } from 'node:crypto';
import { generatePassword } from '../functions/domain/passwords';
import { signChallenge } from '../lib/local/virtual-card/card';
import { issueCardCertificate, type DevCa } from '../lib/local/virtual-card/dev-ca';
import type { Deployment } from './deployment';
import type { CallOptions } from './events';
import type { PoolAccount } from './load';

/** What a scenario's calls share across both deployments: fresh identities, the ID-card CA, the bulk password. */
export interface ScenarioContext {
  readonly bulkPassword: string;
  readonly idCard: { readonly ca: DevCa; readonly origin: string };
  /**
   * Bulk applicants nobody else uses, for calls that spend an applicant's SMS or report allowance. Each is handed out
   * once per deployment, so the bench's demand (see {@link poolNeeded}) must fit in the smaller pool.
   */
  takeFromPool(count: number): PoolAccount[];
}

/** One route measured: how to prepare it once, and what each call sends (its setup is not timed). */
export interface Scenario {
  /** `METHOD /path` as in the route table. */
  readonly route: string;
  readonly expect: number;
  /**
   * SMS the setup and the call send together, notices included: the bench waits for room under the SMS fuse before
   * the call.
   */
  readonly smsPerCall: number;
  /**
   * Password-KDF runs inside the timed call (measured with the bench's KDF parameters, see run.ts; the cost model
   * adds the real KDF's time for each). A KDF of the untimed setup (a login, a request the call confirms) is not
   * counted here: it belongs to the route that runs it.
   */
  readonly kdfPerCall: number;
  /**
   * Bulk applicants one call uses up (fractions: several calls share one applicant). An applicant shared by
   * `1 / poolPerCall` calls must stay within a phone's SMS allowances (functions/domain/limits.ts): at most 3 of one
   * purpose, 5 a day from one network and 20 SMS a day in all; past the last one the portal answers 202 and sends
   * nothing, which the setup would only notice as a missing code.
   */
  readonly poolPerCall: number;
  /**
   * Seconds its 300 calls took on both deployments in a typical run (set-up and replays included): routes share the
   * time of a busy machine in proportion, rather than equally. The routes issue 18 (2.7) changed or added are
   * estimated from the routes like them until a quiet run measures them.
   */
  readonly weight: number;
  /** Replay the raw DynamoDB requests after every call (the goal route), or every other call (the rest). */
  readonly replayEvery?: number;
  prepare(deployment: Deployment, context: ScenarioContext): Promise<(call: number) => Promise<CallOptions>>;
}

let freshSerial = 0;

/** A new applicant nobody registered: Beeline-range mobiles, AN passports, PINs of women born 01.01.1985. */
export const freshApplicant = () => {
  freshSerial += 1;
  const serial = String(freshSerial).padStart(7, '0');
  return {
    phone: `+99677${serial}`,
    passportNumber: `AN${serial}`,
    pin: `101011985${serial.slice(-5)}`,
  };
};

const freshPhone = () => {
  freshSerial += 1;
  return `+99655${String(freshSerial).padStart(7, '0')}`;
};

const freshPassport = () => {
  freshSerial += 1;
  return `AC${String(freshSerial).padStart(7, '0')}`;
};

/** State-changing calls carry an Idempotency-Key, as a careful client sends them (3.4). */
const idempotent = (options: CallOptions = {}): CallOptions => ({
  ...options,
  headers: { ...options.headers, 'idempotency-key': randomUUID() },
});

/** A setup call that must succeed: the bench stops with a clear message rather than time failures. */
export const expectStatus = async (
  deployment: Deployment,
  method: string,
  path: string,
  status: number,
  options: CallOptions = {},
): Promise<Record<string, unknown>> => {
  const answer = await deployment.call(method, path, options);
  if (answer.status !== status) {
    throw new Error(
      `setup ${method} ${path} on ${deployment.label} answered ${answer.status} (${String(answer.body.code)}), not ${status}`,
    );
  }
  return answer.body;
};

const agreementVersion = (deployment: Deployment) =>
  deployment.accounts.agreements.current(deployment.accounts.clock.now()).version;

const consentBody = (deployment: Deployment) => ({
  agreementVersion: agreementVersion(deployment),
  accepted: true,
  language: 'ky',
});

export const consent = async (deployment: Deployment): Promise<string> =>
  (await expectStatus(deployment, 'POST', '/v1/consents', 201, { body: consentBody(deployment) }))
    .consentId as string;

/** Registers a fresh applicant through the handlers and reads the password from the SMS. */
export const registerApplicant = async (deployment: Deployment) => {
  const applicant = freshApplicant();
  await expectStatus(deployment, 'POST', '/v1/registrations', 201, {
    body: { consentId: await consent(deployment), applicantType: 'individual', ...applicant },
  });
  return { ...applicant, password: deployment.phones.secretFor(applicant.phone) };
};

export const logIn = async (deployment: Deployment, phone: string, password: string): Promise<string> =>
  (await expectStatus(deployment, 'POST', '/v1/sessions', 201, { body: { phone, password } }))
    .token as string;

/** A registered applicant with a live session, opened by password login. */
const loggedIn = async (deployment: Deployment) => {
  const applicant = await registerApplicant(deployment);
  return { ...applicant, token: await logIn(deployment, applicant.phone, applicant.password) };
};

const sameEveryCall =
  (options: CallOptions = {}) =>
  async () =>
  async (): Promise<CallOptions> =>
    options;

/**
 * Calls one pooled applicant makes of a purpose that sends a code (password reset, report code): the allowance of
 * one (phone, network) an hour (limits.ts). Every bench call comes from its own address, so the network allowances
 * are not what binds; sharing no more than this keeps each applicant within them all the same, and far below the
 * phone's daily ceiling of 20 SMS.
 */
export const callsPerPooledApplicant = 3;

/** A pooled applicant's phone and PIN, a new applicant every {@link callsPerPooledApplicant} calls. */
const pooledApplicants = (context: ScenarioContext) => {
  let applicant: PoolAccount | undefined;
  return (call: number): PoolAccount => {
    if (call % callsPerPooledApplicant === 0) applicant = context.takeFromPool(1)[0]!;
    return applicant!;
  };
};

const phoneAndPinOfPooledApplicants = async (_d: Deployment, context: ScenarioContext) => {
  const applicantFor = pooledApplicants(context);
  return async (call: number) => {
    const { phone, pin } = applicantFor(call);
    return idempotent({ body: { phone, pin } });
  };
};

/** How many bulk applicants `calls` calls of every scenario use up on one deployment. */
export const poolNeeded = (scenarioList: readonly Scenario[], calls: number): number =>
  scenarioList.reduce((sum, s) => sum + Math.ceil(s.poolPerCall * calls - 1e-9), 0);

/**
 * Every route of the route table, in an order that spreads the SMS-sending ones (the SMS fuse counts per minute
 * and table). Applicant allowances are respected, not bypassed: per-IP limits by a fresh source address for every
 * call, a phone's allowances (per purpose and network, per network and day, its daily ceiling) by fresh phones or
 * pooled applicants shared within them. Logged-in applicants log in by password, so a phone change sends their
 * current password (2.7).
 */
export const scenarios: readonly Scenario[] = [
  {
    route: 'GET /v1/me',
    weight: 2,
    replayEvery: 1,
    expect: 200,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: async (d) => {
      const { token } = await loggedIn(d);
      return async () => ({ token });
    },
  },
  {
    route: 'POST /v1/registrations',
    weight: 30,
    expect: 201,
    smsPerCall: 1,
    kdfPerCall: 1,
    poolPerCall: 0,
    prepare: async (d) => async () =>
      idempotent({
        body: { consentId: await consent(d), applicantType: 'individual', ...freshApplicant() },
      }),
  },
  {
    route: 'GET /v1/health',
    weight: 0.2,
    expect: 200,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: sameEveryCall(),
  },
  {
    // 2.7: a code by SMS; nothing changes until it comes back (no password is made or hashed).
    route: 'POST /v1/password-resets',
    weight: 16,
    expect: 202,
    smsPerCall: 1,
    kdfPerCall: 0,
    poolPerCall: 1 / callsPerPooledApplicant,
    prepare: phoneAndPinOfPooledApplicants,
  },
  {
    route: 'GET /v1/agreement',
    weight: 0.3,
    expect: 200,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: sameEveryCall({ query: { lang: 'ru' } }),
  },
  {
    route: 'GET /v1/openapi.json',
    weight: 1,
    expect: 200,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: sameEveryCall(),
  },
  {
    route: 'POST /v1/me/phone-changes',
    weight: 15,
    expect: 202,
    smsPerCall: 1,
    // 2.7: a password session proves the owner with the current password.
    kdfPerCall: 1,
    poolPerCall: 0,
    prepare: async (d) => {
      const { token, password } = await loggedIn(d);
      return async () => idempotent({ token, body: { newPhone: freshPhone(), currentPassword: password } });
    },
  },
  {
    route: 'POST /v1/consents',
    weight: 1,
    expect: 201,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: async (d) => async () => idempotent({ body: consentBody(d) }),
  },
  {
    route: 'POST /v1/sessions',
    weight: 11,
    expect: 201,
    smsPerCall: 0,
    kdfPerCall: 1,
    poolPerCall: 0,
    prepare: async (d) => {
      const { phone, password } = await registerApplicant(d);
      return async () => idempotent({ body: { phone, password } });
    },
  },
  {
    route: 'POST /v1/access-reports',
    weight: 10,
    expect: 202,
    smsPerCall: 1,
    kdfPerCall: 0,
    poolPerCall: 1 / callsPerPooledApplicant,
    prepare: phoneAndPinOfPooledApplicants,
  },
  {
    route: 'GET /v1/me/activity',
    weight: 4,
    expect: 200,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: async (d) => {
      const { token } = await loggedIn(d);
      return async () => ({ token, query: { limit: '20' } });
    },
  },
  {
    route: 'POST /v1/me/phone-changes/confirm',
    weight: 18,
    expect: 200,
    // The code to the new phone (setup) and the notice to the phone the login leaves (the call).
    smsPerCall: 2,
    // The request in the setup checks the password (its KDF is the request route's); the confirm hashes nothing.
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: async (d) => {
      const { token, password } = await loggedIn(d);
      return async () => {
        const newPhone = freshPhone();
        await expectStatus(d, 'POST', '/v1/me/phone-changes', 202, {
          token,
          body: { newPhone, currentPassword: password },
        });
        return idempotent({ token, body: { code: d.phones.secretFor(newPhone) } });
      };
    },
  },
  {
    route: 'GET /v1/me/sessions',
    weight: 3,
    expect: 200,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: async (d) => {
      const { phone, password, token } = await loggedIn(d);
      await logIn(d, phone, password);
      return async () => ({ token });
    },
  },
  {
    // 2.7: the code from the SMS sets the chosen password (its hash is the call's KDF), ends every session and
    // sends a notice; the applicant can reset again, so several calls share one.
    route: 'POST /v1/password-resets/confirm',
    weight: 18,
    expect: 204,
    // The code (setup) and the notice that the password changed (the call).
    smsPerCall: 2,
    kdfPerCall: 1,
    poolPerCall: 1 / callsPerPooledApplicant,
    prepare: async (d, context) => {
      const applicantFor = pooledApplicants(context);
      return async (call) => {
        const { phone, pin } = applicantFor(call);
        const { requestId } = await expectStatus(d, 'POST', '/v1/password-resets', 202, {
          body: { phone, pin },
        });
        return idempotent({
          body: { requestId, code: d.phones.secretFor(phone), newPassword: `${generatePassword()}-Bench` },
        });
      };
    },
  },
  {
    route: 'POST /v1/me/access-reports',
    weight: 20,
    expect: 201,
    smsPerCall: 1,
    kdfPerCall: 1,
    poolPerCall: 1,
    prepare: async (d, context) => async () => {
      // One report per applicant: a second within seconds keeps the first one's password (no new SMS).
      const [applicant] = context.takeFromPool(1);
      const token = await logIn(d, applicant!.phone, context.bulkPassword);
      return idempotent({ token, body: {} });
    },
  },
  {
    route: 'POST /v1/id-card/challenges',
    weight: 1,
    expect: 201,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: sameEveryCall(),
  },
  {
    route: 'PATCH /v1/me',
    weight: 8,
    expect: 200,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: async (d) => {
      const { token } = await loggedIn(d);
      return async () => idempotent({ token, body: { passportNumber: freshPassport() } });
    },
  },
  {
    route: 'POST /v1/access-reports/confirm',
    weight: 17,
    expect: 201,
    smsPerCall: 2,
    kdfPerCall: 1,
    poolPerCall: 1,
    prepare: async (d, context) => async () => {
      // The code and the new password are two SMS to one phone: one report per applicant.
      const [applicant] = context.takeFromPool(1);
      const { requestId } = await expectStatus(d, 'POST', '/v1/access-reports', 202, {
        body: { phone: applicant!.phone, pin: applicant!.pin },
      });
      return idempotent({ body: { requestId, code: d.phones.secretFor(applicant!.phone) } });
    },
  },
  {
    route: 'POST /v1/id-card/sessions',
    weight: 14,
    expect: 201,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: async (d, context) => {
      const { pin } = await registerApplicant(d);
      const card = await issueCardCertificate(context.idCard.ca, { pin });
      return async () => {
        const { challengeId, nonce } = await expectStatus(d, 'POST', '/v1/id-card/challenges', 201);
        const authToken = await signChallenge(card, {
          origin: context.idCard.origin,
          nonce: nonce as string,
        });
        return { body: { challengeId, authToken } };
      };
    },
  },
  {
    route: 'PUT /v1/me/password',
    weight: 12,
    expect: 204,
    // 2.7: a notice to the phone that the password changed.
    smsPerCall: 1,
    kdfPerCall: 2,
    poolPerCall: 0,
    prepare: async (d) => {
      const applicant = await loggedIn(d);
      let current = applicant.password;
      return async () => {
        const newPassword = `${generatePassword()}-Bench`;
        const options = idempotent({
          token: applicant.token,
          body: { currentPassword: current, newPassword },
        });
        current = newPassword;
        return options;
      };
    },
  },
  {
    route: 'POST /v1/me/consents',
    weight: 7.5,
    expect: 201,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: async (d) => {
      const { token } = await loggedIn(d);
      return async () => idempotent({ token, body: consentBody(d) });
    },
  },
  {
    route: 'DELETE /v1/sessions/current',
    weight: 12,
    expect: 204,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: async (d) => {
      const { phone, password } = await registerApplicant(d);
      return async () => ({ token: await logIn(d, phone, password) });
    },
  },
  {
    route: 'DELETE /v1/sessions',
    weight: 10,
    expect: 204,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: async (d) => {
      const { phone, password } = await registerApplicant(d);
      return async () => ({ token: await logIn(d, phone, password) });
    },
  },
];
