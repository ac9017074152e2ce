import { createSocket, type Socket } from 'node:dgram';
import type { Context } from 'aws-lambda';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTables, type TestTables } from '../../support/dynamo';

/**
 * Powertools Tracer as Lambda runs it: X-Ray's daemon is a UDP socket here, and the environment is the one
 * Lambda gives a traced invocation. What reaches the daemon is what X-Ray would store.
 */
const lambdaEnvironment = (daemonPort: number): Record<string, string> => ({
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  LAMBDA_TASK_ROOT: '/var/task',
  AWS_LAMBDA_FUNCTION_NAME: 'srs-portal-cabinet',
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  _HANDLER: 'index.handler',
  AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemonPort}`,
  AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
  _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
  POWERTOOLS_SERVICE_NAME: 'srs-portal-cabinet',
  POWERTOOLS_TRACE_ENABLED: 'true',
  POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
});

const context = { awsRequestId: 'request-1', functionName: 'srs-portal-cabinet' } as Context;

describe('Tracing (Powertools Tracer, X-Ray)', () => {
  const saved = { ...process.env };
  let daemon: Socket;
  const documents: Record<string, unknown>[] = [];
  const raw: string[] = [];
  let tables: TestTables;

  beforeAll(async () => {
    tables = await createTestTables();
    daemon = createSocket('udp4');
    daemon.on('message', (message) => {
      const text = message.toString('utf8');
      raw.push(text);
      documents.push(JSON.parse(text.slice(text.indexOf('\n') + 1)) as Record<string, unknown>);
    });
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    Object.assign(process.env, lambdaEnvironment(daemon.address().port));
  });

  afterAll(() => {
    process.env = saved;
    daemon.close();
  });

  const received = async (count: number) => {
    for (let waited = 0; documents.length < count && waited < 2_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    return documents;
  };

  it("records each AWS call and the handler with its cold start, and never the handler's answer", async () => {
    // Prepare: the modules load in Lambda's environment, as they would in the function.
    const { traced, tracedHandler } = await import('../../../functions/commons/tracing');
    const { createDocumentClient } = await import('../../../functions/adapters/dynamodb/client');
    const client = createDocumentClient({
      region: 'eu-central-1',
      endpoint: tables.endpoint,
      trace: traced,
    });
    const secretAnswer = '+996700123456';
    await tables.client.send(
      new PutCommand({
        TableName: tables.tableName,
        Item: { pk: 'TRACE', sk: 'TRACE', phone: secretAnswer },
      }),
    );
    const handler = tracedHandler(async (_event: unknown, _context: Context) => {
      const { Item } = await client.send(
        new GetCommand({ TableName: tables.tableName, Key: { pk: 'TRACE', sk: 'TRACE' } }),
      );
      return { statusCode: 200, body: JSON.stringify(Item) };
    });

    // Act
    const answer = await handler({}, context);

    // Assess
    expect(answer.body).toContain(secretAnswer);
    const sent = await received(2);
    const subsegments = sent.flatMap((d) => [d, ...((d.subsegments as Record<string, unknown>[]) ?? [])]);
    expect(subsegments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: '## index.handler',
          annotations: expect.objectContaining({ ColdStart: true, Service: 'srs-portal-cabinet' }),
        }),
        expect.objectContaining({
          name: 'DynamoDB',
          namespace: 'aws',
          aws: expect.objectContaining({ operation: 'GetItem', table_name: tables.tableName }),
        }),
      ]),
    );
    expect(raw.join('\n')).not.toContain(secretAnswer);
  });
});
