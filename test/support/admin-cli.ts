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

/** 2.3: an operator demands verification from `phone` with the admin CLI, due in a week; the run must succeed. */
export const demandVerification = async (
  dataDir: string,
  phone: string,
  operator = 'op.tests',
): Promise<void> => {
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const run = await admin(dataDir, [
    'request-verification',
    '--phone',
    phone,
    '--deadline',
    deadline,
    '--operator',
    operator,
    '--reason',
    'Passport data differs from the registry',
  ]);
  if (run.status !== 0) throw new Error(`request-verification exited ${String(run.status)}: ${run.stderr}`);
};
