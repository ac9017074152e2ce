import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Match } from 'aws-cdk-lib/assertions';
import { ResponseType } from 'aws-cdk-lib/aws-apigateway';
import { problemBody, problemContentType } from '../../functions/commons/http/problem';
import { problems } from '../../contract/problems';
import { negotiateLanguage } from '../../functions/commons/i18n';
import { edgeLanguage } from '../../lib/edge-problems';
import { problemsWithRetryAfter } from '../../contract/openapi-responses';
import { keysSecretLength } from '../../lib/stacks/data-stack';
import { alarmThresholds } from '../../lib/stacks/monitoring-stack';
import { passwordHashingMemoryMb, defaultMemoryMb } from '../../lib/constructs/portal-function';
import { acknowledged } from '../../lib/nag-suppressions';
import { allRoutes, routeGroups, type RouteGroup } from '../../contract/routes';
import { groupNeeds, groupTableActions, isGuardedRoute, needsOf } from '../../lib/route-permissions';
import { stageSettings } from '../../lib/stage';
import { methodRequestParameters } from '../../lib/query-parameters';
import { portalTable, tables } from '../../contract/tables';
import { viewerIp } from '../../contract/viewer-ip';
import { originVerifySecretName } from '../../lib/viewer-ip';
import { synthesize, type SynthesizedPortal } from '../support/synth';
import {
  portalFunctions,
  refersTo,
  resourcesOf,
  statementsWith,
  type DeployedFunction,
} from './template-queries';

/** Every acknowledgement in a construct tree: the rule id and where it was made. */
const acknowledgementsIn = (root: IConstruct): { rule: string; path: string }[] =>
  root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.keys(entry.data as object))
      .map((id) => ({ rule: id.replace(/^annotation::/i, ''), path: construct.node.path })),
  );

