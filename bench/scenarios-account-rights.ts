import {
  type Scenario,
  expectStatus,
  idempotent,
  logIn,
  loggedIn,
  registerApplicant,
  sameEveryCall,
} from './scenario-steps';

/**
 * The routes of the applicant's own rights (issue 19, 2.4, 2.7): the Privacy Policy, ending one session, the
 * export and the closure. Their weights are estimated from the routes like them (a public read, a logout, a
 * password check) until a quiet run measures them. The verification documents' routes need an operator's demand
 * per five documents and are not measured yet.
 */
export const accountRightsScenarios: readonly Scenario[] = [
  {
    route: 'GET /v1/privacy-policy',
    weight: 0.3,
    expect: 200,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: sameEveryCall({ query: { lang: 'ru' } }),
  },
  {
    // The applicant ends another of their sessions from the list: each call opens one (setup) and ends it.
    route: 'DELETE /v1/sessions/{sessionId}',
    weight: 12,
    expect: 204,
    smsPerCall: 0,
    kdfPerCall: 0,
    poolPerCall: 0,
    prepare: async (d) => {
      const applicant = await loggedIn(d);
      return async () => {
        await logIn(d, applicant.phone, applicant.password);
        const { items } = await expectStatus(d, 'GET', '/v1/me/sessions', 200, { token: applicant.token });
        const other = (items as { sessionId: string; current: boolean }[]).find((s) => !s.current)!;
        return { token: applicant.token, params: { sessionId: other.sessionId } };
      };
    },
  },
  {
    // Re-authenticated by the current password (one KDF); the answer is everything held on the applicant.
    route: 'POST /v1/me/exports',
    weight: 10,
    expect: 200,
    smsPerCall: 0,
    kdfPerCall: 1,
    poolPerCall: 0,
    prepare: async (d) => {
      const { token, password } = await loggedIn(d);
      return async () => ({ token, body: { currentPassword: password } });
    },
  },
  {
    // A closure ends the account: every call closes a fresh one (its registration SMS in the setup, the notice in
    // the call).
    route: 'POST /v1/me/closure',
    weight: 30,
    expect: 204,
    smsPerCall: 2,
    kdfPerCall: 1,
    poolPerCall: 0,
    prepare: async (d) => async () => {
      const { phone, password } = await registerApplicant(d);
      const token = await logIn(d, phone, password);
      return idempotent({ token, body: { currentPassword: password } });
    },
  },
];
