import type { PortalDependencies } from '../commons/dependencies';
import { httpHandler, lazyHandler, type PortalHandler } from '../commons/http/handler';
import { originOf, sessionAuthenticator } from '../commons/http/session-auth';
import type { IdCardDependencies } from '../domain/accounts/id-card-login';
import { issueChallenge, loginWithIdCard } from '../domain/accounts/id-card-login';
import { loginWithPassword } from '../domain/accounts/login';
import { endSessions } from '../domain/accounts/sessions';
import { idCardDependencies } from './dependencies';

/** Ways in and out (2.1, 2.7): password login, ID-card login, the Exit button, ending every session. */
export const createHandler = ({
  sessions: deps,
  idempotency,
  metrics,
}: { sessions: IdCardDependencies } & Pick<PortalDependencies, 'idempotency' | 'metrics'>): PortalHandler =>
  httpHandler(
    'sessions',
    {
      login: async (request) => ({
        status: 201,
        body: await loginWithPassword(deps, request.body, originOf(request)),
      }),
      createIdCardChallenge: async () => ({ status: 201, body: await issueChallenge(deps) }),
      loginWithIdCard: async (request) => ({
        status: 201,
        body: await loginWithIdCard(deps, request.body, originOf(request)),
      }),
      exit: async (request) => {
        await endSessions(deps, request.auth, 'current', originOf(request));
        return { status: 204 };
      },
      exitEverywhere: async (request) => {
        await endSessions(deps, request.auth, 'all', originOf(request));
        return { status: 204 };
      },
    },
    { idempotency, metrics, authenticate: sessionAuthenticator(deps) },
  );

export const handler = lazyHandler(async () => createHandler(await idCardDependencies()));
