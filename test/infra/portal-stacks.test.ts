import { Match } from 'aws-cdk-lib/assertions';
import { nagSuppressions } from '../../lib/nag-suppressions';
import { allRoutes, routeGroups } from '../../lib/routes';
import { portalTable, tables } from '../../lib/tables';
import { synthesize, type SynthesizedPortal } from '../support/synth';

describe.each(['dev', 'prod'] as const)('The CDK app, stage %s', (stage) => {
  let portal: SynthesizedPortal;

  beforeAll(() => {
    portal = synthesize(stage);
  });

  it('passes cdk-nag AwsSolutions with no unacknowledged finding', () => {
    expect(portal.nagViolations).toEqual([]);
  });

  it('gives every acknowledged finding a reason', () => {
    for (const suppression of nagSuppressions) expect(suppression.reason.length).toBeGreaterThan(30);
  });

  it('creates each table of the table definition: on demand, point-in-time recovery, customer-managed key, TTL', () => {
    portal.data.resourceCountIs('AWS::DynamoDB::GlobalTable', tables.length);
    for (const definition of tables) {
      portal.data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        KeySchema: Match.arrayWith([{ AttributeName: definition.partitionKey, KeyType: 'HASH' }]),
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            SSESpecification: { KMSMasterKeyId: Match.anyValue() },
            DeletionProtectionEnabled: stage === 'prod',
          }),
        ],
      });
    }
    portal.data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalSecondaryIndexes: portalTable.globalIndexes.map((index) =>
        Match.objectLike({ IndexName: index.indexName }),
      ),
    });
    portal.data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it(
    stage === 'prod'
      ? 'retains the data when the stack is deleted'
      : 'lets a dev stack be deleted with its data',
    () => {
      const policy = stage === 'prod' ? 'Retain' : 'Delete';
      portal.data.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: policy,
        UpdateReplacePolicy: policy,
      });
      portal.data.hasResource('AWS::KMS::Key', { DeletionPolicy: policy });
    },
  );

  it('deploys one Node.js 22 arm64 function per route group', () => {
    const functions = portal.api.findResources('AWS::Lambda::Function', {
      Properties: { Runtime: 'nodejs22.x', Architectures: ['arm64'] },
    });
    expect(Object.keys(functions)).toHaveLength(routeGroups.length);
  });

  it('builds an API Gateway method for every route of the route table', () => {
    for (const route of allRoutes) {
      portal.api.hasResourceProperties('AWS::ApiGateway::Method', {
        HttpMethod: route.method,
        OperationName: route.operation,
        RequestValidatorId: Match.anyValue(),
      });
    }
    portal.api.resourceCountIs('AWS::ApiGateway::Method', allRoutes.length);
  });

  it('validates request bodies at the edge with JSON Schema models from the zod schemas', () => {
    portal.api.hasResourceProperties('AWS::ApiGateway::Model', {
      Name: 'createConsentBody',
      Schema: Match.objectLike({
        type: 'object',
        additionalProperties: false,
        required: ['agreementVersion', 'accepted', 'language'],
      }),
    });
  });

  it('puts the stage behind AWS WAF with managed rules and rate limits per IP', () => {
    portal.api.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet' }),
        Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet' }),
        Match.objectLike({
          Name: 'RatePerIp',
          Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP' }) },
        }),
      ]),
    });
    portal.api.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });

  it('gives the public function no table access and the consents function only PutItem', () => {
    const policies = portal.api.findResources('AWS::IAM::Policy');
    const dynamoActions = Object.entries(policies).flatMap(([id, policy]) =>
      (policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
        .flatMap((s) => [s.Action].flat())
        .filter((action) => action.startsWith('dynamodb:'))
        .map((action) => `${id.replace(/RoleDefaultPolicy.*/, '')}:${action}`),
    );
    expect(dynamoActions.filter((a) => a.startsWith('public'))).toEqual([]);
    expect(dynamoActions.filter((a) => a.startsWith('consents')).sort()).toEqual(
      [
        'consents:dynamodb:PutItem',
        'consents:dynamodb:DeleteItem',
        'consents:dynamodb:GetItem',
        'consents:dynamodb:PutItem',
        'consents:dynamodb:UpdateItem',
      ].sort(),
    );
  });

  it('keeps access logs as JSON without request bodies or paths', () => {
    portal.api.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('"resource":"\\$context.resourcePath"'),
      },
      TracingEnabled: true,
    });
    const stages = portal.api.findResources('AWS::ApiGateway::Stage');
    const format = Object.values(stages)[0]!.Properties.AccessLogSetting.Format as string;
    expect(format).not.toMatch(/\$context\.path|requestBody|\$input/);
  });
});
