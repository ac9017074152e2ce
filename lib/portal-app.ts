import { Tags, type App } from 'aws-cdk-lib';
import { checkCompliance } from './nag-suppressions';
import { ApiStack } from './stacks/api-stack';
import { DataStack } from './stacks/data-stack';
import { MessagingStack } from './stacks/messaging-stack';
import { MonitoringStack } from './stacks/monitoring-stack';
import { deploymentOptions, stageSettings } from './stage';

/**
 * The whole portal for one stage: data, messaging (operators' topic, SMS), the API, then monitoring over them.
 * The shared pieces (tables, data key, keys secret, operators' topic) are stack properties that other stacks
 * take as props; `PortalFunction` (lib/constructs) builds a least-privilege function on them. cdk-nag's
 * AwsSolutions and Serverless packs check every stack.
 */
export const buildPortal = (app: App, stageName: string) => {
  const stage = stageSettings(stageName);
  const options = deploymentOptions(app.node);
  const prefix = `SrsPortal-${stage.name}`;
  // The region is fixed at synthesis (context `region`); the account comes from the deploying credentials.
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: options.region };
  const data = new DataStack(app, `${prefix}-Data`, { stage, env });
  const messaging = new MessagingStack(app, `${prefix}-Messaging`, { stage, env, sms: options.sms });
  const api = new ApiStack(app, `${prefix}-Api`, { stage, env, data, messaging, options });
  const monitoring = new MonitoringStack(app, `${prefix}-Monitoring`, {
    stage,
    env,
    api,
    operatorsTopic: messaging.operatorsTopic,
    smsMonthlySpendLimitUsd: messaging.smsMonthlySpendLimitUsd,
  });
  Tags.of(app).add('project', 'srs-portal');
  Tags.of(app).add('stage', stage.name);
  checkCompliance(app);
  return { stage, options, data, messaging, api, monitoring };
};
