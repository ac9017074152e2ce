import type { Template } from 'aws-cdk-lib/assertions';

/** Reads of synthesized templates that the infra tests share: functions, roles and their statements. */

export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly resources: readonly unknown[];
  /** `NotResource`: the statement covers every resource but these. */
  readonly notResources: readonly unknown[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

interface RawStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

type Resource = { Type: string; Properties: Record<string, unknown> };

const normalize = (statement: RawStatement): Statement => ({
  Sid: statement.Sid,
  Effect: statement.Effect,
  actions: [statement.Action].flat(),
  resources: statement.Resource === undefined ? [] : [statement.Resource].flat(),
  notResources: statement.NotResource === undefined ? [] : [statement.NotResource].flat(),
  Condition: statement.Condition,
});

/** Whether a resource value (a Ref, GetAtt, ImportValue or Join) names a construct, by its logical id. */
export const refersTo = (value: unknown, logicalIdPart: string): boolean =>
  JSON.stringify(value).includes(logicalIdPart);

export interface DeployedFunction {
  readonly logicalId: string;
  /** The Powertools service name without `srs-portal-`: the route group or job. */
  readonly name: string;
  readonly properties: {
    FunctionName: string;
    Runtime: string;
    Architectures: string[];
    MemorySize: number;
    Timeout: number;
    ReservedConcurrentExecutions?: number;
    TracingConfig?: { Mode: string };
    LoggingConfig?: { LogGroup: unknown };
    Environment: { Variables: Record<string, unknown> };
    Role: { 'Fn::GetAtt': [string, string] };
  };
  /** Every statement of the function's role: inline policies and attached policies. */
  readonly statements: readonly Statement[];
  readonly role: { Path?: string; Tags?: { Key: string; Value: string }[] };
}

/** The portal functions of a template (those with a Powertools service name), with their roles' statements. */
export const portalFunctions = (template: Template): DeployedFunction[] => {
  const resources = template.toJSON().Resources as Record<string, Resource>;
  return Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
    .filter(([, r]) => {
      const variables = (r.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables;
      return typeof variables?.POWERTOOLS_SERVICE_NAME === 'string';
    })
    .map(([logicalId, r]) => {
      const properties = r.Properties as unknown as DeployedFunction['properties'];
      const roleId = properties.Role['Fn::GetAtt'][0];
      const role = resources[roleId]!.Properties as {
        Path?: string;
        Tags?: { Key: string; Value: string }[];
        Policies?: { PolicyDocument: { Statement: RawStatement[] } }[];
      };
      const attached = Object.values(resources)
        .filter((p) => p.Type === 'AWS::IAM::Policy')
        .filter((p) => refersTo(p.Properties.Roles, roleId))
        .flatMap((p) => (p.Properties.PolicyDocument as { Statement: RawStatement[] }).Statement);
      const inline = (role.Policies ?? []).flatMap((p) => p.PolicyDocument.Statement);
      return {
        logicalId,
        name: (properties.Environment.Variables.POWERTOOLS_SERVICE_NAME as string).replace(
          /^srs-portal-/,
          '',
        ),
        properties,
        statements: [...inline, ...attached].map(normalize),
        role,
      };
    });
};

/** The statements of a function that allow (or deny) an action, on any resource. */
export const statementsWith = (fn: DeployedFunction, action: string, effect: 'Allow' | 'Deny' = 'Allow') =>
  fn.statements.filter((s) => s.Effect === effect && s.actions.includes(action));

/** Every resource of a type in a template, as [logical id, properties]. */
export const resourcesOf = (template: Template, type: string): [string, Record<string, unknown>][] =>
  Object.entries(template.toJSON().Resources as Record<string, Resource>)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, r.Properties]);
