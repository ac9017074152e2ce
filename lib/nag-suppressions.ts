import { Validations, type Acknowledgment, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { StageName } from './stage';
import { documentsBucketName } from './stage-names';

const stageNames: readonly StageName[] = ['dev', 'prod'];

const because = (reason: string, ...ids: string[]): readonly Acknowledgment[] =>
  ids.map((id) => ({ id, reason }));

/**
 * Every cdk-nag finding the portal accepts, with its reason. Constructs acknowledge these on themselves (never on
 * a whole stack or the app), and the infra tests check that no other acknowledgement exists.
 */
export const acknowledged = {
  nodeRuntime: because(
    'The functions run on Node.js 24 (nodejs24.x, arm64, LTS until 2028-04), as issue 20 chose; aws-cdk-lib 2.278 also knows nodejs26.x: moving to it is a deliberate, tested upgrade, not a side effect of an aws-cdk-lib release.',
    'AwsSolutions-L1',
    'Serverless-LambdaLatestVersion',
  ),
  synchronousFunction: because(
    'API Gateway invokes this function synchronously: a failure is the HTTP response (problem+json) and counts in the 5xx alarm; a dead-letter queue only serves asynchronous invocations.',
    'Serverless-LambdaDLQ',
  ),
  xrayWrites: because(
    'X-Ray PutTraceSegments and PutTelemetryRecords have no resource-level permissions (Resource * is the only form); every other statement of this policy names its resource.',
    'AwsSolutions-IAM5[Resource::*]',
  ),
  sessionAuthorization: because(
    'Applicants authenticate with portal session tokens (2.1: phone+password or ID card) that the handlers verify on every request; public routes (agreement, consent, registration, login) need no identity, and the portal does not use Cognito (DESIGN: Security rules).',
    'AwsSolutions-APIG4',
    'AwsSolutions-COG4',
  ),
  apiGatewayLoggingRole: because(
    "API Gateway's account-wide CloudWatch Logs role: AWS documents this managed policy as the permission set the service needs.",
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
  ),
  keysSecretNotRotated: because(
    'The HMAC lookup keys and the personal-data key derive from this secret (2.4): rotating it would orphan every lookup key and every sealed passport number and PIN. A key change is a planned re-keying migration, not an automatic rotation.',
    'AwsSolutions-SMG4',
  ),
  originVerifyNotRotated: because(
    'CloudFormation resolves this secret into the CloudFront origin header (web stack) and into the WAF rule that demands it (API stack) only when it updates those resources: an automatic rotation would be followed by neither, and a later deployment that updates one but not the other would refuse every applicant request through CloudFront. Changing it is a planned step that updates both (README: Deploying).',
    'AwsSolutions-SMG4',
  ),
  smsPreferencesCall: because(
    'SNS SetSMSAttributes (account SMS preferences) has no resource-level permissions; the custom resource may call nothing else and passes no role.',
    'AwsSolutions-IAM5[Resource::*]',
  ),
  deploymentTimeFunction: because(
    'The aws-cdk-lib provider function of a custom resource: CloudFormation invokes it during deployment and reports its failure on the stack, so a dead-letter queue or an X-Ray trace adds nothing.',
    'Serverless-LambdaDLQ',
    'Serverless-LambdaTracing',
  ),
  deploymentTimeFunctionRuntime: because(
    "The aws-cdk-lib provider function of a custom resource runs the runtime aws-cdk-lib chooses for its handler and moves it with aws-cdk-lib's releases, which may lag the newest runtime aws-cdk-lib knows (2.278: provider on nodejs24.x, nodejs26.x known).",
    'AwsSolutions-L1',
    'Serverless-LambdaLatestVersion',
  ),
  eventDrivenFunction: because(
    'EventBridge rules and Scheduler invoke this function asynchronously; a failed event goes to a KMS-encrypted queue through the on-failure destination (the successor of DeadLetterConfig) and through each target dead-letter queue, and that queue depth raises an alarm.',
    'Serverless-LambdaDLQ',
  ),
  deadLetterQueue: because(
    'This queue is itself a dead-letter queue: a redrive policy would only move failed events further; the alarm on its depth is what acts.',
    'Serverless-SQSRedrivePolicy',
  ),
  accessLogsBucket: because(
    "This bucket receives the verification documents bucket's server access logs; logging its own access to a third bucket would only repeat the question one level down.",
    'AwsSolutions-S1',
  ),
  documentsNotReplicated: because(
    'Verification documents (2.3) are kept only until a set time after their demand is resolved (2.4: no longer than needed); a replica in another region would be a second copy to delete, and the originals can be asked for again.',
    'Serverless-S3BucketReplication',
  ),
  malwareScanRole: because(
    'GuardDuty Malware Protection for S3 creates and removes its own EventBridge rules for the plan, whose names AWS fixes only by this prefix; the role may touch only rules GuardDuty manages.',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]',
  ),
  /** On a policy that names the documents' objects (lib/constructs/documents-bucket.ts), in either stage. */
  documentObjects: because(
    "Verification documents' object keys are the server's choice per account and document (2.3): the grant covers objects under the documents' prefix only, each named only at run time.",
    ...stageNames.map(
      (name) =>
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${documentsBucketName({ name }, '<AWS::AccountId>', '<AWS::Region>')}/documents/*]`,
    ),
  ),
  accessLogsDelivery: because(
    "S3 server access logs reach their bucket through the log-delivery ACL (aws-cdk-lib acknowledges this check itself when it sets LogDeliveryWrite): the bucket's public access stays blocked.",
    'CloudFormation-Validate::W3045',
  ),
  documentEventsDeadLetters: because(
    'This queue is the dead-letter queue of the verification documents functions and of the rules that invoke them.',
    'AwsSolutions-SQS3',
  ),
} as const satisfies Record<
  string,
  readonly Acknowledgment[] | ((...args: string[]) => readonly Acknowledgment[])
>;

/** cdk-nag's AwsSolutions and Serverless packs check every stack; an unacknowledged finding stops synthesis. */
export const checkCompliance = (app: App): void => {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
};
