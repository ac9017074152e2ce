import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { countCalls, countingCalls } from '../../../functions/adapters/service-calls';

/** A call held open until the test lets it answer, so that two invocations' calls interleave by design. */
interface HeldCall {
  answer(status?: number): void;
}

/**
 * An HTTP layer under the SDK client that holds every request until the test answers it: the whole middleware
 * stack runs (serialization, retries, our counting), and nothing waits on the clock.
 */
const heldRequests = (body: string) => {
  const held: HeldCall[] = [];
  const waiting: (() => void)[] = [];
  const requestHandler = {
    handle: () =>
      new Promise((resolve) => {
        held.push({
          answer: (status = 200) =>
            resolve({ response: { statusCode: status, headers: {}, body: new TextEncoder().encode(body) } }),
        });
        waiting.splice(0).forEach((wake) => wake());
      }),
  };
  /** The `n`-th request (from 1) once it has reached the HTTP layer. */
  const request = async (n: number): Promise<HeldCall> => {
    while (held.length < n) await new Promise<void>((wake) => waiting.push(wake));
    return held[n - 1]!;
  };
  return { requestHandler, request };
};

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

const dynamoDb = () => {
  const http = heldRequests('{}');
  const client = countCalls(
    'dynamodb',
    new DynamoDBClient({
      region: 'eu-central-1',
      credentials,
      maxAttempts: 1,
      requestHandler: http.requestHandler,
    }),
  );
  const getItem = () =>
    client.send(new GetItemCommand({ TableName: 'portal', Key: { pk: { S: 'ACCOUNT#1' } } }));
  return { http, getItem };
};

describe('Function: countCalls', () => {
  it('counts each command an invocation sends, with its time, under its service', async () => {
    // Prepare
    const { http, getItem } = dynamoDb();

    // Act
    const counted = countingCalls(async (calls) => {
      await getItem();
      await getItem();
      return calls.logAttributes();
    });
    (await http.request(1)).answer();
    (await http.request(2)).answer();

    // Assess
    const attributes = await counted;
    expect(attributes).toMatchObject({ dynamodbCalls: 2, snsCalls: 0, secretsManagerCalls: 0 });
    expect(attributes.dynamodbMs).toBeGreaterThanOrEqual(0);
    expect(attributes.ms).toBeGreaterThanOrEqual(attributes.dynamodbMs);
  });

  it('counts a call that failed too', async () => {
    // Prepare
    const { http, getItem } = dynamoDb();

    // Act
    const counted = countingCalls(async (calls) => {
      await expect(getItem()).rejects.toThrow();
      return calls.of('dynamodb').calls;
    });
    (await http.request(1)).answer(500);

    // Assess
    expect(await counted).toBe(1);
  });

  it('counts SNS calls apart from DynamoDB ones', async () => {
    // Prepare
    const http = heldRequests(
      '<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>',
    );
    const sns = countCalls(
      'sns',
      new SNSClient({ region: 'eu-central-1', credentials, requestHandler: http.requestHandler }),
    );

    // Act
    const counted = countingCalls(async (calls) => {
      await sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:eu-central-1:1:alerts', Message: 'm' }));
      return calls.logAttributes();
    });
    (await http.request(1)).answer();

    // Assess
    expect(await counted).toMatchObject({ snsCalls: 1, dynamodbCalls: 0 });
  });

  it('keeps the counts of concurrent invocations in one process apart (the local server)', async () => {
    // Prepare
    const { http, getItem } = dynamoDb();

    // Act: A's first call, then B's, then A's second are all in flight at once; B's answers first.
    const first = countingCalls(async (calls) => {
      await Promise.all([getItem(), getItem()]);
      return calls.of('dynamodb').calls;
    });
    const second = countingCalls(async (calls) => {
      await getItem();
      return calls.of('dynamodb').calls;
    });
    const [a1, a2, b1] = [await http.request(1), await http.request(2), await http.request(3)];
    b1.answer();
    a2.answer();
    a1.answer();

    // Assess
    expect([await first, await second]).toEqual([2, 1]);
  });

  it('counts a nested run on the outer one: the dependencies a handler loads and its route share one line', async () => {
    // Prepare
    const { http, getItem } = dynamoDb();

    // Act
    const counted = countingCalls(async (outer) => {
      await getItem();
      const inner = await countingCalls(async (calls) => {
        await getItem();
        return calls.of('dynamodb').calls;
      });
      return [inner, outer.of('dynamodb').calls];
    });
    (await http.request(1)).answer();
    (await http.request(2)).answer();

    // Assess
    expect(await counted).toEqual([2, 2]);
  });

  it('counts nothing, and lets the call through, outside an invocation', async () => {
    // Prepare
    const { http, getItem } = dynamoDb();

    // Act
    const sent = getItem();
    (await http.request(1)).answer();

    // Assess
    await expect(sent).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
  });
});
