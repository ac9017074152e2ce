import { Aspects, Tags, type App } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { StageRolePath } from './constructs/portal-roles';
import { checkCompliance } from './nag-suppressions';
import { ApiStack } from './stacks/api-stack';
import { DataStack } from './stacks/data-stack';
import { MessagingStack } from './stacks/messaging-stack';
import { MonitoringStack } from './stacks/monitoring-stack';
import { OperationsStack } from './stacks/operations-stack';
import { WebStack } from './stacks/web-stack';
import { deploymentOptions, stageSettings } from './stage';

/**
 * The whole portal for one stage: data, messaging (operators' topic, SMS), the API, the operators' functions,
 * then monitoring over them. The shared pieces (tables, data key, keys secret, operators' topic) are stack
 * properties that other stacks take as props; `PortalFunction` (lib/constructs) builds every least-privilege
 * function on them, the API's and the operators'. Every role of the stage lives under one IAM path; cdk-nag's AwsSolutions and Serverless packs check
 * every stack.
 */
export const buildPortal = (app: App, stageName: string) => {
  const stage = stageSettings(stageName);
  const options = deploymentOptions(app.node);
  const prefix = `SrsPortal-${stage.name}`;
  // The region is fixed at synthesis (context `region`); the account comes from the deploying credentials.
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: options.region };
  const data = new DataStack(app, `${prefix}-Data`, { stage, env });
  const messaging = new MessagingStack(app, `${prefix}-Messaging`, { stage, env, sms: options.sms });
  // The web stack below fronts the API with CloudFront, which forwards applicants' IPs (lib/viewer-ip.ts).
  const api = new ApiStack(app, `${prefix}-Api`, {
    stage,
    env,
    data,
    messaging,
    options,
    frontedByCloudFront: true,
  });
  const operations = new OperationsStack(app, `${prefix}-Operations`, {
    stage,
    env,
    data,
    messaging,
    applicantLogGroups: [...api.functions.values()].map((fn) => fn.logGroup),
  });
  const monitoring = new MonitoringStack(app, `${prefix}-Monitoring`, {
    stage,
    env,
    api,
    operatorsTopic: messaging.operatorsTopic,
    smsMonthlySpendLimitUsd: messaging.smsMonthlySpendLimitUsd,
  });
  monitoring.watchFunctions(
    new Map([
      ['operator-commands', operations.commands],
      ...[...operations.jobs].map(([job, fn]) => [`operator-${job}`, fn] as const),
    ]),
  );
  // The operations stack alarms on its dead-letter queues itself; the dashboard shows their depth.
  const deadLetterQueues = operations.node.findAll().filter((construct) => construct instanceof Queue);
  monitoring.watchDeadLetterQueues(new Map(deadLetterQueues.map((queue) => [queue.node.id, queue])), {
    alarms: false,
  });
  // The applicants' page: a private bucket behind CloudFront, which also sends /v1/* to the API stage.
  const web = new WebStack(app, `${prefix}-Web`, { stage, env, api: api.api });
  web.addStackDependency(api, 'CloudFront reads the origin secret the API stack creates, by name');
  Aspects.of(app).add(new StageRolePath(stage));
  Tags.of(app).add('project', 'srs-portal');
  Tags.of(app).add('stage', stage.name);
  checkCompliance(app);
  return { stage, options, data, messaging, api, operations, monitoring, web };
};
