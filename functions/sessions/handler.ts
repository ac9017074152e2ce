import { sessionDependencies, type SessionGroupDependencies } from '../wiring/session-dependencies';
import { httpHandler, lazyHandler, type PortalHandler } from '../commons/http/handler';
import { originOf, sessionAuthenticator } from '../commons/http/session-auth';
import { loginWithPassword } from '../domain/accounts/login';
import { endSessions } from '../domain/accounts/sessions';
import { sessionsRoutes } from '../../contract/route-groups/sessions';

/**
 * Ways in and out (2.1, 2.7): password login, the Exit button, ending every session or one chosen session. ID
 * cards: `id-card/`.
 */
export const createHandler = ({ sessions: deps, metrics }: SessionGroupDependencies): PortalHandler =>
  httpHandler(
    sessionsRoutes,
    {
      login: async (request) => ({
        status: 201,
        body: await loginWithPassword(deps, request.body, originOf(request)),
      }),
      exit: async (request) => {
        await endSessions(deps, request.auth, 'current', originOf(request));
        return { status: 204 };
      },
      exitEverywhere: async (request) => {
        await endSessions(deps, request.auth, 'all', originOf(request));
        return { status: 204 };
      },
      endSession: async (request) => {
        await endSessions(deps, request.auth, { sessionId: request.params.sessionId }, originOf(request));
        return { status: 204 };
      },
    },
    { metrics, authenticate: sessionAuthenticator(deps) },
  );

export const handler = lazyHandler(async () => createHandler(await sessionDependencies()));
