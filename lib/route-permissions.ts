import { allRoutes, type RouteDefinition, type RouteGroup } from '../contract/routes';

/**
 * How each route group of the route table (contract/routes.ts) is deployed: the table actions and the other
 * grants its function gets (least privilege), and which routes the edge guards more strictly. The CDK app alone
 * reads this; the functions never do.
 */

/** Groups with idempotent routes use the idempotency table (3.4). */
export const usesIdempotency = (group: RouteGroup): boolean =>
  allRoutes.some((route) => route.group === group && route.idempotent === true);

/** DynamoDB actions on the portal table that each group's handlers use: its function's role gets these only. */
export const groupTableActions: Readonly<Record<RouteGroup, readonly string[]>> = {
  public: [],
  // 2.4: the consent's IP address and user agent are sealed under the month's key, read (or first written) here.
  consents: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  registrations: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  sessions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  'id-card': ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  cabinet: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:Query',
  ],
  'access-reports': ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  // 2.3: the demand checked and the counter, document and audit entry written in one transaction; the list queried.
  'verification-documents': [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:Query',
  ],
};

/**
 * What a route group's function needs besides its table actions; the CDK app grants and sizes from it (least
 * privilege). Anything left out is not granted.
 */
export interface GroupNeeds {
  /** Hashes or verifies passwords (scrypt N=2^17: 128 MiB and ~0.3 s of one vCPU per hash): sized for it. */
  readonly hashesPasswords?: boolean;
  /** Reads the keys secret that the lookup (HMAC) and personal-data keys derive from (2.4). */
  readonly readsKeys?: boolean;
  /** Sends SMS (2.5): passwords and codes, to +996 numbers only. */
  readonly sendsSms?: boolean;
  /** Publishes to the operators' topic (2.7: unauthorized access reported). */
  readonly alertsOperators?: boolean;
  /** Checks ID cards (2.1): gets the trusted CA file and the OCSP responder. */
  readonly verifiesIdCards?: boolean;
  /** Presigns uploads of verification documents (2.3): may put objects in the documents bucket, under its key. */
  readonly uploadsDocuments?: boolean;
}

/** Each route group's needs: the type makes every group of the route table declare them. */
export const groupNeeds: Readonly<Record<RouteGroup, GroupNeeds>> = {
  public: {},
  // 2.4: the month keys that seal the consent's network data are wrapped by the vault of the keys secret.
  consents: { readsKeys: true },
  registrations: { hashesPasswords: true, readsKeys: true, sendsSms: true },
  sessions: { hashesPasswords: true, readsKeys: true },
  'id-card': { readsKeys: true, verifiesIdCards: true },
  cabinet: { hashesPasswords: true, readsKeys: true, sendsSms: true },
  'access-reports': { hashesPasswords: true, readsKeys: true, sendsSms: true, alertsOperators: true },
  'verification-documents': { readsKeys: true, uploadsDocuments: true },
};

export const needsOf = (group: RouteGroup): GroupNeeds => groupNeeds[group];

/**
 * Security rules (brute force, SMS spend): a guarded route changes state in a group that sends SMS or checks a
 * password, code or card. The edge holds guarded routes to stricter limits per IP (WAF) and per method (stage).
 */
export const isGuardedRoute = (route: RouteDefinition): boolean => {
  const needs = needsOf(route.group);
  const guardedGroup = Boolean(needs.sendsSms || needs.hashesPasswords || needs.verifiesIdCards);
  return guardedGroup && ['POST', 'PUT', 'PATCH'].includes(route.method);
};
