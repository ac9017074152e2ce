import { ArnFormat, CfnResource, Stack, type IAspect } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { StageSettings } from '../stage';

/**
 * Every role of a stage's functions lives under one IAM path. Key policies cannot name roles of stacks deployed
 * after the key without a dependency cycle, so they admit this path instead: the stage's roles, and no other.
 */
export const portalRolePath = (stage: StageSettings): string => `/srs-portal/${stage.name}/`;

/** `arn:…:iam::<account>:role/srs-portal/<stage>/*`, for `aws:PrincipalArn` conditions. */
export const portalRoleArnPattern = (scope: IConstruct, stage: StageSettings): string =>
  Stack.of(scope).formatArn({
    service: 'iam',
    region: '',
    resource: 'role',
    resourceName: `${portalRolePath(stage).slice(1)}*`,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });

/**
 * Puts every IAM role of the app that names no path under the stage's path, so that roles built without
 * PortalFunction (the operations stack's schedules role, aws-cdk-lib's own) are admitted by the key policies too.
 * Their IAM policies still decide what each may do.
 */
export class StageRolePath implements IAspect {
  constructor(private readonly stage: StageSettings) {}

  visit(node: IConstruct): void {
    if (node instanceof CfnRole) {
      if (node.path === undefined) node.path = portalRolePath(this.stage);
    } else if (node instanceof CfnResource && node.cfnResourceType === 'AWS::IAM::Role') {
      // aws-cdk-lib's custom-resource providers (e.g. S3 auto-delete) declare their roles as plain resources.
      node.addPropertyOverride('Path', portalRolePath(this.stage));
    }
  }
}
