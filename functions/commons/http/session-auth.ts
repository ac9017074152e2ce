import type { Authenticated } from '../../domain/accounts/account';
import { authenticate, authorize } from '../../domain/accounts/sessions';
import type { SessionDependencies } from '../../domain/accounts/dependencies';
import type { RouteAccess } from '../../../contract/routes';
import type { RequestOrigin } from '../../domain/audit';
import { bearerToken } from './request';
import type { PortalRequest } from './types';

/** Authenticates a request's session and checks what the route's access level demands. */
export const sessionAuthenticator =
  (deps: SessionDependencies) =>
  async (request: PortalRequest, access: Exclude<RouteAccess, 'public'>): Promise<Authenticated> => {
    const auth = await authenticate(deps, bearerToken(request.headers.authorization));
    authorize(deps, auth, access);
    return auth;
  };

export const originOf = (request: Pick<PortalRequest, 'sourceIp' | 'userAgent'>): RequestOrigin => ({
  ip: request.sourceIp,
  userAgent: request.userAgent,
});
