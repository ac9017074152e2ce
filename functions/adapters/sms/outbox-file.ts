import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../domain/ports';

/**
 * Appends `record` as one JSON line to `fileName` in `dataDir`, creating the directory when needed. One write of
 * the whole line (O_APPEND) keeps lines whole when several sends run at once. A new file is readable by its owner
 * only (0600, as the local key ring): the SMS outbox holds passwords and codes.
 *
 * Synchronous on purpose: a line is written in microseconds, while an asynchronous write goes through libuv's
 * thread pool (mkdir, open, write, close: four jobs), where it queues behind every password hash (scrypt) in
 * flight: under `npm run load` an SMS waited for the KDF runs ahead of it, and accounts registered before a stop
 * never got theirs (issue 20).
 */
const appendJsonLine = (dataDir: string, fileName: string, record: object): void => {
  mkdirSync(dataDir, { recursive: true });
  appendFileSync(join(dataDir, fileName), `${JSON.stringify(record)}\n`, { encoding: 'utf8', mode: 0o600 });
};

/** Where local outboxes print: the console of `npm start`, never the structured log. */
const printToConsole = (line: string): void => console.log(line);

export interface LocalOutboxOptions {
  /** Where the console line goes; the console of `npm start` by default. */
  readonly print?: (line: string) => void;
  readonly clock?: Clock;
}

/**
 * A local outbox (SMS, operators' alerts): each record one JSON line of `fileName` in `dataDir`, and one line
 * for whoever watches the console.
 */
export const localOutbox = (dataDir: string, fileName: string, options: LocalOutboxOptions = {}) => {
  const print = options.print ?? printToConsole;
  const clock = options.clock ?? systemClock;
  return {
    now: (): Date => clock.now(),
    write: async (record: object, consoleLine: string): Promise<void> => {
      appendJsonLine(dataDir, fileName, record);
      print(consoleLine);
    },
  };
};
