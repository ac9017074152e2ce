import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from './stacks/api-stack';
import { DataStack } from './stacks/data-stack';
import { OperationsStack } from './stacks/operations-stack';
import { stageSettings } from './stage';
import { applySuppressions } from './nag-suppressions';

/** Frankfurt: the nearest region with every service the portal uses; override with `-c region=…`. */
export const defaultRegion = 'eu-central-1';

/** The whole portal for one stage: data, the API, then the operators' functions; cdk-nag checks every stack. */
export const buildPortal = (app: App, stageName: string) => {
  const stage = stageSettings(stageName);
  const prefix = `SrsPortal-${stage.name}`;
  // The region is fixed at synthesis (context `region`); the account comes from the deploying credentials.
  const env = {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: (app.node.tryGetContext('region') as string | undefined) ?? defaultRegion,
  };
  const data = new DataStack(app, `${prefix}-Data`, { stage, env });
  const api = new ApiStack(app, `${prefix}-Api`, { stage, env, tables: data.tables, dataKey: data.key });
  const operations = new OperationsStack(app, `${prefix}-Operations`, {
    stage,
    env,
    tables: data.tables,
    dataKey: data.key,
    applicantLogGroups: [...api.functions.values()].map((fn) => fn.logGroup),
  });
  Tags.of(app).add('project', 'srs-portal');
  Tags.of(app).add('stage', stage.name);
  applySuppressions([data, api, operations]);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, api, operations };
};
