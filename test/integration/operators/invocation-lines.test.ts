import { log } from '../../../functions/commons/log';
import { logEvents, type LogAttributes } from '../../../functions/commons/log-events';
import { createCommandHandler } from '../../../functions/operators/commands';
import { createJobHandler } from '../../../functions/operators/jobs';
import { accountTestDependencies } from '../../support/accounts';
import { createTestTables } from '../../support/dynamo';
import { testPortal } from '../../support/portal';
import { operator, operatorEvent, operatorTestDependencies, registerApplicant } from './support';

jest.setTimeout(300_000);

/** The operators' functions write one line per invocation with its AWS calls, as the API's requests do (issue 20). */
describe('The line of each operator invocation, against DynamoDB Local', () => {
  const linesOf = (event: string) => {
    const lines: LogAttributes[] = [];
    jest.spyOn(log, 'info').mockImplementation((logged, attributes = {}) => {
      if (logged === event) lines.push(attributes);
    });
    return lines;
  };

  afterEach(() => jest.restoreAllMocks());

  it('counts a command’s store calls on its line and under its name, without personal data (2.4)', async () => {
    // Prepare
    const tables = await createTestTables();
    const accounts = accountTestDependencies(tables);
    const applicant = await registerApplicant(testPortal(accounts), accounts);
    const command = createCommandHandler(operatorTestDependencies(tables, accounts));
    const lines = linesOf(logEvents.operatorCommand);

    // Act
    await command(operatorEvent('BlockAccount', { ...operator, phone: applicant.phone }));

    // Assess
    expect(lines).toEqual([
      expect.objectContaining({ command: 'BlockAccount', outcome: 'applied', snsCalls: 0 }),
    ]);
    expect(lines[0]!.dynamodbCalls).toBeGreaterThan(0);
    expect(accounts.metrics.storeCallsOf).toContainEqual({
      route: 'BlockAccount',
      calls: lines[0]!.dynamodbCalls,
    });
    expect(JSON.stringify(lines)).not.toContain(applicant.phone);
  });

  it('counts a job’s store calls on its line and under the job’s name', async () => {
    // Prepare
    const tables = await createTestTables();
    const accounts = accountTestDependencies(tables);
    const job = createJobHandler(operatorTestDependencies(tables, accounts), 'verification-deadlines');
    const lines = linesOf(logEvents.jobCompleted);

    // Act
    await job({});

    // Assess
    expect(lines).toEqual([expect.objectContaining({ job: 'verification-deadlines', complete: true })]);
    expect(lines[0]!.dynamodbCalls).toBeGreaterThan(0);
    expect(accounts.metrics.storeCallsOf).toEqual([
      { route: 'verification-deadlines', calls: lines[0]!.dynamodbCalls },
    ]);
  });
});
