import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildPortal } from '../../lib/portal-app';

const cdkContext = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

export interface SynthesizedPortal {
  readonly app: App;
  readonly data: Template;
  readonly api: Template;
  /** cdk-nag's findings that are not acknowledged: rule id and construct path. */
  readonly nagViolations: { rule: string; severity: string; path: string }[];
}

/** Synthesizes the CDK app for a stage as `cdk synth` would (cdk.json context), bundling included. */
export const synthesize = (stage: 'dev' | 'prod'): SynthesizedPortal => {
  const outdir = join(__dirname, '..', '..', 'cdk.out', `test-${stage}`);
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir, context: { ...cdkContext, stage } });
  const { data, api } = buildPortal(app, stage);
  // Throws with cdk-nag's report when a finding is not acknowledged.
  app.synth();
  const reportFile = join(outdir, 'validation-report.json');
  const report = existsSync(reportFile)
    ? (JSON.parse(readFileSync(reportFile, 'utf8')) as {
        pluginReports: {
          violations: {
            ruleName: string;
            severity: string;
            violatingConstructs: { constructPath: string }[];
          }[];
        }[];
      })
    : { pluginReports: [] };
  const nagViolations = report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => ({ rule: v.ruleName, severity: v.severity, path: c.constructPath })),
    ),
  );
  return { app, data: Template.fromStack(data), api: Template.fromStack(api), nagViolations };
};
