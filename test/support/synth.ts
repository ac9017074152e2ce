import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildPortal } from '../../lib/portal-app';

const cdkContext = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

export interface NagViolation {
  readonly rule: string;
  readonly severity: string;
  readonly path: string;
}

export interface SynthesizedPortal {
  readonly app: App;
  /** What buildPortal returned: the stacks, the stage settings and the deployment options. */
  readonly portal: ReturnType<typeof buildPortal>;
  readonly data: Template;
  readonly messaging: Template;
  readonly api: Template;
  readonly monitoring: Template;
  /** Every stack of the app by stack name, including stacks that other modules add. */
  readonly templates: ReadonlyMap<string, Template>;
  /** cdk-nag's findings that are not acknowledged: rule id, severity and construct path (none, or it throws). */
  readonly nagViolations: NagViolation[];
}

export interface SynthesisOptions {
  /** Context values over cdk.json's, as `-c key=value` gives them. */
  readonly context?: Record<string, unknown>;
  /** Bundle the functions with esbuild, as `cdk synth` does (default); off, the assets are staged unbundled. */
  readonly bundle?: boolean;
  /** Adds constructs to the built app before synthesis (another stack, a non-compliant resource…). */
  readonly extend?: (app: App, portal: ReturnType<typeof buildPortal>) => void;
  /** A name for the cloud assembly directory under cdk.out/. */
  readonly name?: string;
}

/** cdk-nag's findings in a cloud assembly's validation report (none when there is no report). */
export const readViolations = (outdir: string): NagViolation[] => {
  const reportFile = join(outdir, 'validation-report.json');
  if (!existsSync(reportFile)) return [];
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    pluginReports: {
      violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
    }[];
  };
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => ({ rule: v.ruleName, severity: v.severity, path: c.constructPath })),
    ),
  );
};

/** Synthesis stopped on findings of cdk-nag (or of CDK's own template validation) that nobody acknowledged. */
export class NagFindings extends Error {
  constructor(readonly violations: readonly NagViolation[]) {
    super(
      `Unacknowledged findings:\n${violations.map((v) => `  ${v.severity} ${v.rule} at ${v.path}`).join('\n')}`,
    );
    this.name = 'NagFindings';
  }
}

/**
 * Synthesizes the CDK app for a stage as `cdk synth` would (cdk.json context), bundling included. A finding that
 * is not acknowledged fails synthesis (warnings too): synthesize throws NagFindings with each of them.
 */
export const synthesize = (stage: 'dev' | 'prod', options: SynthesisOptions = {}): SynthesizedPortal => {
  const outdir = join(__dirname, '..', '..', 'cdk.out', `test-${options.name ?? stage}`);
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({
    outdir,
    context: {
      ...cdkContext,
      stage,
      ...(options.bundle === false && { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  const portal = buildPortal(app, stage);
  options.extend?.(app, portal);
  try {
    app.synth();
  } catch (error) {
    const violations = readViolations(outdir);
    throw violations.length > 0 ? new NagFindings(violations) : error;
  }
  const templates = new Map(
    app.node.children.filter(Stack.isStack).map((stack) => [stack.stackName, Template.fromStack(stack)]),
  );
  const template = (stack: Stack) => templates.get(stack.stackName)!;
  return {
    app,
    portal,
    data: template(portal.data),
    messaging: template(portal.messaging),
    api: template(portal.api),
    monitoring: template(portal.monitoring),
    templates,
    nagViolations: readViolations(outdir),
  };
};
