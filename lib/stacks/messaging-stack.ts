import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { PortalMessaging } from '../constructs/portal-function';
import { PortalKey } from '../constructs/portal-key';
import { portalRolePath } from '../constructs/portal-roles';
import { acknowledged } from '../nag-suppressions';
import type { DeploymentOptions, StageSettings } from '../stage';

/** The id aws-cdk-lib gives the one provider function of every AwsCustomResource in a stack (a fixed UUID). */
const awsCustomResourceProviderId = 'AWS679f53fac002430cb0da5b7982bd2287';

export interface MessagingStackProps extends StackProps {
  readonly stage: StageSettings;
  readonly sms: DeploymentOptions['sms'];
}

/**
 * Everything the portal sends: the operators' topic (2.7, 2.8; KMS-encrypted, TLS only) that alarms and the
 * report and operator functions publish to, and the account's SMS preferences (2.5): transactional, the sender
 * id, a monthly spend limit, and no delivery-status logging. SMS preferences are per account and region, so each
 * stage goes to its own AWS account.
 */
export class MessagingStack extends Stack implements PortalMessaging {
  readonly messagingKey: Key;
  readonly operatorsTopic: Topic;
  readonly smsSenderId: string;
  readonly smsMonthlySpendLimitUsd: number;

  constructor(scope: Construct, id: string, props: MessagingStackProps) {
    super(scope, id, props);
    this.smsSenderId = props.sms.senderId;
    this.smsMonthlySpendLimitUsd = props.sms.monthlySpendLimitUsd;
    this.messagingKey = new PortalKey(this, 'MessagingKey', {
      stage: props.stage,
      description: `SRS portal ${props.stage.name}: the operators' topic`,
      usedVia: ['sns'],
    }).key;

    this.operatorsTopic = new Topic(this, 'OperatorsTopic', {
      displayName: `SRS portal ${props.stage.name} operators`,
      masterKey: this.messagingKey,
      enforceSSL: true,
    });
    new CfnOutput(this, 'OperatorsTopicArn', {
      description: "Subscribe the operators' mailbox or duty phone: alarms and alerts arrive here",
      value: this.operatorsTopic.topicArn,
    });
    // CloudWatch alarms publish to the encrypted topic themselves: the topic's policy must let them (enforceSSL
    // writes a policy, which replaces SNS's default one), and the key must let them encrypt.
    this.operatorsTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.operatorsTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.messagingKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    this.smsPreferences(props);
  }

  /**
   * CloudFormation has no resource for SNS SMS preferences: a custom resource calls SetSMSAttributes on every
   * deployment. Delivery-status logging stays off: SNS would write each record to CloudWatch Logs with the
   * destination phone number, and logs carry no phone numbers (2.4, DESIGN: Security rules). SetSMSAttributes
   * changes only the attributes it is given, so the call clears the role an earlier deployment or a console set
   * (an empty value resets it). Operators learn of failed deliveries from the monitoring stack's alarm on SNS's
   * count of failed SMS, which names no phone.
   */
  private smsPreferences(props: MessagingStackProps): void {
    const logGroup = new LogGroup(this, 'SmsPreferencesLogs', {
      retention: props.stage.logRetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'SmsPreferencesRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      path: portalRolePath(props.stage),
      description: `SRS portal ${props.stage.name}: sets the account's SNS SMS preferences at deployment`,
      inlinePolicies: {
        logs: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [logGroup.logGroupArn],
            }),
          ],
        }),
      },
    });
    const call = {
      service: 'SNS',
      action: 'SetSMSAttributes',
      parameters: {
        attributes: {
          DefaultSMSType: 'Transactional',
          DefaultSenderID: props.sms.senderId,
          MonthlySpendLimit: String(props.sms.monthlySpendLimitUsd),
          DeliveryStatusIAMRole: '',
        },
      },
      physicalResourceId: PhysicalResourceId.of(`srs-portal-${props.stage.name}-sms-preferences`),
    };
    const preferences = new AwsCustomResource(this, 'SmsPreferences', {
      resourceType: 'Custom::SnsSmsPreferences',
      onCreate: call,
      onUpdate: call,
      role,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
      ]),
      installLatestAwsSdk: false,
      logGroup,
      memorySize: 256,
      timeout: Duration.minutes(1),
    });
    Validations.of(preferences).acknowledge(...acknowledged.smsPreferencesCall);
    const provider = this.node.tryFindChild(awsCustomResourceProviderId);
    if (!provider) throw new Error('aws-cdk-lib moved the AwsCustomResource provider function');
    Validations.of(provider).acknowledge(
      ...acknowledged.deploymentTimeFunction,
      ...acknowledged.deploymentTimeFunctionRuntime,
    );
  }
}
