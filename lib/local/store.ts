import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { idempotencyTable, portalTable } from '../tables';
import { startDynamoDbLocal } from './dynamodb-local';
import { ensureTables } from './tables';

/** The local store: DynamoDB Local on a data directory, found again by any tool while it runs. */
export interface LocalStore {
  readonly endpoint: string;
  readonly dataDir: string;
  /** True when this process started DynamoDB Local and must stop it. */
  readonly owned: boolean;
  stop(): Promise<void>;
}

const instanceFile = (dataDir: string) => join(dataDir, 'dynamodb-local.json');

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const answers = async (endpoint: string): Promise<boolean> => {
  try {
    await (await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(1_000) })).arrayBuffer();
    return true;
  } catch {
    return false;
  }
};

/** The DynamoDB Local already serving `dataDir`, if any: two processes never open one data directory. */
export const findRunningStore = async (
  dataDir: string,
): Promise<{ endpoint: string; pid: number } | undefined> => {
  const file = instanceFile(resolve(dataDir));
  if (!existsSync(file)) return undefined;
  const running = JSON.parse(readFileSync(file, 'utf8')) as { endpoint: string; pid: number };
  return isAlive(running.pid) && (await answers(running.endpoint)) ? running : undefined;
};

export const localTableNames = [
  { definition: portalTable, tableName: portalTable.localName },
  { definition: idempotencyTable, tableName: idempotencyTable.localName },
];

/** The environment under which the functions use the local store (same variable names as in AWS). */
export const localFunctionEnv = (store: LocalStore): Record<string, string> => ({
  PORTAL_RUNTIME: 'local',
  PORTAL_DYNAMODB_ENDPOINT: store.endpoint,
  PORTAL_DATA_DIR: store.dataDir,
  [portalTable.envVar]: portalTable.localName,
  [idempotencyTable.envVar]: idempotencyTable.localName,
  AWS_REGION: process.env.AWS_REGION ?? 'eu-central-1',
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

/**
 * Opens the store of `dataDir`: joins the DynamoDB Local that another tool runs on it, or starts one (and
 * records it so that others join it), then creates missing tables.
 */
export const openLocalStore = async (
  dataDirInput: string,
  options: { exclusive?: boolean } = {},
): Promise<LocalStore> => {
  const dataDir = resolve(dataDirInput);
  mkdirSync(dataDir, { recursive: true });
  const running = await findRunningStore(dataDir);
  if (running && options.exclusive) {
    throw new Error(
      `The data directory ${dataDir} is in use by process ${running.pid}; stop it or choose another PORTAL_DATA_DIR.`,
    );
  }
  const store: LocalStore = running
    ? { endpoint: running.endpoint, dataDir, owned: false, stop: async () => undefined }
    : await (async () => {
        const dynamo = await startDynamoDbLocal({ dataDir });
        writeFileSync(instanceFile(dataDir), JSON.stringify({ endpoint: dynamo.endpoint, pid: process.pid }));
        return {
          endpoint: dynamo.endpoint,
          dataDir,
          owned: true,
          stop: async () => {
            rmSync(instanceFile(dataDir), { force: true });
            await dynamo.stop();
          },
        };
      })();
  const client = new DynamoDBClient({
    endpoint: store.endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await ensureTables(client, localTableNames);
  } finally {
    client.destroy();
  }
  return store;
};
