import type { Language } from '../i18n';

/** What an operation sees of an HTTP request: validated input and who asks, nothing of API Gateway. */
export interface PortalRequest<Body = unknown, Query = unknown, Auth = undefined, Params = undefined> {
  readonly body: Body;
  readonly query: Query;
  /** The route's `{name}` path segments, validated. */
  readonly params: Params;
  /** The live session of routes that need one (route access `session…`). */
  readonly auth: Auth;
  readonly requestId: string;
  readonly language: Language;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface HttpResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Operation<Body = unknown, Query = unknown, Auth = undefined, Params = undefined> = (
  request: PortalRequest<Body, Query, Auth, Params>,
) => Promise<HttpResult>;
