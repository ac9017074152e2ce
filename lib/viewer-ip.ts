import type { StageName } from './stage';

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
 *
 * This module is imported by function code (functions/commons/config.ts): no aws-cdk-lib here.
 */
export const viewerIp = {
  header: 'x-portal-viewer-ip',
  originVerifyHeader: 'x-portal-origin-verify',
  /** Names the trusted header for the handlers; unset (`npm start`, an API without CloudFront), the header is ignored. */
  envVar: 'PORTAL_TRUSTED_VIEWER_IP_HEADER',
} as const;

/**
 * The origin secret's fixed, stage-scoped name: the API stack creates the secret (and matches it in its WAF), the
 * web stack reads it by name with a CloudFormation dynamic reference, so no stack passes a secret to another.
 */
export const originVerifySecretName = (stage: StageName): string => `srs-portal/${stage}/origin-verify`;

/** The secret's value as CloudFormation resolves it at deployment: never in the template or an environment. */
export const originVerifySecretReference = (stage: StageName): string =>
  `{{resolve:secretsmanager:${originVerifySecretName(stage)}:SecretString}}`;

/**
 * The CloudFront Function (cloudfront-js-2.0, viewer request on /v1/*): the viewer's IP as CloudFront saw the
 * connection, replacing any value (or values) of the header the client sent.
 */
export const viewerIpFunctionCode = `function handler(event) {
  var request = event.request;
  request.headers[${JSON.stringify(viewerIp.header)}] = { value: event.viewer.ip };
  return request;
}
`;
