/**
 * The security headers of the applicants' page, declared once: the local server sends them with every static
 * file and the web stack's CloudFront response headers policy sets the same. Scripts, styles, images and API
 * calls come from the page's own origin only; nothing inline, no frames, no plugins. `uploadOrigins` are the only
 * other origins the page connects to: where it posts verification documents straight to storage (2.3).
 */
const contentSecurityPolicy = (uploadOrigins: readonly string[]): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    ["connect-src 'self'", ...uploadOrigins].join(' '),
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

export const siteContentSecurityPolicy = contentSecurityPolicy([]);

export const hstsMaxAgeSeconds = 63_072_000;

export const siteSecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': siteContentSecurityPolicy,
  'strict-transport-security': `max-age=${hstsMaxAgeSeconds}; includeSubDomains`,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'cross-origin-opener-policy': 'same-origin',
};

/** The page's headers when it posts verification documents to `uploadOrigin` (2.3: the presigned POST). */
export const siteSecurityHeadersWithUploads = (uploadOrigin: string): Readonly<Record<string, string>> => ({
  ...siteSecurityHeaders,
  'content-security-policy': contentSecurityPolicy([uploadOrigin]),
});

/** Where the page posts a document in AWS: the bucket's regional virtual-hosted origin, as the presigned POST names it. */
export const documentsUploadOrigin = (bucketName: string, region: string): string =>
  `https://${bucketName}.s3.${region}.amazonaws.com`;
