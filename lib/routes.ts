import type { z } from 'zod';
import { consentRequestSchema } from '../functions/consents/schemas';
import { agreementQuerySchema } from '../functions/public/schemas';

/**
 * The HTTP API v1, declared once. The CDK app builds API Gateway resources and one Lambda per group from it;
 * the local server routes requests with it; each group's handler dispatches on it. Nothing is declared twice.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Route groups: one Lambda function each, its code in `functions/<group>/handler.ts`. */
export const routeGroups = ['public', 'consents'] as const;
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
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  /** 3.4: state-changing routes accept `Idempotency-Key`. */
  readonly idempotent?: boolean;
  readonly summary: string;
}

const route = <const R extends RouteDefinition>(definition: R): R => definition;

export const routes = [
  route({
    method: 'GET',
    path: '/v1/health',
    group: 'public',
    operation: 'health',
    access: 'public',
    summary: 'Liveness of the API',
  }),
  route({
    method: 'GET',
    path: '/v1/agreement',
    group: 'public',
    operation: 'getAgreement',
    access: 'public',
    query: agreementQuerySchema,
    summary: 'The user agreement (current version by default) in ky, ru or en',
  }),
  route({
    method: 'POST',
    path: '/v1/consents',
    group: 'consents',
    operation: 'createConsent',
    access: 'public',
    body: consentRequestSchema,
    idempotent: true,
    summary: 'Consent to the current user agreement (preamble), needed to register',
  }),
] as const;

export type Route = (typeof routes)[number];
export type RoutesOf<G extends RouteGroup> = Extract<Route, { group: G }>;

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;
export type BodyOf<R> = R extends { body: infer S } ? Infer<S> : undefined;
export type QueryOf<R> = R extends { query: infer S } ? Infer<S> : undefined;

/** Path of a route as a pattern: `{name}` segments match one path segment. */
export const matchPath = (pattern: string, path: string): Record<string, string> | undefined => {
  const patternParts = pattern.split('/');
  const pathParts = path.split('/');
  if (patternParts.length !== pathParts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index]!;
    if (part.startsWith('{') && part.endsWith('}')) {
      if (actual === '') return undefined;
      params[part.slice(1, -1)] = decodeURIComponent(actual);
    } else if (part !== actual) return undefined;
  }
  return params;
};

export const allRoutes: readonly RouteDefinition[] = routes;

export const findRoute = (method: string, resource: string): RouteDefinition | undefined =>
  allRoutes.find((r) => r.method === method && r.path === resource);

/** DynamoDB actions on the portal table that each group's handlers use: its function's role gets these only. */
export const groupTableActions: Readonly<Record<RouteGroup, readonly string[]>> = {
  public: [],
  consents: ['dynamodb:PutItem'],
};

/** Groups with idempotent routes use the idempotency table (3.4). */
export const usesIdempotency = (group: RouteGroup): boolean =>
  allRoutes.some((route) => route.group === group && route.idempotent === true);
