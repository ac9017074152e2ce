import type { APIGatewayProxyEvent } from 'aws-lambda';
import { isIP } from 'node:net';
import * as z from 'zod/mini';
import { DomainError } from '../../domain/errors';
import { config } from '../config';
import { negotiateLanguage } from '../i18n';
import { fieldProblems } from './field-errors';
import type { PortalRequest } from './types';

/**
 * Bodies over this size are refused (413) before parsing: the limit the edge (WAF) applies in AWS too, so that
 * `npm start` and the tests refuse what AWS refuses. The portal's bodies are far smaller.
 */
export const maxBodyBytes = 8 * 1024;

export const lowerCaseHeaders = (
  headers: APIGatewayProxyEvent['headers'] | null | undefined,
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers ?? {})
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, value]) => [name.toLowerCase(), value]),
  );

/** The bearer token of `Authorization: Bearer <token>`, if the header has that form. */
export const bearerToken = (authorization: string | undefined): string | undefined => {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(authorization?.trim() ?? '');
  return match?.[1];
};

const validate = <S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> => {
  const result = z.safeParse(schema, input, { reportInput: true });
  if (!result.success)
    throw new DomainError('validation_failed', { fields: fieldProblems(result.error.issues) });
  return result.data;
};

const readJsonBody = (event: APIGatewayProxyEvent, headers: Record<string, string>): unknown => {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  // No body at all: the route's schema decides whether that is allowed.
  if (bytes.length === 0) return undefined;
  if (bytes.length > maxBodyBytes) throw new DomainError('payload_too_large');
  const mediaType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') throw new DomainError('unsupported_media_type');
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return JSON.parse(text.decode(bytes));
  } catch (cause) {
    throw new DomainError('malformed_json', { cause });
  }
};

/** A path segment that fails its schema names nothing: 404, as for an unknown id (never 400 with its value). */
const pathParameters = (schema: z.ZodMiniType, event: APIGatewayProxyEvent): unknown => {
  const result = z.safeParse(schema, event.pathParameters ?? {});
  if (!result.success) throw new DomainError('not_found');
  return result.data;
};

export interface RequestParsingOptions {
  /**
   * A header that holds the applicant's IP, set by a proxy the edge vouches for (CloudFront, lib/viewer-ip.ts).
   * Unset, the connection's source IP is the applicant's and any such header is ignored: anyone could send it.
   */
  readonly trustedViewerIpHeader?: string;
}

/**
 * The applicant's IP: the trusted viewer-IP header where one is configured and holds a valid IPv4 or IPv6
 * address, else the source IP of the connection (API Gateway's `identity.sourceIp`).
 */
export const clientIp = (
  sourceIp: string,
  headers: Readonly<Record<string, string>>,
  trustedViewerIpHeader: string | undefined,
): string => {
  if (trustedViewerIpHeader === undefined) return sourceIp;
  const forwarded = headers[trustedViewerIpHeader.toLowerCase()]?.trim();
  return forwarded !== undefined && isIP(forwarded) !== 0 ? forwarded : sourceIp;
};

/**
 * Turns an API Gateway proxy event into the operation's request: size (413), media type (415), JSON (400
 * malformed_json), schema (400 validation_failed) and path parameters (404) are checked here, so operations see
 * only valid input.
 */
export const parseRequest = <Body, Query, Params = undefined>(
  route: { readonly body?: z.ZodMiniType; readonly query?: z.ZodMiniType; readonly params?: z.ZodMiniType },
  event: APIGatewayProxyEvent,
  options: RequestParsingOptions = { trustedViewerIpHeader: config().trustedViewerIpHeader },
): PortalRequest<Body, Query, undefined, Params> => {
  const headers = lowerCaseHeaders(event.headers);
  const identity = event.requestContext.identity;
  return {
    body: (route.body ? validate(route.body, readJsonBody(event, headers)) : undefined) as Body,
    query: (route.query ? validate(route.query, event.queryStringParameters ?? {}) : undefined) as Query,
    params: (route.params ? pathParameters(route.params, event) : undefined) as Params,
    auth: undefined,
    requestId: event.requestContext.requestId,
    language: negotiateLanguage(headers['accept-language']),
    sourceIp: clientIp(identity.sourceIp, headers, options.trustedViewerIpHeader),
    userAgent: (identity.userAgent ?? headers['user-agent'] ?? '').slice(0, 512),
    headers,
  };
};
