import { randomUUID } from 'node:crypto';
import type { DevCa } from '../lib/local/virtual-card/dev-ca';
import type { Deployment } from './deployment';
import type { CallOptions } from './events';
import type { PoolAccount } from './load';

/** The steps the bench's scenarios (scenarios.ts) are made of. */

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

export const freshPhone = () => {
  freshSerial += 1;
  return `+99655${String(freshSerial).padStart(7, '0')}`;
};

export const freshPassport = () => {
  freshSerial += 1;
  return `AC${String(freshSerial).padStart(7, '0')}`;
};

/** State-changing calls carry an Idempotency-Key, as a careful client sends them (3.4). */
export const idempotent = (options: CallOptions = {}): CallOptions => ({
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

export const agreementVersion = (deployment: Deployment) =>
  deployment.accounts.agreements.current(deployment.accounts.clock.now()).version;

export const consentBody = (deployment: Deployment) => ({
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
export const loggedIn = async (deployment: Deployment) => {
  const applicant = await registerApplicant(deployment);
  return { ...applicant, token: await logIn(deployment, applicant.phone, applicant.password) };
};

export const sameEveryCall =
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
export const pooledApplicants = (context: ScenarioContext) => {
  let applicant: PoolAccount | undefined;
  return (call: number): PoolAccount => {
    if (call % callsPerPooledApplicant === 0) applicant = context.takeFromPool(1)[0]!;
    return applicant!;
  };
};

export const phoneAndPinOfPooledApplicants = async (_d: Deployment, context: ScenarioContext) => {
  const applicantFor = pooledApplicants(context);
  return async (call: number) => {
    const { phone, pin } = applicantFor(call);
    return idempotent({ body: { phone, pin } });
  };
};

/** How many bulk applicants `calls` calls of every scenario use up on one deployment. */
export const poolNeeded = (scenarioList: readonly Scenario[], calls: number): number =>
  scenarioList.reduce((sum, s) => sum + Math.ceil(s.poolPerCall * calls - 1e-9), 0);
