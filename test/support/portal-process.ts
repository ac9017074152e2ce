import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../lib/local/dynamodb-local';

const projectRoot = join(__dirname, '..', '..');

/** `npm start` as a newcomer runs it (the same entry point), in a child process whose output the test reads. */
export interface PortalProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Every whole line the process printed so far (stdout and stderr); everything once stop() has resolved. */
  output(): string;
  /** Waits until the output matches (a log line may arrive after the response it logs); 30 s by default. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Signals the process and resolves with its exit code once it has exited and its output is read. */
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
  // stdout and stderr are two pipes whose chunks arrive in any order and may end mid-line (or mid-character):
  // each stream is decoded as UTF-8 and adds whole lines only, so a line of one never splits a line of the other.
  let output = '';
  const addLines = (stream: NodeJS.ReadableStream) => {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      const end = pending.lastIndexOf('\n') + 1;
      output += pending.slice(0, end);
      pending = pending.slice(end);
    });
    stream.once('end', () => {
      output += pending;
      pending = '';
    });
  };
  addLines(child.stdout!);
  addLines(child.stderr!);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // 'exit' may come before the pipes are read to their end: 'close' comes after both (bounded, should a
  // grandchild hold a pipe open).
  const streamsClosed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const outputComplete = () =>
    Promise.race([streamsClosed, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  const waitForOutput = async (pattern: RegExp, timeoutMs = 30_000): Promise<string> => {
    const started = Date.now();
    while (!pattern.test(output)) {
      if (child.exitCode !== null || child.signalCode !== null) {
        // Only once its output is all in can the process be said never to have printed it.
        await outputComplete();
        if (pattern.test(output)) break;
        throw new Error(`the portal exited: ${output}`);
      }
      if (Date.now() - started > timeoutMs)
        throw new Error(`no ${pattern} within ${timeoutMs} ms in: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return output;
  };
  // The banner's last line, whole: everything printed before it has arrived too. A busy machine may take a while
  // (tsx, the page's esbuild build, Java); one that never gets there is not left running.
  try {
    await waitForOutput(/listening on \S+\n/, 150_000);
  } catch (error) {
    if (child.exitCode === null) child.kill('SIGTERM');
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    waitForOutput,
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      // Its last lines too: output() is whole once stop() resolves.
      await outputComplete();
      return code;
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
