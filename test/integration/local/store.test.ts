import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configuredDataDir, openLocalStore, type LocalStore } from '../../../lib/local/store';
import { javaProcessesOn } from '../../support/portal-process';

// These tests start (and stop) DynamoDB Local: Java takes 3–4 s on an idle machine, over a minute on a busy one.
jest.setTimeout(300_000);

const freshDataDir = () => mkdtempSync(join(tmpdir(), 'portal-store-'));
const record = (dataDir: string, content: object) =>
  writeFileSync(join(dataDir, 'dynamodb-local.json'), JSON.stringify(content));

describe('The local store: one DynamoDB Local per data directory, whoever opens it', () => {
  const opened: LocalStore[] = [];
  afterEach(async () => {
    // Joined stores first, the one that owns DynamoDB Local last.
    for (const store of opened.splice(0).sort((a, b) => Number(a.owned) - Number(b.owned)))
      await store.stop();
  });

  it('starts one DynamoDB Local for tools opened together (npm start, admin CLIs) and lets the others join it', async () => {
    const dataDir = freshDataDir();
    const results = await Promise.allSettled([1, 2, 3].map(() => openLocalStore(dataDir)));
    for (const result of results) if (result.status === 'fulfilled') opened.push(result.value);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(opened.filter((store) => store.owned)).toHaveLength(1);
    expect(new Set(opened.map((store) => store.endpoint)).size).toBe(1);
    expect(javaProcessesOn(dataDir)).toBe(1);
  });

  it('replaces the record of a process that died, and of a DynamoDB Local that no longer answers', async () => {
    const dead = spawnSync('true').pid!;
    for (const stale of [{ pid: dead }, { pid: process.pid, endpoint: 'http://127.0.0.1:9' }]) {
      const dataDir = freshDataDir();
      record(dataDir, stale);
      const store = await openLocalStore(dataDir);
      opened.push(store);
      expect(store.owned).toBe(true);
      expect(javaProcessesOn(dataDir)).toBe(1);
    }
  });

  it('keeps its data in .data when PORTAL_DATA_DIR is unset or empty, never in the working directory', () => {
    expect(configuredDataDir({})).toBe('.data');
    expect(configuredDataDir({ PORTAL_DATA_DIR: '' })).toBe('.data');
    expect(configuredDataDir({ PORTAL_DATA_DIR: '/srv/portal-data' })).toBe('/srv/portal-data');
  });

  it('refuses npm start a data directory on which another tool is starting DynamoDB Local', async () => {
    const dataDir = freshDataDir();
    record(dataDir, { pid: process.pid });
    await expect(openLocalStore(dataDir, { exclusive: true })).rejects.toThrow(
      `The data directory ${dataDir} is in use by process ${process.pid}`,
    );
    expect(javaProcessesOn(dataDir)).toBe(0);
  });
});
