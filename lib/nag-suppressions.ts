import { Validations, type Stack } from 'aws-cdk-lib';

/** cdk-nag findings accepted on purpose, each with its reason (the infra tests list them too). */
export const nagSuppressions: readonly { id: string; reason: string }[] = [
  {
    id: 'AwsSolutions-L1',
    reason:
      'DESIGN fixes the Lambda runtime at Node.js 22 (arm64); moving to a newer runtime is a deliberate upgrade.',
  },
  {
    id: 'AwsSolutions-APIG4',
    reason:
      'Applicants authenticate with portal session tokens (2.1: phone+password or ID card) that the handlers verify on every request; public routes (agreement, consent, registration, login) need no identity.',
  },
  {
    id: 'AwsSolutions-COG4',
    reason: 'The portal issues its own sessions (DESIGN: Security rules); Cognito user pools are not used.',
  },
  {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    reason:
      "API Gateway's account-wide logging role: AWS documents this managed policy as its minimal permission set.",
  },
  {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; no other action has Resource *.',
  },
];

export const applySuppressions = (stacks: readonly Stack[]): void => {
  for (const stack of stacks) {
    for (const { id, reason } of nagSuppressions) Validations.of(stack).acknowledge({ id, reason });
  }
};
