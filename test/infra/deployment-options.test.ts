import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { PortalFunction } from '../../lib/constructs/portal-function';
import { buildPortal } from '../../lib/portal-app';
import { allRoutes } from '../../contract/routes';
import { alarmThresholds } from '../../lib/stacks/monitoring-stack';
import { NagFindings, synthesize, type SynthesisOptions } from '../support/synth';
import { portalFunctions, refersTo, resourcesOf, statementsWith } from './template-queries';

/** Context as `-c key=value` gives it; functions are staged unbundled, the handlers are not under test here. */
const synth = (name: string, context: Record<string, unknown>, extend?: SynthesisOptions['extend']) =>
  synthesize('prod', { name, context, bundle: false, extend });

/** Only its path is read at synthesis (bundling copies it; these syntheses do not bundle). */
const trustedCaFile = join(mkdtempSync(join(tmpdir(), 'srs-ca-')), 'id-card-ca.pem');
writeFileSync(trustedCaFile, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');

const certificateArn =
  'arn:aws:acm:eu-central-1:123456789012:certificate/0f8e2d7c-1a2b-4c3d-9e8f-001122334455';

describe('Deployment options (context)', () => {
  it('serves the API on a custom domain with TLS 1.2 or later', () => {
    const { api } = synth('domain', { domainName: 'api.portal.srs.kg', certificateArn });
    api.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'api.portal.srs.kg',
      SecurityPolicy: 'TLS_1_2',
      EndpointConfiguration: { Types: ['REGIONAL'] },
      RegionalCertificateArn: certificateArn,
    });
    api.resourceCountIs('AWS::ApiGateway::BasePathMapping', 1);
    api.hasOutput('DomainTarget', Match.anyValue());
  });

  it('allows CORS for the configured origins only, with the portal’s headers', () => {
    const origins = ['https://portal.srs.kg', 'https://www.portal.srs.kg'];
    const { api } = synth('cors', { allowedOrigins: origins.join(',') });
    const preflights = resourcesOf(api, 'AWS::ApiGateway::Method').filter(
      ([, m]) => m.HttpMethod === 'OPTIONS',
    );
    expect(preflights.length).toBeGreaterThanOrEqual(new Set(allRoutes.map((r) => r.path)).size);
    const text = JSON.stringify(preflights);
    for (const origin of origins) expect(text).toContain(origin);
    expect(text).not.toMatch(/Allow-Origin":"'\*'/);
    expect(text).toContain('Idempotency-Key');
    // The handlers echo CORS on real answers to these origins only.
    const environments = resourcesOf(api, 'AWS::Lambda::Function')
      .map(
        ([, properties]) =>
          (properties as { Environment?: { Variables: Record<string, string> } }).Environment,
      )
      .filter((environment) => environment !== undefined);
    expect(environments.length).toBeGreaterThan(0);
    for (const environment of environments)
      expect(environment.Variables.PORTAL_ALLOWED_ORIGINS).toBe(origins.join(','));
  });

  it('puts CORS headers on the edge’s own problem responses when there is one origin', () => {
    const { api } = synth('cors-one', { allowedOrigins: 'https://portal.srs.kg' });
    const gatewayResponses = resourcesOf(api, 'AWS::ApiGateway::GatewayResponse');
    expect(gatewayResponses.length).toBeGreaterThan(0);
    for (const [, response] of gatewayResponses) {
      expect(response.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://portal.srs.kg'",
        'gatewayresponse.header.Access-Control-Expose-Headers': "'x-request-id,Retry-After'",
      });
    }
    const [sessions] = portalFunctions(api).filter((fn) => fn.name === 'sessions');
    expect(sessions!.properties.Environment.Variables.PORTAL_ORIGIN).toBe('https://portal.srs.kg');
  });

  it('takes the SMS spend limit and sender id from the context, and alarms at a share of the limit', () => {
    const { messaging, monitoring } = synth('sms', { smsMonthlySpendLimitUsd: '250', smsSenderId: 'GRSKG' });
    const [, preferences] = resourcesOf(messaging, 'Custom::SnsSmsPreferences')[0]!;
    expect(JSON.stringify(preferences.Create)).toContain('\\"MonthlySpendLimit\\":\\"250\\"');
    expect(JSON.stringify(preferences.Create)).toContain('\\"DefaultSenderID\\":\\"GRSKG\\"');
    monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: alarmThresholds.smsSpendShare * 250,
      Metrics: Match.arrayWith([
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ MetricName: 'SMSMonthToDateSpentUSD' }),
          }),
        }),
      ]),
    });
  });

  it('gives the ID-card verifying group the bundled trusted CAs and the OCSP responder, and no one else', () => {
    const { api } = synth('id-card', {
      idCardCaFile: trustedCaFile,
      idCardOcspUrl: 'https://ocsp.example.kg',
    });
    for (const fn of portalFunctions(api)) {
      const variables = fn.properties.Environment.Variables;
      if (fn.name === 'id-card') {
        expect(variables).toMatchObject({
          PORTAL_ID_CARD_CA: '/var/task/id-card-ca.pem',
          PORTAL_ID_CARD_OCSP: 'https://ocsp.example.kg',
        });
      } else expect(variables.PORTAL_ID_CARD_CA).toBeUndefined();
    }
  });

  it.each([
    [{ smsSenderId: 'SRS-Portal' }, /smsSenderId/],
    [{ domainName: 'api.portal.srs.kg' }, /domainName and certificateArn go together/],
    [{ allowedOrigins: 'http://portal.srs.kg' }, /allowedOrigins/],
    [{ allowedOrigins: 'https://portal.srs.kg/path' }, /allowedOrigins/],
    [{ smsMonthlySpendLimitUsd: 'lots' }, /smsMonthlySpendLimitUsd/],
    [{ idCardCaFile: 'no/such/ca.pem' }, /idCardCaFile/],
  ])('refuses the invalid context %j', (context, message) => {
    const app = new App({ context: { stage: 'dev', ...context, 'aws:cdk:bundling-stacks': [] } });
    expect(() => buildPortal(app, 'dev')).toThrow(message);
  });

  it('refuses an unknown stage', () => {
    expect(() => buildPortal(new App(), 'staging')).toThrow(/Unknown stage "staging"/);
  });
});

