import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MiddlewareStack } from '@smithy/types';

/** One DynamoDB request as it went over the wire: its operation, its JSON body, its time and its capacity. */
export interface DynamoRequest {
  readonly operation: string;
  readonly body: string;
  readonly ms: number;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly failed: boolean;
}

/** The serialized request body: a string, or bytes, depending on the SDK's protocol implementation. */
const bodyText = (body: unknown): string => {
  if (typeof body === 'string') return body;
  // A view on the bytes: the SDK's body adapter warns when its string methods (valueOf too) are called.
  if (body instanceof Uint8Array)
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  throw new Error(`the bench cannot read a DynamoDB request body of type ${typeof body}`);
};

const readOperations = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);

interface Capacity {
  readonly CapacityUnits?: number;
  readonly ReadCapacityUnits?: number;
  readonly WriteCapacityUnits?: number;
}

const unitsOf = (consumed: Capacity | Capacity[] | undefined): number =>
  [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);

/**
 * Records the DynamoDB requests a handler makes, with a middleware on the SDK client: every request asks for
 * `ReturnConsumedCapacity: TOTAL` (on-demand cost), and its wire body, duration and capacity are kept while a
 * recording runs. Handlers run one at a time in the bench, so one recording at a time is enough.
 */
export class RequestRecorder {
  private current: DynamoRequest[] | undefined;

  start(): void {
    this.current = [];
  }

  stop(): DynamoRequest[] {
    const recorded = this.current ?? [];
    this.current = undefined;
    return recorded;
  }

  /** Adds the recording middlewares to a client (a document client shares its inner client's stack). */
  instrument(client: DynamoDBClient | DynamoDBDocumentClient): void {
    const stack = client.middlewareStack as unknown as MiddlewareStack<object, object>;
    stack.add(
      (next) => async (args) => {
        (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
        return next(args);
      },
      { step: 'serialize', priority: 'high', name: 'benchConsumedCapacity' },
    );
    stack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string>; body?: unknown };
        const operation = (request.headers['x-amz-target'] ?? '').split('.').at(-1) ?? 'unknown';
        const body = bodyText(request.body);
        const started = performance.now();
        const record = (units: number, failed: boolean) => {
          const read = readOperations.has(operation);
          this.current?.push({
            operation,
            body,
            ms: performance.now() - started,
            readUnits: read ? units : 0,
            writeUnits: read ? 0 : units,
            failed,
          });
        };
        try {
          const result = await next(args);
          record(
            unitsOf((result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity),
            false,
          );
          return result;
        } catch (error) {
          // A refused conditional write still costs a write unit; DynamoDB does not report it on the error.
          record(readOperations.has(operation) ? 0 : 1, true);
          throw error;
        }
      },
      { step: 'build', priority: 'low', name: 'benchRecorder' },
    );
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The wire JSON of an AttributeValue keeps binaries in base64; the SDK input wants bytes. */
const withBinaries = (value: Json): unknown => {
  if (Array.isArray(value)) return value.map(withBinaries);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      if (key === 'B' && typeof inner === 'string') return [key, Buffer.from(inner, 'base64')];
      if (key === 'BS' && Array.isArray(inner))
        return [key, inner.map((b) => Buffer.from(String(b), 'base64'))];
      return [key, withBinaries(inner)];
    }),
  );
};

const expressionKeys = [
  'UpdateExpression',
  'ProjectionExpression',
  'KeyConditionExpression',
  'FilterExpression',
] as const;

/**
 * A write replayed in a scratch table: without its condition (the scratch table does not hold the item the
 * condition is about), with the names and values only the condition used left out, as DynamoDB demands.
 */
const unconditional = (write: JsonObject, tables: ReadonlyMap<string, string>): JsonObject => {
  const { ConditionExpression: _condition, ...rest } = write;
  const used = expressionKeys.map((key) => rest[key]).filter((e): e is string => typeof e === 'string');
  const mentions = (token: string) => used.some((expression) => expression.includes(token));
  const names = isObject(rest.ExpressionAttributeNames)
    ? Object.fromEntries(Object.entries(rest.ExpressionAttributeNames).filter(([name]) => mentions(name)))
    : {};
  const values = isObject(rest.ExpressionAttributeValues)
    ? Object.fromEntries(Object.entries(rest.ExpressionAttributeValues).filter(([name]) => mentions(name)))
    : {};
  const { ExpressionAttributeNames: _names, ExpressionAttributeValues: _values, ...plain } = rest;
  return {
    ...plain,
    ...(typeof plain.TableName === 'string' && { TableName: tables.get(plain.TableName) ?? plain.TableName }),
    ...(Object.keys(names).length > 0 && { ExpressionAttributeNames: names }),
    ...(Object.keys(values).length > 0 && { ExpressionAttributeValues: values }),
  };
};

