import { viewerIp } from '../contract/viewer-ip';
import type { StageName } from './stage';

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
