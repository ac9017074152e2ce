import { generatePassword } from '../functions/domain/passwords';
import { signChallenge } from '../lib/local/virtual-card/card';
import { issueCardCertificate } from '../lib/local/virtual-card/dev-ca';
import { accountRightsScenarios } from './scenarios-account-rights';
import {
  type Scenario,
  freshApplicant,
  freshPhone,
  freshPassport,
  idempotent,
  expectStatus,
  consentBody,
  consent,
  registerApplicant,
  logIn,
  loggedIn,
  sameEveryCall,
  callsPerPooledApplicant,
  pooledApplicants,
  phoneAndPinOfPooledApplicants,
} from './scenario-steps';

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
  ...accountRightsScenarios,
];
