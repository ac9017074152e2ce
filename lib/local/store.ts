import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { idempotencyTable, portalTable } from '../../contract/tables';
import { answersAsDynamoDb, startDynamoDbLocal, startTimeoutMs } from './dynamodb-local';
import { ensureTables } from './tables';

/** The local store: DynamoDB Local on a data directory, found again by any tool while it runs. */
export interface LocalStore {
  readonly endpoint: string;
  readonly dataDir: string;
  /** True when this process started DynamoDB Local and must stop it. */
  readonly owned: boolean;
  stop(): Promise<void>;
}

/** The data directory the local tools use: `PORTAL_DATA_DIR`, or `.data` when it is unset or empty. */
export const configuredDataDir = (env: NodeJS.ProcessEnv = process.env): string =>
  env.PORTAL_DATA_DIR || '.data';

const instanceFile = (dataDir: string) => join(dataDir, 'dynamodb-local.json');

/** Who holds a data directory: the process, and its DynamoDB Local's endpoint once it answers. */
interface InstanceRecord {
  readonly pid: number;
  readonly endpoint?: string;
}

const readInstance = (dataDir: string): InstanceRecord | undefined => {
  try {
    return JSON.parse(readFileSync(instanceFile(dataDir), 'utf8')) as InstanceRecord;
  } catch {
    return undefined;
  }
};

/** Writes the record whole (a reader never sees half of it); `exclusive`: only if no record is there. */
const writeInstance = (dataDir: string, record: InstanceRecord, exclusive: boolean): void => {
  const draft = `${instanceFile(dataDir)}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(draft, JSON.stringify(record));
  try {
    if (exclusive) linkSync(draft, instanceFile(dataDir));
    else renameSync(draft, instanceFile(dataDir));
  } finally {
    rmSync(draft, { force: true });
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** How long a recorded DynamoDB Local may take to answer: a busy one can take seconds, a gone one is refused at once. */
const answerPatienceMs = 10_000;

/** The DynamoDB Local already serving `dataDir`, if any: two processes never open one data directory. */
export const findRunningStore = async (
  dataDir: string,
): Promise<{ endpoint: string; pid: number } | undefined> => {
  const running = readInstance(resolve(dataDir));
  // An answer counts even if the process that started it is gone: its DynamoDB Local still has the directory.
  return running?.endpoint !== undefined && (await answersAsDynamoDb(running.endpoint, answerPatienceMs))
    ? { endpoint: running.endpoint, pid: running.pid }
    : undefined;
};

/**
 * How long a tool may take to start DynamoDB Local before others take its record for one left by a crash: longer
 * than a start may take, so that a slow start on a busy machine is waited for, not replaced.
 */
const startupMs = startTimeoutMs + 30_000;

/** A record whose process is gone, whose DynamoDB Local no longer answers, or that never got that far. */
const isStale = async (dataDir: string, record: InstanceRecord | undefined): Promise<boolean> => {
  if (record === undefined) return true;
  // Asked again: it may have started answering since this tool last looked.
  if (record.endpoint !== undefined) return !(await answersAsDynamoDb(record.endpoint, answerPatienceMs));
  if (!isAlive(record.pid)) return true;
  const writtenAt = statSync(instanceFile(dataDir), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return Date.now() - writtenAt > startupMs;
};

/**
 * Claims `dataDir` for this process to start DynamoDB Local on: the record is created exclusively, so of tools
 * started together one starts it and the others join. A stale record is replaced.
 * @returns the live process holding it instead, if any
 */
const claimDataDir = async (dataDir: string): Promise<{ heldBy?: number }> => {
  try {
    writeInstance(dataDir, { pid: process.pid }, true);
    return {};
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = readInstance(dataDir);
    if (!(await isStale(dataDir, holder))) return { heldBy: holder!.pid };
    rmSync(instanceFile(dataDir), { force: true });
    return claimDataDir(dataDir);
  }
};

const inUse = (dataDir: string, pid: number) =>
  new Error(
    `The data directory ${dataDir} is in use by process ${pid}; stop it or choose another PORTAL_DATA_DIR.`,
  );

/** Where tools that joined another's DynamoDB Local say so, one file each named by process id. */
const joinersDir = (dataDir: string) => join(dataDir, 'dynamodb-local.joined');

/** Records this process as using the DynamoDB Local of `dataDir`; the returned function ends that. */
const joinAs = (dataDir: string): (() => void) => {
  mkdirSync(joinersDir(dataDir), { recursive: true });
  const file = join(joinersDir(dataDir), `${process.pid}.${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, '');
  return () => rmSync(file, { force: true });
};

/** Waits while a live process that joined this DynamoDB Local still uses it (a joiner that died is not waited for). */
const joinersLeft = async (dataDir: string): Promise<void> => {
  const live = () =>
    readdirSync(joinersDir(dataDir), { withFileTypes: true }).some((entry) =>
      isAlive(Number(entry.name.split('.')[0])),
    );
  while (live()) await new Promise((resolve) => setTimeout(resolve, 200));
};

/**
 * Starts DynamoDB Local on the data directory this process has claimed, and records where it answers. It stops
 * only once the tools that joined it have left (two admin CLIs started together: the first to finish waits for
 * the other); its record goes first, so that no tool joins it meanwhile.
 */
const startOwnStore = async (dataDir: string): Promise<LocalStore> => {
  const released = () => rmSync(instanceFile(dataDir), { force: true });
  const dynamo = await startDynamoDbLocal({ dataDir }).catch((error: unknown) => {
    released();
    throw error;
  });
  writeInstance(dataDir, { pid: process.pid, endpoint: dynamo.endpoint }, false);
  return {
    endpoint: dynamo.endpoint,
    dataDir,
    owned: true,
    stop: async () => {
      released();
      mkdirSync(joinersDir(dataDir), { recursive: true });
      await joinersLeft(dataDir);
      await dynamo.stop();
    },
  };
};

/** Joins the DynamoDB Local running on `dataDir`, waiting while another tool starts it, or starts one. */
const joinOrStart = async (dataDir: string, exclusive: boolean): Promise<LocalStore> => {
  const deadline = Date.now() + startupMs;
  for (;;) {
    const running = await findRunningStore(dataDir);
    if (running && exclusive) throw inUse(dataDir, running.pid);
    if (running) {
      const leave = joinAs(dataDir);
      // Joined only if it was not stopping meanwhile: its owner takes the record away before it waits for joiners.
      if (readInstance(dataDir)?.endpoint === running.endpoint)
        return { endpoint: running.endpoint, dataDir, owned: false, stop: async () => leave() };
      leave();
      continue;
    }
    const { heldBy } = await claimDataDir(dataDir);
    if (heldBy === undefined) return startOwnStore(dataDir);
    if (exclusive) throw inUse(dataDir, heldBy);
    if (Date.now() > deadline)
      throw new Error(`DynamoDB Local on ${dataDir}, started by process ${heldBy}, does not answer.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
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
  const store = await joinOrStart(dataDir, options.exclusive ?? false);
  const client = new DynamoDBClient({
    endpoint: store.endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await ensureTables(client, localTableNames);
  } catch (error) {
    await store.stop();
    throw error;
  } finally {
    client.destroy();
  }
  return store;
};
