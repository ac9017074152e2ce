import { spawn } from 'node:child_process';
import { join } from 'node:path';

const projectRoot = join(__dirname, '..', '..');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run admin -- …` as an operator runs it: the same entry point, in its own process. */
export const admin = (dataDir: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/admin.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, PORTAL_DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    // 'close', not 'exit': the output streams may still hold the last lines when the process exits.
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
