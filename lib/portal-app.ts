import { Aspects, Tags, type App } from 'aws-cdk-lib';
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
  const pageOrigins = [
    ...new Set([options.portalOrigin, ...options.allowedOrigins].filter((o) => o !== undefined)),
  ];
  const data = new DataStack(app, `${prefix}-Data`, {
    stage,
    env,
    pageOrigins,
    restoredTables: options.restoredTables,
  });
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
  const operations = new OperationsStack(app, `${prefix}-Operations`, { stage, env, data, messaging });
  const monitoring = new MonitoringStack(app, `${prefix}-Monitoring`, {
    stage,
    env,
    api,
    operatorsTopic: messaging.operatorsTopic,
    smsMonthlySpendLimitUsd: messaging.smsMonthlySpendLimitUsd,
  });
  // Stateless stacks name each other's pieces by stage-derived names (lib/stage-names.ts), never by export: the
  // dependencies below only order a deployment of everything.
  monitoring.watchFunctions(
    new Map([...operations.functions].map(([label, fn]) => [label, fn.functionName])),
  );
  // The operations stack alarms on its dead-letter queues itself; the dashboard shows their depth.
  monitoring.watchDeadLetterQueues(operations.deadLetterQueueNames, { alarms: false });
  monitoring.addStackDependency(api, 'watches the API functions by name');
  monitoring.addStackDependency(operations, 'watches the operators functions and queues by name');
  // The applicants' page: a private bucket behind CloudFront, which also sends /v1/* to the API stage.
  const web = new WebStack(app, `${prefix}-Web`, { stage, env });
  web.addStackDependency(
    api,
    'CloudFront reads the API host and the origin secret the API stack writes, by name',
  );
  Aspects.of(app).add(new StageRolePath(stage));
  Tags.of(app).add('project', 'srs-portal');
  Tags.of(app).add('stage', stage.name);
  checkCompliance(app);
  return { stage, options, data, messaging, api, operations, monitoring, web };
};
