import type * as z from 'zod/mini';
import { findRouteIn, type RouteDefinition, type RouteGroup } from './route-definition';
import { publicRoutes } from './route-groups/public';
import { consentsRoutes } from './route-groups/consents';
import { registrationsRoutes } from './route-groups/registrations';
import { sessionsRoutes } from './route-groups/sessions';
import { idCardRoutes } from './route-groups/id-card';
import { cabinetRoutes } from './route-groups/cabinet';
import { accessReportsRoutes } from './route-groups/access-reports';
import { verificationDocumentsRoutes } from './route-groups/verification-documents';

export {
  routeGroups,
  type HttpMethod,
  type RouteAccess,
  type RouteDefinition,
  type RouteGroup,
} from './route-definition';

/**
 * The HTTP API v1, declared once: each group's routes in `route-groups/`, all of them here. The CDK app builds API
 * Gateway resources and one Lambda per group from this table; the local server routes requests with it; each
 * group's handler dispatches on its own group's routes alone, so a function bundles only its own schemas.
 */
export const routes = [
  ...publicRoutes,
  ...consentsRoutes,
  ...registrationsRoutes,
  ...sessionsRoutes,
  ...idCardRoutes,
  ...cabinetRoutes,
  ...accessReportsRoutes,
  ...verificationDocumentsRoutes,
] as const;

export type Route = (typeof routes)[number];
export type RoutesOf<G extends RouteGroup> = Extract<Route, { group: G }>;

type Infer<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
export type BodyOf<R> = R extends { body: infer S } ? Infer<S> : undefined;
export type QueryOf<R> = R extends { query: infer S } ? Infer<S> : undefined;
export type ParamsOf<R> = R extends { params: infer S } ? Infer<S> : undefined;

/**
 * Path of a route as a pattern: `{name}` segments match one non-empty path segment, percent-decoded. A segment
 * that does not decode matches no parameter, as API Gateway refuses it.
 */
export const matchPath = (pattern: string, path: string): Record<string, string> | undefined => {
  const patternParts = pattern.split('/');
  const pathParts = path.split('/');
  if (patternParts.length !== pathParts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index]!;
    if (part.startsWith('{') && part.endsWith('}')) {
      const value = decodeSegment(actual);
      if (value === undefined || value === '') return undefined;
      params[part.slice(1, -1)] = value;
    } else if (part !== actual) return undefined;
  }
  return params;
};

const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

export const allRoutes: readonly RouteDefinition[] = routes;

export const findRoute = (method: string, resource: string): RouteDefinition | undefined =>
  findRouteIn(allRoutes, method, resource);

/**
 * The routes whose path matches a request's, literal segments before parameters, as API Gateway chooses:
 * `DELETE /v1/sessions/current` is the Exit button, never a session whose id is "current".
 */
export const routesMatching = (
  path: string,
): { readonly route: RouteDefinition; readonly params: Record<string, string> }[] =>
  allRoutes
    .flatMap((route) => {
      const params = matchPath(route.path, path);
      return params ? [{ route, params }] : [];
    })
    .sort((a, b) => Object.keys(a.params).length - Object.keys(b.params).length);
