import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../lib/local/dynamodb-local';

const projectRoot = join(__dirname, '..', '..');

/** `npm start` as a newcomer runs it (the same entry point), in a child process whose output the test reads. */
export interface PortalProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Waits until the output matches (a log line may arrive after the response it logs). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const startOnce = async (dataDir: string, env: Record<string, string>): Promise<PortalProcess> => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/local.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(port),
      PORTAL_DATA_DIR: dataDir,
      POWERTOOLS_LOG_LEVEL: 'INFO',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitForOutput = async (pattern: RegExp, timeoutMs = 5_000): Promise<string> => {
    const started = Date.now();
    while (!pattern.test(output)) {
      if (child.exitCode !== null) throw new Error(`the portal exited: ${output}`);
      if (Date.now() - started > timeoutMs) throw new Error(`no ${pattern} in: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return output;
  };
  // The banner's last line, whole: everything printed before it has arrived too.
  await waitForOutput(/listening on \S+\n/, 60_000);
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    waitForOutput,
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
};

/**
 * Starts `npm start` on a free port. The port is free when chosen but bound only seconds later, once DynamoDB
 * Local runs: if another process (its own DynamoDB Local among them) took it meanwhile, it starts on another.
 */
export const startPortalProcess = async (
  dataDir: string,
  env: Record<string, string> = {},
): Promise<PortalProcess> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(dataDir, env);
    } catch (error) {
      if (!(error instanceof Error && error.message.includes('EADDRINUSE')) || attempt === 3) throw error;
    }
  }
};

/** DynamoDB Local (java) processes running on this data directory. */
export const javaProcessesOn = (dataDir: string): number =>
  spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((line) => line.includes('DynamoDBLocal') && line.includes(dataDir)).length;

/** True while any DynamoDB Local (java) process runs on this data directory. */
export const javaRunsOn = (dataDir: string): boolean => javaProcessesOn(dataDir) > 0;
