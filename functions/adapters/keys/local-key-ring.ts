import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod/mini';
import { keyLength, KeyRingUnavailable, type KeyRing } from './key-ring';

/** DESIGN, Configuration: locally, the keys are generated once into `PORTAL_DATA_DIR`. */
export const localKeyFile = 'keys.json';

const base64Key = z.pipe(
  z.base64(),
  z
    .transform((text: string) => Buffer.from(text, 'base64'))
    .check(z.refine((key: Buffer) => key.length === keyLength, `a key has ${keyLength} bytes`)),
);

const keyFileSchema = z.object({ version: z.literal(1), lookupKey: base64Key, dataKey: base64Key });

/** How long a reader waits for a key file that another process has created but not yet written. */
const readAttempts = 20;
const readPause = 25;

/** By `code`, not `instanceof Error`: errors of node:fs may come from another realm (a test's VM context). */
const isErrno = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;

const readKeyFile = async (path: string): Promise<KeyRing> => {
  let lastProblem: unknown;
  for (let attempt = 0; attempt < readAttempts; attempt += 1) {
    if (attempt > 0) await sleep(readPause);
    const text = await readFile(path, 'utf8');
    try {
      const { lookupKey, dataKey } = keyFileSchema.parse(JSON.parse(text));
      return { lookupKey, dataKey };
    } catch (error) {
      lastProblem = error;
    }
  }
  throw new KeyRingUnavailable(lastProblem);
};

/**
 * The local key ring of `dataDir`: generated on first use into `keys.json` (mode 0600), read ever after. The file
 * is created exclusively (`wx`), so when two processes start at once one writes the keys and the other reads them;
 * losing the keys would make every sealed value and lookup key in the local store useless.
 */
export const loadLocalKeyRing = async (dataDir: string): Promise<KeyRing> => {
  const path = join(dataDir, localKeyFile);
  try {
    await mkdir(dataDir, { recursive: true });
    const keyRing: KeyRing = { lookupKey: randomBytes(keyLength), dataKey: randomBytes(keyLength) };
    const content = {
      version: 1,
      lookupKey: keyRing.lookupKey.toString('base64'),
      dataKey: keyRing.dataKey.toString('base64'),
    };
    try {
      await writeFile(path, `${JSON.stringify(content, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      return keyRing;
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    return await readKeyFile(path);
  } catch (error) {
    throw error instanceof KeyRingUnavailable ? error : new KeyRingUnavailable(error);
  }
};
