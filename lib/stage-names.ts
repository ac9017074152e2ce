import type { StageSettings } from './stage';

/**
 * Names derived from the stage, so that one stack can name another's functions, queues and parameters without a
 * CloudFormation export: stacks that point at each other by export can be updated, replaced or deleted only in
 * a careful order (README: Deploying). Only the long-lived data and messaging stacks export anything.
 */

/** A portal function's name: `srs-portal-<stage>-<name>` (a route group, or `operator-<command or job>`). */
export const portalFunctionName = (stage: StageSettings, name: string): string =>
  `srs-portal-${stage.name}-${name}`;

/** The operations bus, where operator commands go (the admin CLI with `--stage` puts them there). */
export const operationsBusName = (stage: StageSettings): string => `srs-portal-operations-${stage.name}`;

/** An operators' dead-letter queue's name: `srs-portal-<stage>-<id>-dead-letters`. */
export const deadLetterQueueName = (stage: StageSettings, id: string): string =>
  `srs-portal-${stage.name}-${id}-dead-letters`;

/**
 * The SSM parameter that holds the API's execute-api host name (the REST API's id changes when it is replaced):
 * the Api stack writes it, the Web stack's CloudFront origin reads it at each deployment.
 */
export const apiHostParameterName = (stage: StageSettings): string => `/srs-portal/${stage.name}/api-host`;

/**
 * 2.3: the verification documents' bucket, `srs-portal-<stage>-documents-<account>-<region>` (bucket names are
 * global); other stacks' grants name it without an export. `account` and `region` are tokens in a stack.
 */
export const documentsBucketName = (
  stage: Pick<StageSettings, 'name'>,
  account: string,
  region: string,
): string => `srs-portal-${stage.name}-documents-${account}-${region}`;
