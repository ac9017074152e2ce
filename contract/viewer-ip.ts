/**
 * Applicants' IP behind CloudFront. CloudFront opens its own connections to the API, so the regional WAF's per-IP
 * rate rules and the handlers (SMS limits per IP, activity records, consent IP) would see CloudFront's edge IPs.
 * So, on /v1/*:
 * - a CloudFront Function (viewer request) writes the viewer's IP into `header`, over whatever the client sent;
 * - CloudFront adds `originVerifyHeader` to its origin requests, with a secret generated in Secrets Manager;
 * - the API's WAF blocks every request that carries `header` without that exact secret, and then rate-limits per
 *   `header` where it is present, per source IP elsewhere;
 * - the handlers read the applicant's IP from `header` only where `envVar` names it (set by the CDK app when the web
 *   stack fronts the API), and only if it is a valid IP address.
 * Direct calls to the stage (execute-api, custom domain) pass the same WAF: a forged header never reaches a handler.
 */
export const viewerIp = {
  header: 'x-portal-viewer-ip',
  originVerifyHeader: 'x-portal-origin-verify',
  /** Names the trusted header for the handlers; unset (`npm start`, an API without CloudFront), the header is ignored. */
  envVar: 'PORTAL_TRUSTED_VIEWER_IP_HEADER',
} as const;
