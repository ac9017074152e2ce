import { App } from 'aws-cdk-lib';
import { buildPortal } from '../lib/portal-app';

/** The CDK app: `npx cdk synth` (offline) or `npx cdk deploy -c stage=prod --all`. */
const app = new App();
buildPortal(app, (app.node.tryGetContext('stage') as string | undefined) ?? 'dev');
app.synth();
