export const hstsMaxAgeSeconds = 63_072_000;

/**
 * The security headers of the applicants' page, declared once: the local server sends them with every static
 * file and the web stack's CloudFront response headers policy sets the same. Scripts, styles, images and API
 * calls come from the page's own origin only; nothing inline, no frames, no plugins. The one other origin the page
 * connects to is `documentsOrigin`, the storage it posts verification documents straight to (2.3: the presigned
 * POST): the local S3 server under `npm start`, the documents bucket in AWS.
 */
export const siteSecurityHeaders = (documentsOrigin: string): Readonly<Record<string, string>> => ({
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src 'self' ${documentsOrigin}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'strict-transport-security': `max-age=${hstsMaxAgeSeconds}; includeSubDomains`,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'cross-origin-opener-policy': 'same-origin',
});

/** Where the page posts a document in AWS: the bucket's regional virtual-hosted origin, as the presigned POST names it. */
export const documentsUploadOrigin = (bucketName: string, region: string): string =>
  `https://${bucketName}.s3.${region}.amazonaws.com`;
