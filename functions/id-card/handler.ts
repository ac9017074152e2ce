import type { SessionGroupDependencies } from '../wiring/session-dependencies';
import { httpHandler, lazyHandler, type PortalHandler } from '../commons/http/handler';
import { originOf } from '../commons/http/session-auth';
import { issueChallenge, loginWithIdCard, type IdCardDependencies } from '../domain/accounts/id-card-login';
import { idCardDependencies } from './dependencies';
import { idCardRoutes } from '../../contract/route-groups/id-card';

/** The other way in (2.1): the 2017 ID card and its PIN code, over a one-time challenge. */
export const createHandler = ({
  idCard: deps,
  metrics,
}: { idCard: IdCardDependencies } & Pick<SessionGroupDependencies, 'metrics'>): PortalHandler =>
  httpHandler(
    idCardRoutes,
    {
      createIdCardChallenge: async () => ({ status: 201, body: await issueChallenge(deps) }),
      loginWithIdCard: async (request) => ({
        status: 201,
        body: await loginWithIdCard(deps, request.body, originOf(request)),
      }),
    },
    { metrics },
  );

export const handler = lazyHandler(async () => createHandler(await idCardDependencies()));
