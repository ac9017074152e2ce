import { ArnFormat, Stack } from 'aws-cdk-lib';
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

/** Role tag of the functions allowed to alert operators; the messaging key admits only roles that carry it. */
export const alertsOperatorsTag = { key: 'srs-portal:alerts-operators', value: 'true' } as const;