const sendRaw = (client: DynamoDBClient, operation: string, input: JsonObject): Promise<unknown> => {
  const sdkInput = withBinaries(input) as never;
  switch (operation) {
    case 'GetItem':
      return client.send(new GetItemCommand(sdkInput));
    case 'Query':
      return client.send(new QueryCommand(sdkInput));
    case 'BatchGetItem':
      return client.send(new BatchGetItemCommand(sdkInput));
    case 'TransactGetItems':
      return client.send(new TransactGetItemsCommand(sdkInput));
    case 'PutItem':
      return client.send(new PutItemCommand(sdkInput));
    case 'UpdateItem':
      return client.send(new UpdateItemCommand(sdkInput));
    case 'DeleteItem':
      return client.send(new DeleteItemCommand(sdkInput));
    case 'BatchWriteItem':
      return client.send(new BatchWriteItemCommand(sdkInput));
    case 'TransactWriteItems':
      return client.send(new TransactWriteItemsCommand(sdkInput));
    default:
      throw new Error(`the bench cannot replay DynamoDB ${operation}`);
  }
};

/** The replay form of a recorded request: reads exactly as sent, writes unconditional into scratch tables. */
export const replayInput = (
  request: Pick<DynamoRequest, 'operation' | 'body'>,
  scratchTables: ReadonlyMap<string, string>,
): JsonObject => {
  const input = JSON.parse(request.body) as JsonObject;
  if (readOperations.has(request.operation)) return input;
  if (request.operation === 'TransactWriteItems') {
    // The SDK filled in an idempotency token for these items; other items under it would be refused.
    const { ClientRequestToken: _token, ...transaction } = input;
    const items = (transaction.TransactItems as JsonObject[]).flatMap((item) =>
      Object.entries(item)
        .filter(([kind]) => kind !== 'ConditionCheck')
        .map(([kind, write]) => ({ [kind]: unconditional(write as JsonObject, scratchTables) })),
    );
    return { ...transaction, TransactItems: items };
  }
  return unconditional(input, scratchTables);
};

/**
 * An update that reads an attribute of the item (`SET attempts = attempts + :one`) needs the item: it is copied
 * from the real table into the scratch table (not timed), and the update replayed again.
 */
const needsItem = (error: unknown): boolean =>
  error instanceof Error &&
  error.name === 'ValidationException' &&
  error.message.includes('attribute that does not exist');

const copyItem = async (
  client: DynamoDBClient,
  original: JsonObject,
  scratchTable: string,
): Promise<void> => {
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: original.TableName as string,
      Key: original.Key as never,
      ConsistentRead: true,
    }),
  );
  if (Item) await client.send(new PutItemCommand({ TableName: scratchTable, Item }));
};

/**
 * Makes the recorded requests again, one after another, with a bare SDK client (no document client, no portal
 * code): the time DynamoDB itself needs for what a route asked of it. A refused replay still made its round
 * trip: its time counts, and it is counted apart.
 */
export const replayRaw = async (
  client: DynamoDBClient,
  requests: readonly DynamoRequest[],
  scratchTables: ReadonlyMap<string, string>,
): Promise<{ ms: number; refused: number }> => {
  const replays = requests.map((r) => ({ request: r, input: replayInput(r, scratchTables) }));
  let ms = 0;
  let refused = 0;
  for (const { request, input } of replays) {
    const timed = async () => {
      const started = performance.now();
      try {
        await sendRaw(client, request.operation, input);
        return { ms: performance.now() - started, error: undefined };
      } catch (error) {
        return { ms: performance.now() - started, error };
      }
    };
    let attempt = await timed();
    if (request.operation === 'UpdateItem' && needsItem(attempt.error)) {
      await copyItem(client, JSON.parse(request.body) as JsonObject, input.TableName as string);
      attempt = await timed();
    }
    ms += attempt.ms;
    if (attempt.error !== undefined) refused += 1;
  }
  return { ms, refused };
};
