import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SiteFile } from '../web-site';

/**
 * The file of the applicants' page a request asks for: `/` is index.html, other files by name, GET and HEAD
 * only, never under /v1. Anything else is the API's to answer (its 404 problem for unknown paths included).
 */
export const siteFileFor = (
  site: ReadonlyMap<string, SiteFile>,
  method: string,
  path: string,
): SiteFile | undefined =>
  (method === 'GET' || method === 'HEAD') && !path.startsWith('/v1/')
    ? site.get(path === '/' ? 'index.html' : path.slice(1))
    : undefined;

/** The page's files and the security headers they are sent with (web-headers.ts: strict CSP). */
export interface Site {
  readonly files: ReadonlyMap<string, SiteFile>;
  readonly headers: Readonly<Record<string, string>>;
}

/** Sends a file of the page as CloudFront would, with the page's security headers. */
export const sendSiteFile = (
  site: Site,
  file: SiteFile,
  request: IncomingMessage,
  response: ServerResponse,
): void => {
  response.writeHead(200, {
    ...site.headers,
    'cache-control': 'no-cache',
    'content-type': file.contentType,
    'content-length': file.body.length,
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
};
