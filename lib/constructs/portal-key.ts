import { Aws, DefaultStackSynthesizer, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccountRootPrincipal, Effect, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { StageSettings } from '../stage';
import { portalRoleArnPattern } from './portal-roles';

/** AWS services that use a portal key on behalf of the caller (`kms:ViaService`). */
export type KeyUsingService = 'dynamodb' | 'secretsmanager' | 'sns' | 's3';

export interface PortalKeyProps {
  readonly stage: StageSettings;
  readonly description: string;
  /** The services through which the stage's functions use the key: no direct KMS calls. */
  readonly usedVia: readonly KeyUsingService[];
}

/** What the services need of a key to encrypt and decrypt for a caller (DynamoDB, Secrets Manager, SNS, S3). */
export const keyUseActions = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'];

/** Managing a key, never using it: AWS's key administrator actions, so that no one is locked out. */
const keyAdministrationActions = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
];

/**
 * The role CloudFormation deploys with (CDK bootstrap), which creates the resources encrypted with the key. The
 * synthesizer leaves `${AWS::AccountId}`-style placeholders in it while the account is unknown: Fn::Sub fills them.
 */
const deploymentRoleArn = (stack: Stack): string =>
  stack.synthesizer instanceof DefaultStackSynthesizer
    ? Fn.sub(stack.synthesizer.cloudFormationExecutionRoleArn)
    : `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/cdk-*-cfn-exec-role-*`;

/**
 * A customer-managed key with yearly rotation and a key policy scoped to its users (2.4): the account
 * administers it but does not use it; the stage's roles (by IAM path) use it only through the named services,
 * and only as far as their own IAM policies allow; the deployment role uses it to create the encrypted resources. Services that need
 * the key themselves (CloudWatch alarms, CloudWatch Logs) are added with `key.addToResourcePolicy`.
 */
export class PortalKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: PortalKeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const viaServices = props.usedVia.map((service) => `${service}.${stack.region}.amazonaws.com`);
    const account = new AccountRootPrincipal();
    this.key = new Key(this, 'Key', {
      description: props.description,
      enableKeyRotation: true,
      removalPolicy: props.stage.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      policy: new PolicyDocument({
        statements: [
          new PolicyStatement({
            sid: 'AccountAdministersTheKey',
            principals: [account],
            actions: keyAdministrationActions,
            resources: ['*'],
          }),
          new PolicyStatement({
            sid: 'StageFunctionsUseTheKeyThroughServices',
            effect: Effect.ALLOW,
            principals: [account],
            actions: keyUseActions,
            resources: ['*'],
            conditions: {
              ArnLike: { 'aws:PrincipalArn': portalRoleArnPattern(this, props.stage) },
              StringEquals: { 'kms:ViaService': viaServices },
            },
          }),
          new PolicyStatement({
            sid: 'DeploymentCreatesEncryptedResources',
            principals: [account],
            actions: [...keyUseActions, 'kms:CreateGrant'],
            resources: ['*'],
            conditions: {
              ArnLike: { 'aws:PrincipalArn': deploymentRoleArn(stack) },
              StringEquals: { 'kms:ViaService': viaServices },
            },
          }),
        ],
      }),
    });
  }
}