describe('Shared pieces for other stacks (the operations stack)', () => {
  it('builds a least-privilege asynchronous function and watches its dead-letter queue and throttles', () => {
    let operations: Stack | undefined;
    const { monitoring, templates } = synth('shared', {}, (app, portal) => {
      operations = new Stack(app, 'SrsPortal-prod-OperationsFixture', {
        env: { region: portal.options.region },
      });
      const deadLetters = new Queue(operations, 'BlockAccountDeadLetters', {
        queueName: 'srs-portal-prod-block-account-dead-letters',
        encryption: QueueEncryption.KMS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(deadLetters).acknowledge(
        {
          id: 'AwsSolutions-SQS3',
          reason: 'Test fixture: this queue is the dead-letter queue of a function.',
        },
        {
          id: 'Serverless-SQSRedrivePolicy',
          reason: 'Test fixture: this queue is the dead-letter queue of a function.',
        },
      );
      const blockAccount = new PortalFunction(operations, 'BlockAccount', {
        stage: portal.stage,
        data: portal.data,
        messaging: portal.messaging,
        name: 'block-account',
        entry: 'functions/public/handler.ts',
        invokedBy: 'events',
        needs: { tableActions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], alertsOperators: true },
        timeout: Duration.seconds(60),
        deadLetterQueue: deadLetters,
      });
      portal.monitoring.watchFunctions(new Map([['block-account', blockAccount.functionName]]));
      portal.monitoring.watchDeadLetterQueues(
        new Map([['block-account', 'srs-portal-prod-block-account-dead-letters']]),
      );
    });
    const ops = templates.get(operations!.stackName)!;
    const [fn] = portalFunctions(ops);
    expect(fn!.properties).toMatchObject({ Timeout: 60, MemorySize: 256 });
    expect(fn!.role.Path).toBe('/srs-portal/prod/');
    expect(statementsWith(fn!, 'dynamodb:UpdateItem', 'Deny')).toHaveLength(1);
    expect(statementsWith(fn!, 'sns:Publish').every((s) => refersTo(s.resources, 'OperatorsTopic'))).toBe(
      true,
    );
    ops.hasResourceProperties('AWS::Lambda::Function', { DeadLetterConfig: { TargetArn: Match.anyValue() } });
    const alarms = resourcesOf(monitoring, 'AWS::CloudWatch::Alarm').map(([, alarm]) =>
      JSON.stringify(alarm),
    );
    expect(
      alarms.filter(
        (a) =>
          a.includes('ApproximateNumberOfMessagesVisible') &&
          a.includes('srs-portal-prod-block-account-dead-letters'),
      ),
    ).toHaveLength(1);
    expect(
      alarms.filter((a) => a.includes('"Throttles"') && a.includes('"srs-portal-prod-block-account"')),
    ).toHaveLength(1);
    const [, dashboard] = resourcesOf(monitoring, 'AWS::CloudWatch::Dashboard')[0]!;
    expect(JSON.stringify(dashboard.DashboardBody)).toContain('Dead-letter queue depth');
  });
});

describe('Compliance checks', () => {
  it('runs both cdk-nag packs: a non-compliant resource stops synthesis with AwsSolutions and Serverless findings', () => {
    const attempt = () =>
      synth('non-compliant', {}, (app) => {
        const stack = new Stack(app, 'NonCompliant');
        new Topic(stack, 'PlainTopic');
        new LambdaFunction(stack, 'PlainFunction', {
          runtime: Runtime.NODEJS_24_X,
          handler: 'index.handler',
          code: Code.fromInline('exports.handler = async () => {};'),
        });
      });
    const error = (() => {
      try {
        attempt();
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(NagFindings);
    const { violations } = error as NagFindings;
    expect(violations.map((v) => v.rule)).toEqual(
      expect.arrayContaining(['AwsSolutions-SNS3', 'Serverless-LambdaDLQ', 'Serverless-LambdaTracing']),
    );
    expect(violations.every((v) => v.path.startsWith('NonCompliant/'))).toBe(true);
  });
});
