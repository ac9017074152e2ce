import type { Authenticated } from '../../domain/accounts/account';
import { authenticate, authorize } from '../../domain/accounts/sessions';
import type { SessionDependencies } from '../../domain/accounts/dependencies';
import type { RouteAccess } from '../../../contract/routes';
import type { RequestOrigin } from '../../domain/audit';
import type { PortalRequest } from './types';

/** The bearer token of `Authorization: Bearer <token>`, if the header has that form. */
export const bearerToken = (authorization: string | undefined): string | undefined => {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(authorization?.trim() ?? '');
  return match?.[1];
};

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
