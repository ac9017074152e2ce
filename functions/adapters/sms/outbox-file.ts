import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Appends `record` as one JSON line to `fileName` in `dataDir`, creating the directory when needed. One
 * `appendFile` of the whole line (O_APPEND) keeps lines whole when several sends run at once.
 */
export const appendJsonLine = async (dataDir: string, fileName: string, record: object): Promise<void> => {
  await mkdir(dataDir, { recursive: true });
  await appendFile(join(dataDir, fileName), `${JSON.stringify(record)}\n`, 'utf8');
};

/** Where local outboxes print: the console of `npm start`, never the structured log. */
export const printToConsole = (line: string): void => console.log(line);
