import type { Template } from 'aws-cdk-lib/assertions';
import { synthesize, type SynthesizedPortal } from '../support/synth';
import { portalFunctions, resourcesOf } from './template-queries';

/** Every `Fn::ImportValue` of a template: the export names it reads. */
const importedNames = (template: Template): string[] => {
  const names: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'Fn::ImportValue') names.push(JSON.stringify(inner));
        else walk(inner);
      }
    }
  };
  walk(template.toJSON());
  return names;
};

/** The export names a template declares. */
const exportedNames = (template: Template): string[] =>
  Object.values((template.toJSON().Outputs ?? {}) as Record<string, { Export?: { Name: unknown } }>)
    .filter((output) => output.Export)
    .map((output) => JSON.stringify(output.Export!.Name));

/** `Name=value` of every dimension the dashboard graphs (its body, with the region's reference left out). */
const dashboardDimensions = (template: Template): string[] => {
  const [[, dashboard]] = resourcesOf(template, 'AWS::CloudWatch::Dashboard');
  const parts = (dashboard!.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  const body = JSON.parse(parts.map((part) => (typeof part === 'string' ? part : '')).join('')) as {
    widgets: { properties: { metrics?: unknown[][] } }[];
  };
  return body.widgets.flatMap((widget) =>
    (widget.properties.metrics ?? []).flatMap((metric) => {
      const names = metric.filter((item): item is string => typeof item === 'string').slice(2);
      return names.flatMap((name, index) => (index % 2 === 0 ? [`${name}=${names[index + 1]}`] : []));
    }),
  );
};

describe('References between the stacks of a stage (prod)', () => {
  let portal: SynthesizedPortal;
  let longLived: Template[];
  let stateless: [string, Template][];

  beforeAll(() => {
    portal = synthesize('prod', { bundle: false, name: 'stack-references' });
    const { data, messaging } = portal.portal;
    longLived = [portal.data, portal.messaging];
    stateless = [...portal.templates].filter(
      ([name]) => name !== data.stackName && name !== messaging.stackName,
    );
  });

  it('lets a stateless stack import only what the Data and Messaging stacks export (tables, keys, secret, topic)', () => {
    const allowed = new Set(longLived.flatMap(exportedNames));
    expect(stateless.map(([name]) => name).sort()).toEqual(
      ['Api', 'Monitoring', 'Operations', 'Web'].map((stack) => `SrsPortal-prod-${stack}`),
    );
    const imports = stateless.flatMap(([, template]) => importedNames(template));
    expect(imports.length).toBeGreaterThan(0);
    for (const [stack, template] of stateless) {
      const foreign = importedNames(template).filter((name) => !allowed.has(name));
      expect({ stack, foreign }).toEqual({ stack, foreign: [] });
    }
  });

  it('exports nothing from a stateless stack, and imports nothing into the long-lived ones', () => {
    for (const [stack, template] of stateless)
      expect({ stack, exports: exportedNames(template) }).toEqual({
        stack,
        exports: [],
      });
    for (const template of longLived) expect(importedNames(template)).toEqual([]);
  });

  it('watches every portal function and dead-letter queue by the name it is deployed with', () => {
    const deployed = stateless.flatMap(([, template]) =>
      portalFunctions(template).map((fn) => fn.properties),
    );
    expect(deployed.length).toBeGreaterThan(0);
    const watched = dashboardDimensions(portal.monitoring);
    for (const { FunctionName } of deployed) {
      expect(FunctionName).toMatch(/^srs-portal-prod-[a-z-]+$/);
      expect(watched).toContain(`FunctionName=${FunctionName}`);
    }
    const operations = portal.templates.get(portal.portal.operations.stackName)!;
    const queues = resourcesOf(operations, 'AWS::SQS::Queue').map(([, queue]) => queue.QueueName as string);
    expect(queues.length).toBeGreaterThan(0);
    for (const queueName of queues) {
      expect(queueName).toMatch(/^srs-portal-prod-[A-Za-z-]+-dead-letters$/);
      expect(watched).toContain(`QueueName=${queueName}`);
    }
  });

  it('gives CloudFront the API host through an SSM parameter the Api stack writes, not an export', () => {
    const parameters = resourcesOf(portal.api, 'AWS::SSM::Parameter').map(([, p]) => p.Name);
    expect(parameters).toContain('/srs-portal/prod/api-host');
    const web = portal.templates.get(portal.portal.web.stackName)!.toJSON() as {
      Parameters: Record<string, { Type: string; Default: string }>;
    };
    expect(Object.values(web.Parameters)).toContainEqual({
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/srs-portal/prod/api-host',
    });
  });
});