describe.each(['dev', 'prod'] as const)('The CDK app, stage %s', (stage) => {
  let portal: SynthesizedPortal;
  let functions: DeployedFunction[];
  const settings = stageSettings(stage);
  const functionOf = (group: RouteGroup) => functions.find((fn) => fn.name === group)!;

  beforeAll(() => {
    portal = synthesize(stage);
    functions = portalFunctions(portal.api);
  });

  describe('compliance (6)', () => {
    it('passes cdk-nag AwsSolutions and Serverless with no unacknowledged finding, warnings included', () => {
      expect(portal.nagViolations).toEqual([]);
    });

    it('acknowledges only the reviewed findings of lib/nag-suppressions.ts, each on a construct, never a whole stack', () => {
      const reviewed = new Set(Object.values(acknowledged).flatMap((list) => list.map((a) => a.id)));
      // Other stacks (operations) keep their own acknowledgements and tests.
      const { data, messaging, api, monitoring } = portal.portal;
      const found = [data, messaging, api, monitoring].flatMap(acknowledgementsIn);
      expect(found.length).toBeGreaterThan(0);
      for (const { rule, path } of found) {
        expect(reviewed).toContain(rule);
        expect(path).toContain('/');
      }
      for (const list of Object.values(acknowledged)) {
        for (const { reason } of list) expect(reason.length).toBeGreaterThan(60);
      }
    });

    it('declares the needs of every route group of the route table', () => {
      for (const group of routeGroups) expect(Object.keys(groupNeeds)).toContain(group);
    });
  });

  describe('edge (1)', () => {
    it('builds an API Gateway method for every route of the route table, validated at the edge', () => {
      for (const route of allRoutes) {
        portal.api.hasResourceProperties('AWS::ApiGateway::Method', {
          HttpMethod: route.method,
          OperationName: route.operation,
          RequestValidatorId: Match.anyValue(),
          ...(route.body && { RequestModels: { 'application/json': Match.anyValue() } }),
        });
      }
      portal.api.resourceCountIs('AWS::ApiGateway::Method', allRoutes.length);
      portal.api.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true });
    });

    it('declares each route’s query and path parameters from its zod schemas, and validates them at the edge', () => {
      const withQuery = allRoutes.filter((route) => route.query || route.params);
      expect(withQuery.map((route) => route.path)).toEqual(
        expect.arrayContaining(['/v1/agreement', '/v1/me/activity']),
      );
      const validators = resourcesOf(portal.api, 'AWS::ApiGateway::RequestValidator');
      expect(validators).toHaveLength(1);
      const [validatorId, validator] = validators[0]!;
      expect(validator).toMatchObject({ ValidateRequestBody: true, ValidateRequestParameters: true });
      for (const route of withQuery) {
        portal.api.hasResourceProperties('AWS::ApiGateway::Method', {
          HttpMethod: route.method,
          OperationName: route.operation,
          RequestValidatorId: { Ref: validatorId },
          RequestParameters: methodRequestParameters(route),
        });
      }
      // A path parameter is always required: `/v1/sessions/` names no session.
      portal.api.hasResourceProperties('AWS::ApiGateway::Method', {
        OperationName: 'endSession',
        RequestParameters: { 'method.request.path.sessionId': true },
      });
      // Names from the schema; required only where neither optional nor defaulted.
      portal.api.hasResourceProperties('AWS::ApiGateway::Method', {
        OperationName: 'listActivity',
        RequestParameters: {
          'method.request.querystring.limit': false,
          'method.request.querystring.cursor': false,
        },
      });
      for (const [, method] of resourcesOf(portal.api, 'AWS::ApiGateway::Method')) {
        const route = allRoutes.find((r) => r.operation === method.OperationName);
        if (route && !route.query && !route.params) expect(method.RequestParameters).toBeUndefined();
      }
    });

    it('validates request bodies with JSON Schema models from the zod schemas', () => {
      portal.api.resourceCountIs('AWS::ApiGateway::Model', allRoutes.filter((r) => r.body).length);
      portal.api.hasResourceProperties('AWS::ApiGateway::Model', {
        Name: 'createConsentBody',
        Schema: Match.objectLike({
          type: 'object',
          additionalProperties: false,
          required: ['agreementVersion', 'accepted', 'language'],
        }),
      });
    });

    it('puts the stage behind AWS WAF: managed rules, a body size limit, rate limits per IP', () => {
      portal.api.hasResourceProperties('AWS::WAFv2::WebACL', {
        Scope: 'REGIONAL',
        Rules: Match.arrayWith([
          Match.objectLike({
            Name: 'BodySizeLimit',
            Action: { Block: Match.objectLike({ CustomResponse: Match.objectLike({ ResponseCode: 413 }) }) },
            Statement: {
              SizeConstraintStatement: Match.objectLike({ ComparisonOperator: 'GT', Size: 8192 }),
            },
          }),
          Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet' }),
          Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet' }),
          Match.objectLike({
            Name: 'RatePerIp',
            Action: { Block: Match.objectLike({ CustomResponse: Match.objectLike({ ResponseCode: 429 }) }) },
            Statement: {
              RateBasedStatement: { Limit: settings.limits.requestsPerIp, AggregateKeyType: 'IP' },
            },
          }),
        ]),
      });
      portal.api.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
      // The common rule set blocks bodies over 8 KB as well (SizeRestrictions_BODY), with a plain 403: the size
      // rule must come first for an oversized body to be answered 413 payload_too_large.
      const rules = (
        resourcesOf(portal.api, 'AWS::WAFv2::WebACL')[0]![1] as {
          Rules: { Name: string; Priority: number }[];
        }
      ).Rules;
      const priorityOf = (name: string) => rules.find((rule) => rule.Name === name)!.Priority;
      expect(priorityOf('BodySizeLimit')).toBeLessThan(priorityOf('AWSManagedRulesCommonRuleSet'));
    });

    it('limits the guarded routes (SMS, passwords, codes, cards) harder per IP, matched from the route table', () => {
      const [, acl] = resourcesOf(portal.api, 'AWS::WAFv2::WebACL')[0]!;
      const rule = (
        acl.Rules as { Name: string; Statement: { RateBasedStatement: Record<string, unknown> } }[]
      ).find((r) => r.Name === 'RatePerIpOnGuardedRoutes')!;
      expect(rule.Statement.RateBasedStatement.Limit).toBe(settings.limits.guardedRequestsPerIp);
      expect(settings.limits.guardedRequestsPerIp).toBeLessThan(settings.limits.requestsPerIp);
      const scope = JSON.stringify(rule.Statement.RateBasedStatement.ScopeDownStatement);
      const regexes = [...scope.matchAll(/"RegexString":"((?:[^"\\]|\\.)*)"/g)].map(
        (m) => new RegExp(JSON.parse(`"${m[1]}"`) as string),
      );
      const guarded = allRoutes.filter(isGuardedRoute);
      expect(guarded.map((r) => r.path)).toEqual(
        expect.arrayContaining(['/v1/registrations', '/v1/password-resets', '/v1/sessions']),
      );
      for (const route of guarded) {
        for (const uri of [route.path, `/${stage}${route.path}`]) {
          expect(regexes.some((regex) => regex.test(uri))).toBe(true);
        }
        expect(scope).toContain(`"SearchString":"${route.method}"`);
      }
      for (const uri of ['/v1/health', '/v1/agreement', `/${stage}/v1/consents`]) {
        expect(regexes.some((regex) => regex.test(uri))).toBe(false);
      }
    });

    describe('applicants’ IP behind CloudFront (lib/viewer-ip.ts)', () => {
      type WafStatement = Record<string, unknown>;
      interface WafRule {
        Name: string;
        Priority: number;
        Action?: Record<string, unknown>;
        Statement: WafStatement;
      }
      let rules: WafRule[];
      const headerPresent = (name: string) => ({
        SizeConstraintStatement: Match.objectLike({
          FieldToMatch: { SingleHeader: { Name: name } },
          ComparisonOperator: 'GT',
          Size: 0,
        }),
      });

      beforeAll(() => {
        rules = resourcesOf(portal.api, 'AWS::WAFv2::WebACL')[0]![1].Rules as WafRule[];
      });

      // CloudFront's side (the function on /v1/*, the origin header by reference) is in web-stack.test.ts.
      it('owns the origin secret: generated by Secrets Manager under its stage-scoped name, never in a template', () => {
        portal.api.hasResourceProperties('AWS::SecretsManager::Secret', {
          Name: originVerifySecretName(stage),
          GenerateSecretString: Match.objectLike({ ExcludePunctuation: true, PasswordLength: 48 }),
        });
        expect(originVerifySecretName(stage)).toBe(`srs-portal/${stage}/origin-verify`);
        expect(portal.portal.web.dependencies).toContain(portal.portal.api);
      });

      it('blocks, before any other rule, a request with the viewer-IP header but without the exact origin secret', () => {
        const first = [...rules].sort((a, b) => a.Priority - b.Priority)[0]!;
        expect(first).toMatchObject({ Name: 'ViewerIpWithoutOriginSecret', Action: { Block: {} } });
        expect(rules.filter((rule) => rule.Priority === first.Priority)).toHaveLength(1);
        const [present, notSecret] = (first.Statement.AndStatement as { Statements: WafStatement[] })
          .Statements;
        expect(present).toEqual({
          SizeConstraintStatement: expect.objectContaining({
            FieldToMatch: { SingleHeader: { Name: viewerIp.header } },
            ComparisonOperator: 'GT',
            Size: 0,
          }) as unknown,
        });
        const secretMatch = (
          notSecret as { NotStatement: { Statement: { ByteMatchStatement: WafStatement } } }
        ).NotStatement.Statement.ByteMatchStatement;
        expect(secretMatch).toMatchObject({
          FieldToMatch: { SingleHeader: { Name: viewerIp.originVerifyHeader } },
          PositionalConstraint: 'EXACTLY',
          TextTransformations: [{ Priority: 0, Type: 'NONE' }],
        });
        const searchString = JSON.stringify(secretMatch.SearchString);
        expect(searchString).toContain('{{resolve:secretsmanager:');
        expect(refersTo(secretMatch.SearchString, 'OriginVerifySecret')).toBe(true);
      });

      it.each([
        ['RatePerIp', 'RatePerViewerIp', 'requestsPerIp'],
        ['RatePerIpOnGuardedRoutes', 'RatePerViewerIpOnGuardedRoutes', 'guardedRequestsPerIp'],
      ] as const)(
        'limits %s per source IP without the header, and %s per forwarded viewer IP with it',
        (bySource, byViewer, limit) => {
          const rule = (name: string) => rules.find((r) => r.Name === name)!;
          const rate = (name: string) => rule(name).Statement.RateBasedStatement as Record<string, unknown>;
          const guarded = limit === 'guardedRequestsPerIp';
          const scoped = (viewerScope: unknown) =>
            guarded ? { AndStatement: { Statements: [Match.anyValue(), viewerScope] } } : viewerScope;
          const tooManyRequests = {
            Block: Match.objectLike({ CustomResponse: Match.objectLike({ ResponseCode: 429 }) }),
          };
          portal.api.hasResourceProperties('AWS::WAFv2::WebACL', {
            Rules: Match.arrayWith([
              Match.objectLike({
                Name: bySource,
                Action: tooManyRequests,
                Statement: {
                  RateBasedStatement: {
                    Limit: settings.limits[limit],
                    AggregateKeyType: 'IP',
                    ScopeDownStatement: scoped({
                      NotStatement: { Statement: headerPresent(viewerIp.header) },
                    }),
                  },
                },
              }),
              Match.objectLike({
                Name: byViewer,
                Action: tooManyRequests,
                Statement: {
                  RateBasedStatement: {
                    Limit: settings.limits[limit],
                    AggregateKeyType: 'FORWARDED_IP',
                    ForwardedIPConfig: { HeaderName: viewerIp.header, FallbackBehavior: 'MATCH' },
                    ScopeDownStatement: scoped(headerPresent(viewerIp.header)),
                  },
                },
              }),
            ]),
          });
          // Both variants limit the same requests otherwise: the guarded routes, or everything.
          if (guarded) {
            const routesOf = (name: string) =>
              (rate(name).ScopeDownStatement as { AndStatement: { Statements: unknown[] } }).AndStatement
                .Statements[0];
            expect(routesOf(bySource)).toEqual(routesOf(byViewer));
          }
          expect(rule(bySource).Priority).toBeGreaterThan(0);
          expect(rule(byViewer).Priority).toBeGreaterThan(0);
        },
      );

      it('alarms on rate-limited guarded routes whichever IP the rule counted', () => {
        const [, alarm] = resourcesOf(portal.monitoring, 'AWS::CloudWatch::Alarm').find(([id]) =>
          id.startsWith('GuardedRoutesRateLimited'),
        )!;
        const text = JSON.stringify(alarm);
        for (const rule of ['RatePerIpOnGuardedRoutes', 'RatePerViewerIpOnGuardedRoutes'])
          expect(text).toContain(`"Value":"${rule}"`);
      });

      it('tells every API function to trust the viewer-IP header, and no other function', () => {
        expect(functions).toHaveLength(routeGroups.length);
        for (const fn of functions)
          expect(fn.properties.Environment.Variables[viewerIp.envVar]).toBe(viewerIp.header);
        for (const [name, template] of portal.templates) {
          if (name === portal.portal.api.stackName) continue;
          for (const [, fn] of resourcesOf(template, 'AWS::Lambda::Function'))
            expect(JSON.stringify(fn.Environment ?? {})).not.toContain(viewerIp.envVar);
        }
      });
    });

    it('throttles the stage, and each guarded method harder', () => {
      const [, stageProps] = resourcesOf(portal.api, 'AWS::ApiGateway::Stage')[0]!;
      const methodSettings = stageProps.MethodSettings as {
        ResourcePath: string;
        HttpMethod: string;
        ThrottlingRateLimit?: number;
        ThrottlingBurstLimit?: number;
      }[];
      expect(methodSettings).toContainEqual(
        expect.objectContaining({
          ResourcePath: '/*',
          HttpMethod: '*',
          ThrottlingRateLimit: settings.limits.stageRate,
          ThrottlingBurstLimit: settings.limits.stageBurst,
        }),
      );
      for (const route of allRoutes.filter(isGuardedRoute)) {
        expect(methodSettings).toContainEqual(
          expect.objectContaining({
            ResourcePath: `/${route.path.replace(/\//g, '~1')}`,
            HttpMethod: route.method,
            ThrottlingRateLimit: settings.limits.guardedMethodRate,
            // Its own settings keep the stage's metrics and error logging, whatever API Gateway would default.
            MetricsEnabled: true,
            LoggingLevel: 'ERROR',
            DataTraceEnabled: false,
          }),
        );
      }
      expect(settings.limits.guardedMethodRate).toBeLessThan(settings.limits.stageRate);
    });

    it('keeps JSON access logs without request bodies, paths or headers, and traces with X-Ray', () => {
      portal.api.hasResourceProperties('AWS::ApiGateway::Stage', {
        AccessLogSetting: {
          DestinationArn: Match.anyValue(),
          Format: Match.stringLikeRegexp('"resource":"\\$context.resourcePath"'),
        },
        TracingEnabled: true,
      });
      const [, stageProps] = resourcesOf(portal.api, 'AWS::ApiGateway::Stage')[0]!;
      const format = (stageProps.AccessLogSetting as { Format: string }).Format;
      expect(() => JSON.parse(format) as unknown).not.toThrow();
      expect(format).not.toMatch(/\$context\.path|requestBody|\$input|authorizer|userAgent|header/i);
    });

    describe('answers of its own, before any function runs', () => {
      interface GatewayResponse {
        ResponseType: string;
        StatusCode?: string;
        ResponseParameters: Record<string, string>;
        ResponseTemplates: Record<string, string>;
      }
      interface WebAcl {
        Rules: { Name: string; Action?: Record<string, unknown>; OverrideAction?: unknown }[];
        CustomResponseBodies: Record<string, { ContentType: string; Content: string }>;
      }
      let gatewayResponses: GatewayResponse[];
      let acl: WebAcl;
      const answerTo = (type: string) => gatewayResponses.find((r) => r.ResponseType === type)!;
      const bodyOf = (response: GatewayResponse) =>
        JSON.parse(response.ResponseTemplates['application/json']!) as ReturnType<typeof problemBody>;
      const header = (name: string) => `gatewayresponse.header.${name}`;
      // Every response type aws-cdk-lib knows, i.e. every type AWS documents.
      const responseTypes = Object.values(ResponseType)
        .filter((value): value is ResponseType => value instanceof ResponseType)
        .map((type) => type.responseType);

      beforeAll(() => {
        gatewayResponses = resourcesOf(portal.api, 'AWS::ApiGateway::GatewayResponse').map(
          ([, properties]) => properties as unknown as GatewayResponse,
        );
        acl = resourcesOf(portal.api, 'AWS::WAFv2::WebACL')[0]![1] as unknown as WebAcl;
      });

      it('customizes every API Gateway response type, once', () => {
        expect(responseTypes).toEqual(
          expect.arrayContaining(['DEFAULT_4XX', 'DEFAULT_5XX', 'WAF_FILTERED', 'BAD_REQUEST_BODY']),
        );
        expect(gatewayResponses.map((r) => r.ResponseType).sort()).toEqual([...responseTypes].sort());
      });

      it('gives every one x-request-id, the API Gateway request id the functions answer too', () => {
        for (const response of gatewayResponses)
          expect(response.ResponseParameters[header('x-request-id')]).toBe('context.requestId');
      });

      it('gives every one the functions’ security headers: never cached, never sniffed, HTTPS only', () => {
        for (const response of gatewayResponses)
          expect(response.ResponseParameters).toMatchObject({
            [header('cache-control')]: "'no-store'",
            [header('x-content-type-options')]: "'nosniff'",
            [header('strict-transport-security')]: "'max-age=63072000; includeSubDomains'",
          });
      });

      it('answers each with the catalogue’s problem+json in the edge’s language, its status the problem’s', () => {
        for (const response of gatewayResponses) {
          const body = bodyOf(response);
          expect(body).toEqual(problemBody(body.code, edgeLanguage));
          expect(response.ResponseParameters).toMatchObject({
            [header('Content-Type')]: `'${problemContentType}'`,
            [header('Content-Language')]: `'${edgeLanguage}'`,
          });
          // The fallbacks keep the status of each type that falls back to them.
          if (response.ResponseType.startsWith('DEFAULT_')) expect(response.StatusCode).toBeUndefined();
          else expect(response.StatusCode).toBe(String(problems[body.code].status));
          // Nothing for API Gateway to substitute: no validator text (English, and it breaks the JSON).
          expect(response.ResponseTemplates['application/json']).not.toContain('$');
        }
        expect(edgeLanguage).toBe(negotiateLanguage(undefined));
        for (const [type, status, code] of [
          ['MISSING_AUTHENTICATION_TOKEN', '404', 'not_found'],
          ['BAD_REQUEST_BODY', '400', 'validation_failed'],
          ['BAD_REQUEST_PARAMETERS', '400', 'validation_failed'],
          ['THROTTLED', '429', 'too_many_requests'],
          ['WAF_FILTERED', '403', 'request_rejected'],
          ['INTEGRATION_TIMEOUT', '503', 'service_unavailable'],
        ]) {
          expect(answerTo(type!).StatusCode).toBe(status);
          expect(bodyOf(answerTo(type!)).code).toBe(code);
        }
      });

      it('says when to retry where the API document says its problem carries Retry-After', () => {
        for (const response of gatewayResponses) {
          const retryAfter = response.ResponseParameters[header('Retry-After')];
          if (problemsWithRetryAfter.has(bodyOf(response).code)) expect(retryAfter).toMatch(/^'[1-9]\d*'$/);
          else expect(retryAfter).toBeUndefined();
        }
      });

      it('answers WAF’s rate limits 429 and its body size limit 413 with the catalogue’s problem as JSON', () => {
        const wafAnswer = (name: string) =>
          (acl.Rules.find((rule) => rule.Name === name)!.Action as { Block: { CustomResponse: unknown } })
            .Block.CustomResponse as {
            ResponseCode: number;
            CustomResponseBodyKey: string;
            ResponseHeaders: { Name: string; Value: string }[];
          };
        const rateRules = acl.Rules.filter((rule) => rule.Name.startsWith('Rate'));
        expect(rateRules.length).toBeGreaterThanOrEqual(2);
        for (const [name, status, code] of [
          ...rateRules.map((rule) => [rule.Name, 429, 'too_many_requests'] as const),
          ['BodySizeLimit', 413, 'payload_too_large'] as const,
        ]) {
          const answer = wafAnswer(name);
          expect(answer).toMatchObject({ ResponseCode: status, CustomResponseBodyKey: code });
          expect(answer.ResponseHeaders).toContainEqual({ Name: 'Content-Language', Value: edgeLanguage });
          // WAF sets the content type from the body's; a header of one's own is refused.
          expect(answer.ResponseHeaders.map((h) => h.Name.toLowerCase())).not.toContain('content-type');
          if (status === 429)
            expect(answer.ResponseHeaders).toContainEqual({ Name: 'Retry-After', Value: '60' });
          const body = acl.CustomResponseBodies[code]!;
          expect(body.ContentType).toBe('APPLICATION_JSON');
          expect(JSON.parse(body.Content)).toEqual(problemBody(code, edgeLanguage));
        }
        expect(Object.keys(acl.CustomResponseBodies).sort()).toEqual([
          'payload_too_large',
          'too_many_requests',
        ]);
      });

      it('leaves the managed rule groups’ and the forged viewer IP’s blocks to API Gateway’s 403 with the request id', () => {
        for (const rule of acl.Rules) {
          if (rule.Name.startsWith('AWSManagedRules')) expect(rule.OverrideAction).toEqual({ None: {} });
          if (rule.Name === 'ViewerIpWithoutOriginSecret') expect(rule.Action).toEqual({ Block: {} });
        }
        const filtered = answerTo('WAF_FILTERED');
        expect(filtered.StatusCode).toBe('403');
        expect(filtered.ResponseParameters[header('x-request-id')]).toBe('context.requestId');
      });
    });

    it('has no CORS and no custom domain unless configured', () => {
      portal.api.resourcePropertiesCountIs('AWS::ApiGateway::Method', { HttpMethod: 'OPTIONS' }, 0);
      portal.api.resourceCountIs('AWS::ApiGateway::DomainName', 0);
    });
  });

  describe('functions (2)', () => {
    it('deploys one Node.js 24 arm64 function per route group, traced with X-Ray', () => {
      expect(functions.map((fn) => fn.name).sort()).toEqual([...routeGroups].sort());
      for (const fn of functions) {
        expect(fn.properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
        });
      }
    });

    it('sizes memory from measurement: password hashing gets a whole vCPU, the rest 256 MB', () => {
      for (const group of routeGroups) {
        const memory = functionOf(group).properties.MemorySize;
        if (needsOf(group).hashesPasswords) {
          expect(memory).toBe(passwordHashingMemoryMb);
          expect(memory).toBeGreaterThanOrEqual(1024);
          expect(memory).toBeLessThanOrEqual(1769);
        } else expect(memory).toBe(defaultMemoryMb);
      }
    });

    it('times out under API Gateway’s 29 s integration timeout', () => {
      for (const fn of functions) expect(fn.properties.Timeout).toBeLessThan(29);
    });

    it(
      stage === 'prod'
        ? 'reserves (and caps) concurrency per function'
        : 'leaves dev functions in the shared concurrency pool',
      () => {
        for (const fn of functions) {
          if (stage === 'prod') expect(fn.properties.ReservedConcurrentExecutions).toBeGreaterThan(0);
          else expect(fn.properties.ReservedConcurrentExecutions).toBeUndefined();
        }
      },
    );

    it('configures Powertools metrics (SrsPortal), keeps events out of logs, and configures no Powertools Tracer', () => {
      for (const fn of functions) {
        expect(fn.properties.Environment.Variables).toMatchObject({
          PORTAL_RUNTIME: 'aws',
          POWERTOOLS_SERVICE_NAME: `srs-portal-${fn.name}`,
          POWERTOOLS_METRICS_NAMESPACE: 'SrsPortal',
          POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        });
        // X-Ray active tracing stays (Lambda's own segments); the Powertools Tracer is gone from the functions.
        expect(Object.keys(fn.properties.Environment.Variables).filter((name) => /TRACE/.test(name))).toEqual(
          [],
        );
      }
    });

    it('keeps secrets out of the environment: only names, ids and ARNs', () => {
      for (const fn of functions) {
        for (const [name, value] of Object.entries(fn.properties.Environment.Variables)) {
          expect(name).not.toMatch(/PASSWORD|TOKEN|PRIVATE|_KEY$|SECRET$/);
          if (typeof value !== 'string') expect(JSON.stringify(value)).toMatch(/ImportValue|Ref|GetAtt/);
        }
        const secretId = fn.properties.Environment.Variables.PORTAL_KEYS_SECRET_ID;
        if (needsOf(fn.name as RouteGroup).readsKeys) expect(refersTo(secretId, 'KeysSecret')).toBe(true);
        else expect(secretId).toBeUndefined();
      }
    });

    it('keeps every log group for a set retention', () => {
      const operations = portal.templates.get(portal.portal.operations.stackName)!;
      for (const template of [portal.data, portal.messaging, portal.api, portal.monitoring, operations]) {
        for (const [, logGroup] of resourcesOf(template, 'AWS::Logs::LogGroup')) {
          expect(logGroup.RetentionInDays).toBe(settings.logRetentionDays);
        }
      }
      for (const template of portal.templates.values()) {
        for (const [, logGroup] of resourcesOf(template, 'AWS::Logs::LogGroup')) {
          expect(logGroup.RetentionInDays).toBeGreaterThan(0);
        }
      }
      for (const fn of functions) expect(fn.properties.LoggingConfig?.LogGroup).toBeDefined();
    });

    it('puts every role of the app under the stage’s IAM path, which the key policies admit', () => {
      for (const fn of functions) expect(fn.role.Path).toBe(`/srs-portal/${stage}/`);
      for (const template of portal.templates.values()) {
        for (const [, role] of resourcesOf(template, 'AWS::IAM::Role')) {
          expect(role.Path).toBe(`/srs-portal/${stage}/`);
        }
      }
    });

    it('allows each role exactly the portal table actions of its route group, on the table and its indexes', () => {
      for (const group of routeGroups) {
        const allowed = functionOf(group)
          .statements.filter(
            (s) => s.Effect === 'Allow' && s.resources.some((r) => refersTo(r, 'PortalTable')),
          )
          .flatMap((s) => s.actions);
        expect([...allowed].sort()).toEqual([...groupTableActions[group]].sort());
      }
      for (const fn of functions) {
        for (const s of fn.statements) for (const action of s.actions) expect(action).not.toMatch(/\*$/);
      }
      const publicFunction = functionOf('public');
      expect(
        publicFunction.statements
          .flatMap((s) => s.actions)
          .filter((a) => /^(dynamodb|kms|secretsmanager|sns):/.test(a)),
      ).toEqual([]);
    });

    it('2.6: denies every role with table access UpdateItem, DeleteItem and BatchWriteItem on audit entries', () => {
      const withTableAccess = functions.filter((fn) =>
        fn.statements.some(
          (s) =>
            s.Effect === 'Allow' &&
            s.actions.some((a) => a.startsWith('dynamodb:')) &&
            s.resources.some((r) => refersTo(r, 'PortalTable')),
        ),
      );
      expect(withTableAccess.length).toBeGreaterThan(0);
      for (const fn of withTableAccess) {
        const deny = fn.statements.find(
          (s) => s.Effect === 'Deny' && s.actions.includes('dynamodb:UpdateItem'),
        );
        expect(deny).toMatchObject({
          actions: expect.arrayContaining([
            'dynamodb:UpdateItem',
            'dynamodb:DeleteItem',
            'dynamodb:BatchWriteItem',
          ]),
          Condition: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } },
        });
        expect(refersTo(deny!.resources, 'PortalTable')).toBe(true);
      }
    });

    it('lets only the report and operator functions publish to the operators’ topic', () => {
      for (const fn of functions) {
        const needs = needsOf(fn.name as RouteGroup);
        const toTopic = statementsWith(fn, 'sns:Publish').filter((s) =>
          refersTo(s.resources, 'OperatorsTopic'),
        );
        if (needs.alertsOperators) expect(toTopic).toHaveLength(1);
        else expect(toTopic).toEqual([]);
      }
    });

    it('lets nothing in the data, messaging and monitoring stacks publish to SNS', () => {
      for (const template of [portal.data, portal.messaging, portal.monitoring]) {
        for (const [, policy] of resourcesOf(template, 'AWS::IAM::Policy')) {
          expect(JSON.stringify(policy.PolicyDocument)).not.toContain('sns:Publish');
        }
      }
    });

    it('2.5: lets the SMS-sending groups publish SMS in the stage region only, and no one else', () => {
      for (const fn of functions) {
        const sms = statementsWith(fn, 'sns:Publish').filter((s) => s.notResources.length > 0);
        if (needsOf(fn.name as RouteGroup).sendsSms) {
          expect(sms).toHaveLength(1);
          expect(sms[0]!.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': 'eu-central-1' } });
        } else expect(sms).toEqual([]);
      }
    });

    it('2.4: lets the key-reading groups GetSecretValue on the keys secret, and nothing else of Secrets Manager', () => {
      for (const fn of functions) {
        const secrets = fn.statements.filter((s) => s.actions.some((a) => a.startsWith('secretsmanager:')));
        if (needsOf(fn.name as RouteGroup).readsKeys) {
          expect(secrets).toHaveLength(1);
          expect(secrets[0]!.actions).toEqual(['secretsmanager:GetSecretValue']);
          expect(refersTo(secrets[0]!.resources, 'KeysSecret')).toBe(true);
        } else expect(secrets).toEqual([]);
      }
    });

    it('uses the data key only through DynamoDB and Secrets Manager', () => {
      for (const fn of functions) {
        for (const s of fn.statements.filter((s) => refersTo(s.resources, 'DataKey'))) {
          expect(Object.keys(s.Condition?.StringEquals ?? {})).toEqual(['kms:ViaService']);
        }
      }
    });
  });

  describe('data (3)', () => {
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
    });

    it('rotates every customer-managed key, and uses it only through AWS services for the stage’s roles', () => {
      for (const template of [portal.data, portal.messaging]) {
        for (const [, key] of resourcesOf(template, 'AWS::KMS::Key')) {
          expect(key.EnableKeyRotation).toBe(true);
          const statements = (
            key.KeyPolicy as {
              Statement: {
                Sid?: string;
                Action: string[];
                Principal: unknown;
                Condition?: Record<string, Record<string, unknown>>;
              }[];
            }
          ).Statement;
          for (const statement of statements) {
            expect(statement.Action).not.toContain('kms:*');
            const usesTheKey = statement.Action.some((a) =>
              /^kms:(Decrypt|Encrypt|GenerateDataKey)$/.test(a),
            );
            if (usesTheKey && JSON.stringify(statement.Principal).includes(':root')) {
              expect(statement.Condition?.ArnLike?.['aws:PrincipalArn']).toBeDefined();
              expect(statement.Condition?.StringEquals?.['kms:ViaService']).toBeDefined();
            }
          }
          expect(JSON.stringify(statements)).toContain(`:role/srs-portal/${stage}/*`);
        }
      }
    });

    it('2.4: generates the keys secret (64 characters, no punctuation) under the data key, with no rotation', () => {
      portal.data.hasResourceProperties('AWS::SecretsManager::Secret', {
        GenerateSecretString: Match.objectLike({
          PasswordLength: keysSecretLength,
          ExcludePunctuation: true,
          IncludeSpace: false,
        }),
        KmsKeyId: Match.objectLike({ 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] }),
      });
      expect(keysSecretLength).toBe(64);
      portal.data.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
    });

    it(
      stage === 'prod'
        ? 'retains tables, keys and the keys secret when a stack is deleted'
        : 'lets a dev stack be deleted with its data',
      () => {
        const policy = stage === 'prod' ? 'Retain' : 'Delete';
        for (const type of ['AWS::DynamoDB::GlobalTable', 'AWS::KMS::Key', 'AWS::SecretsManager::Secret']) {
          portal.data.allResources(type, { DeletionPolicy: policy, UpdateReplacePolicy: policy });
        }
        portal.messaging.allResources('AWS::KMS::Key', { DeletionPolicy: policy });
      },
    );
  });

  describe('SMS (4)', () => {
    it('sets the account’s SMS preferences: transactional, sender id, spend limit, delivery-status logging off', () => {
      const [, preferences] = resourcesOf(portal.messaging, 'Custom::SnsSmsPreferences')[0]!;
      const call = JSON.stringify(preferences.Create);
      for (const expected of [
        '\\"service\\":\\"SNS\\"',
        '\\"action\\":\\"SetSMSAttributes\\"',
        '\\"DefaultSMSType\\":\\"Transactional\\"',
        '\\"DefaultSenderID\\":\\"SRSPortal\\"',
        '\\"MonthlySpendLimit\\":\\"100\\"',
        // SetSMSAttributes keeps attributes it is not given: an empty role clears one set before.
        '\\"DeliveryStatusIAMRole\\":\\"\\"',
      ]) {
        expect(call).toContain(expected);
      }
      expect(call).not.toContain('DeliveryStatusSuccessSamplingRate');
      expect(call).not.toContain('Fn::');
      expect(preferences.Update).toEqual(preferences.Create);
    });

    it('lets the preferences call do nothing but SetSMSAttributes, passing no role', () => {
      const [, policy] = resourcesOf(portal.messaging, 'AWS::IAM::Policy').find(([id]) =>
        id.startsWith('SmsPreferences'),
      )!;
      const statements = (policy.PolicyDocument as { Statement: { Action: string }[] }).Statement;
      expect(statements.map((s) => s.Action)).toEqual(['sns:SetSMSAttributes']);
    });

    it('2.4: gives SNS no way to log SMS deliveries, whose records name the phone number: no role, no log groups', () => {
      for (const template of portal.templates.values()) {
        const text = JSON.stringify(template.toJSON());
        expect(text).not.toContain('DirectPublishToPhoneNumber');
        expect(text).not.toContain('SmsDeliveryStatusRole');
        for (const [, role] of resourcesOf(template, 'AWS::IAM::Role')) {
          expect(JSON.stringify(role.AssumeRolePolicyDocument)).not.toContain('sns.amazonaws.com');
        }
      }
      const [, key] = resourcesOf(portal.messaging, 'AWS::KMS::Key')[0]!;
      expect(JSON.stringify(key.KeyPolicy)).not.toMatch(/"logs\.|aws:logs:arn/);
    });
  });

  describe('observability (5)', () => {
    it('encrypts the operators’ topic with a customer-managed key and refuses publishing without TLS', () => {
      portal.messaging.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: Match.objectLike({ 'Fn::GetAtt': [Match.stringLikeRegexp('^MessagingKey'), 'Arn'] }),
      });
      portal.messaging.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('draws the dashboard: requests, 4xx/5xx, latency per route, logins, SMS, reports, lockouts, store calls per route', () => {
      const [, dashboard] = resourcesOf(portal.monitoring, 'AWS::CloudWatch::Dashboard')[0]!;
      const body = JSON.stringify(dashboard.DashboardBody).replace(/\\/g, '');
      for (const expected of [
        '"Count"',
        '"4XXError"',
        '"5XXError"',
        'SELECT SUM(Logins) FROM SCHEMA("SrsPortal", service, method) GROUP BY method',
        'SELECT SUM(SmsSent) FROM SCHEMA(',
        'SELECT SUM(SmsFailed) FROM SCHEMA(',
        'SELECT SUM(AccessReports) FROM SCHEMA(',
        'SELECT SUM(Lockouts) FROM SCHEMA("SrsPortal", service)',
        // Issue 20: the AWS SDK calls each request makes, per route, from the handlers' own metrics.
        'SELECT SUM(StoreCalls) FROM SCHEMA("SrsPortal", service, route) GROUP BY route',
        'SELECT AVG(StoreCallTime) FROM SCHEMA("SrsPortal", service, route) GROUP BY route',
        'SMSMonthToDateSpentUSD',
        'BlockedRequests',
      ]) {
        expect(body).toContain(expected);
      }
      for (const route of allRoutes) {
        expect(body).toContain(`${route.method} ${route.path} p50`);
        expect(body).toContain(`${route.method} ${route.path} p99`);
      }
    });

    it('alarms on 5xx rate, p99 latency, SMS failures, undelivered SMS and spend, throttles and rate limits, notifying the operators’ topic', () => {
      const alarms = resourcesOf(portal.monitoring, 'AWS::CloudWatch::Alarm');
      const byId = (prefix: string) => alarms.filter(([id]) => id.startsWith(prefix)).map(([, a]) => a);
      expect(byId('Api5xxRate')).toHaveLength(1);
      expect(byId('ApiLatencyP99')).toHaveLength(1);
      expect(byId('SmsFailures')).toHaveLength(1);
      // SMS that SNS took and could not deliver: a count, where delivery-status logs named the phone (2.4).
      expect(byId('SmsDeliveryFailures')).toEqual([
        expect.objectContaining({
          Metrics: [
            expect.objectContaining({
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/SNS',
                  MetricName: 'NumberOfNotificationsFailed',
                  Dimensions: [{ Name: 'PhoneNumber', Value: 'PhoneNumberDirect' }],
                },
                Period: 300,
                Stat: 'Sum',
              },
            }),
          ],
          Threshold: alarmThresholds.smsDeliveryFailures,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        }),
      ]);
      expect(byId('StageThrottled')).toHaveLength(1);
      expect(JSON.stringify(byId('GuardedRoutesRateLimited'))).toContain('RatePerIpOnGuardedRoutes');
      portal.api.hasResourceProperties('AWS::Logs::MetricFilter', {
        FilterPattern: '{ $.errorType = "THROTTLED" }',
        MetricTransformations: [
          Match.objectLike({ MetricName: 'StageThrottled', MetricNamespace: 'SrsPortal' }),
        ],
      });
      expect(byId('SmsSpend')[0]).toMatchObject({ Threshold: alarmThresholds.smsSpendShare * 100 });
      for (const fn of functions) {
        const throttles = alarms.filter(
          ([, a]) =>
            a.MetricName === 'Throttles' && refersTo(a.Dimensions, `"Value":"${fn.properties.FunctionName}"`),
        );
        expect(throttles).toHaveLength(1);
      }
      for (const [, alarm] of alarms) {
        expect(refersTo(alarm.AlarmActions, 'OperatorsTopic')).toBe(true);
        expect(refersTo(alarm.OKActions, 'OperatorsTopic')).toBe(true);
      }
      // The topic's policy (written for enforceSSL) replaces SNS's default: it must let CloudWatch publish.
      portal.messaging.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Condition: { StringEquals: { 'aws:SourceAccount': Match.anyValue() } },
            }),
          ]),
        }),
      });
      expect(JSON.stringify(byId('SmsFailures')[0]).replace(/\\/g, '')).toContain(
        'SELECT SUM(SmsFailed) FROM SCHEMA("SrsPortal", service, purpose)',
      );
    });

    it('lets CloudWatch alarms use the messaging key, so that they can publish to the encrypted topic', () => {
      portal.messaging.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: Match.arrayWith(['kms:Decrypt']),
            }),
          ]),
        },
      });
    });
  });
});
