import { routeGroups, type RouteGroup } from '../../contract/routes';
import { needsOf } from '../../lib/route-permissions';
import { synthesize } from '../support/synth';
import { portalFunctions, refersTo, statementsWith, type DeployedFunction } from './template-queries';

/** Every SNS ARN (topics, push endpoints) in any partition, as the policies spell it. */
const anySnsArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] };

describe.each(['dev', 'prod'] as const)('SMS roles publish SMS, nothing else (2.5), stage %s', (stage) => {
  let functions: DeployedFunction[];
  const sendsSms = (fn: DeployedFunction) =>
    ((routeGroups as readonly string[]).includes(fn.name) &&
      needsOf(fn.name as RouteGroup).sendsSms === true) ||
    // 2.2, 2.3: the operators' commands tell the applicant of a block, an unblock or a verification demand.
    fn.name === 'operator-commands';
  const alertsOperators = (fn: DeployedFunction) =>
    statementsWith(fn, 'sns:Publish').some((s) => refersTo(s.resources, 'OperatorsTopic'));

  beforeAll(() => {
    const portal = synthesize(stage, { bundle: false, name: `sms-policies-${stage}` });
    functions = [...portal.templates.values()].flatMap(portalFunctions);
  });

  it('finds the SMS senders of the route table among the functions: registrations, cabinet, access reports', () => {
    expect(functions.filter(sendsSms).map((fn) => fn.name)).toEqual(
      expect.arrayContaining(['registrations', 'cabinet', 'access-reports']),
    );
  });

  it('lets each SMS sender publish to phone numbers only: everything that is not an SNS ARN, in the stage region', () => {
    for (const fn of functions.filter(sendsSms)) {
      const toPhones = statementsWith(fn, 'sns:Publish').filter((s) => s.notResources.length > 0);
      expect(toPhones).toEqual([
        expect.objectContaining({
          Sid: 'SmsToPhoneNumbers',
          resources: [],
          notResources: [anySnsArn],
          Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-central-1' } },
        }),
      ]);
      // No Allow on `*`: a topic is allowed only by its own ARN.
      expect(statementsWith(fn, 'sns:Publish').flatMap((s) => s.resources)).not.toContain('*');
    }
  });

  it('denies every SMS sender every topic it does not need, explicitly', () => {
    for (const fn of functions.filter(sendsSms)) {
      const denies = statementsWith(fn, 'sns:Publish', 'Deny');
      expect(denies).toHaveLength(1);
      if (alertsOperators(fn)) {
        // 2.7: the report function alerts operators: every other resource with an owner (a topic) is denied; a
        // phone number has no owning account, so SMS stays allowed.
        expect(denies[0]).toMatchObject({
          Sid: 'NoTopicButOperators',
          resources: [],
          Condition: { Null: { 'aws:ResourceAccount': 'false' } },
        });
        expect(denies[0]!.notResources).toHaveLength(1);
        expect(refersTo(denies[0]!.notResources, 'OperatorsTopic')).toBe(true);
      } else {
        expect(denies[0]).toMatchObject({ Sid: 'NoTopics', resources: [anySnsArn], notResources: [] });
        expect(denies[0]!.Condition).toBeUndefined();
      }
    }
    expect(functions.filter(sendsSms).some(alertsOperators)).toBe(true);
    expect(functions.filter(sendsSms).some((fn) => !alertsOperators(fn))).toBe(true);
  });

  it('gives functions that send no SMS no sns:Publish, but on the operators’ topic where they alert operators', () => {
    const silent = functions.filter((fn) => !sendsSms(fn));
    expect(silent.length).toBeGreaterThan(0);
    for (const fn of silent) {
      for (const statement of statementsWith(fn, 'sns:Publish')) {
        expect(statement.notResources).toEqual([]);
        expect(statement.resources).toHaveLength(1);
        expect(refersTo(statement.resources, 'OperatorsTopic')).toBe(true);
      }
      expect(statementsWith(fn, 'sns:Publish', 'Deny')).toEqual([]);
    }
    expect(silent.filter((fn) => statementsWith(fn, 'sns:Publish').length === 0).length).toBeGreaterThan(0);
  });
});
