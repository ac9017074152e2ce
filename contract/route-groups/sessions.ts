import { route } from '../route-definition';
import { passwordLoginSchema, sessionPathSchema } from '../schemas/sessions';

/** The `sessions` group's routes (one Lambda function): declared here, assembled in `contract/routes.ts`. */
export const sessionsRoutes = [
  route({
    method: 'POST',
    path: '/v1/sessions',
    group: 'sessions',
    operation: 'login',
    access: 'public',
    body: passwordLoginSchema,
    // Not replayed: a stored answer would keep the session token in clear (tokens are stored only as hashes);
    // a retried login opens another session, and the cap of five ends the oldest.
    summary: 'Log in with phone and password (2.1)',
  }),
  route({
    method: 'DELETE',
    path: '/v1/sessions/current',
    group: 'sessions',
    operation: 'exit',
    access: 'session-any-consent',
    summary: 'The Exit ("Чыгуу") button: end this session on the server (2.7)',
  }),
  route({
    method: 'DELETE',
    path: '/v1/sessions',
    group: 'sessions',
    operation: 'exitEverywhere',
    access: 'session-any-consent',
    summary: 'End every session of the account',
  }),
  route({
    method: 'DELETE',
    path: '/v1/sessions/{sessionId}',
    group: 'sessions',
    operation: 'endSession',
    access: 'session-any-consent',
    params: sessionPathSchema,
    summary: "End one session of the applicant's own, chosen from the cabinet's list (2.7)",
  }),
] as const;
