import type * as z from 'zod/mini';

/**
 * What a route of the HTTP API v1 is: the shape every group's routes (`route-groups/`) are declared in, without
 * any route's schemas, so that a group's handler can match its own routes without bundling the others'.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Route groups: one Lambda function each, its code in `functions/<group>/handler.ts`. */
export const routeGroups = [
  'public',
  'consents',
  'registrations',
  'sessions',
  'id-card',
  'cabinet',
  'access-reports',
  'verification-documents',
] as const;
export type RouteGroup = (typeof routeGroups)[number];

/**
 * Who may call a route: anyone, or an applicant with a live session. `session` also demands consent to the
 * current agreement (preamble); `session-any-consent` serves applicants whose consent is outdated (Exit,
 * consenting again, reporting unauthorized access).
 */
export type RouteAccess = 'public' | 'session' | 'session-any-consent';

export interface RouteDefinition {
  readonly method: HttpMethod;
  readonly path: string;
  readonly group: RouteGroup;
  readonly operation: string;
  readonly access: RouteAccess;
  readonly body?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  /** The `{name}` segments of `path`, validated; a value that fails answers 404 (it names nothing). */
  readonly params?: z.ZodMiniType;
  /** 3.4: state-changing routes accept `Idempotency-Key`. */
  readonly idempotent?: boolean;
  readonly summary: string;
}

/** Declares one route, keeping its literal types (the handler's operations are typed by them). */
export const route = <const R extends RouteDefinition>(definition: R): R => definition;

/** The route of a request (its method and API Gateway resource) in `table`. */
export const findRouteIn = (
  table: readonly RouteDefinition[],
  method: string,
  resource: string,
): RouteDefinition | undefined => table.find((r) => r.method === method && r.path === resource);
