import { log } from '../../../functions/commons/log';
import { logEvents, type LogAttributes } from '../../../functions/commons/log-events';
import { createTestTables, type TestTables } from '../../support/dynamo';
import { accountTestDependencies } from '../../support/accounts';
import { testPortal } from '../../support/portal';

jest.setTimeout(300_000);

/**
 * The one line each request writes, so that a slow request can be explained without a tracer (issue 20): its
 * route, status, time and the number and time of its AWS calls, with ids and numbers only (2.4).
 */
describe('The line of each request, against DynamoDB Local', () => {
  let tables: TestTables;
  let deps: ReturnType<typeof accountTestDependencies>;
  let portal: ReturnType<typeof testPortal>;
  let lines: LogAttributes[];

  beforeAll(async () => {
    tables = await createTestTables();
    deps = accountTestDependencies(tables);
    portal = testPortal(deps);
  });

  beforeEach(() => {
    lines = [];
    jest.spyOn(log, 'info').mockImplementation((event, attributes = {}) => {
      if (event === logEvents.requestServed) lines.push(attributes);
    });
  });

  afterEach(() => jest.restoreAllMocks());

  const servedFor = (route: string) => lines.filter((line) => line.route === route);

  it('counts the store calls of a registration on its line and in its route metric, without personal data (2.4)', async () => {
    // Act
    const { applicant, answer } = await portal.register();

    // Assess
    expect(answer.status).toBe(201);
    const [registration] = servedFor('register');
    expect(registration).toMatchObject({ status: 201, snsCalls: 0, secretsManagerCalls: 0 });
    expect(registration!.dynamodbCalls).toBeGreaterThan(1);
    expect(registration!.requestId).toEqual(expect.any(String));
    expect(deps.metrics.storeCallsOf).toContainEqual({
      route: 'register',
      calls: registration!.dynamodbCalls,
    });
    const written = JSON.stringify(lines);
    const password = deps.phones.lastTo(applicant.phone)!.secret!;
    for (const personal of [applicant.phone, applicant.passportNumber, applicant.pin, password])
      expect(written).not.toContain(personal);
  });

  it('writes a line for a refused request too, with what it called before the refusal', async () => {
    // Act
    const answer = await portal.call('POST', '/v1/registrations', {
      body: { consentId: 'no-such-consent', applicantType: 'individual' },
    });

    // Assess
    expect(answer.status).toBe(400);
    expect(servedFor('register')).toEqual([expect.objectContaining({ status: 400, dynamodbCalls: 0 })]);
  });

  it('keeps the counts of requests served at once in one process apart (the local server)', async () => {
    // Prepare: each kind of request alone, for its count.
    const { applicant } = await portal.register();
    const password = deps.phones.lastTo(applicant.phone)!.secret!;
    const token = (await portal.login(applicant.phone, password)).body.token as string;
    const cabinet = () => portal.call('GET', '/v1/me', { token });
    await cabinet();
    await portal.consent();
    const alone = {
      getCabinet: servedFor('getCabinet')[0]!.dynamodbCalls,
      createConsent: servedFor('createConsent').at(-1)!.dynamodbCalls,
    };
    lines = [];

    // Act
    await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? cabinet() : portal.consent())));

    // Assess
    expect(lines).toHaveLength(6);
    expect(new Set(lines.map((line) => line.requestId)).size).toBe(6);
    for (const line of lines) expect(line.dynamodbCalls).toBe(alone[line.route as keyof typeof alone]);
  });
});
