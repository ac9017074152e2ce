import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createIdCardVerifierFromFiles } from '../../../functions/adapters/id-card';

const ROOT = resolve(__dirname, '../../..');
const TSX_CLI = require.resolve('tsx/cli');
const ORIGIN = 'https://portal.example.kg';
const NONCE = 'mJ0m0n9c3pM5Yb6sT4qF8wK2zX1vR7hN0aL3dE5gU9o=';
const PIN = '12903198700042';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('CLI: npm run id-card (tsx bin/id-card.ts), end to end', () => {
  let dataDir: string;

  const idCard = async (...args: string[]): Promise<Run> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [TSX_CLI, 'bin/id-card.ts', ...args],
        {
          cwd: ROOT,
          env: { ...process.env, PORTAL_DATA_DIR: dataDir },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  const verifierForDevCa = () =>
    createIdCardVerifierFromFiles({
      origin: ORIGIN,
      caPath: join(dataDir, 'id-card', 'ca.pem'),
      crlPath: join(dataDir, 'id-card', 'crl.pem'),
    });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'id-card-cli-'));
  });

  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('init-ca, issue, sign: the token verifies against the development CA; revoke: it no longer does', async () => {
    const init = await idCard('init-ca');
    expect(init).toMatchObject({ code: 0 });
    expect(init.stdout).toContain(`PORTAL_ID_CARD_CA=${join(dataDir, 'id-card', 'ca.pem')}`);

    const cardPath = join(dataDir, 'rsa-card.pem');
    expect(await idCard('issue', '--pin', PIN, '--key', 'rsa', '--out', cardPath)).toMatchObject({ code: 0 });

    const signed = await idCard(
      'sign',
      '--card',
      cardPath,
      '--origin',
      ORIGIN,
      '--nonce',
      NONCE,
      '--algorithm',
      'PS256',
    );
    expect(signed).toMatchObject({ code: 0 });
    const token: unknown = JSON.parse(signed.stdout);
    expect(token).toMatchObject({ format: 'web-eid:1.0', algorithm: 'PS256' });

    await expect((await verifierForDevCa()).verify({ token, nonce: NONCE })).resolves.toMatchObject({
      ok: true,
      pin: PIN,
    });

    expect(await idCard('revoke', '--card', cardPath)).toMatchObject({ code: 0 });
    await expect((await verifierForDevCa()).verify({ token, nonce: NONCE })).resolves.toMatchObject({
      ok: false,
      reason: 'revoked',
    });
  });

  it('issues an EC P-384 card by default that signs with ES384', async () => {
    const cardPath = join(dataDir, 'ec-card.pem');
    expect(await idCard('issue', '--pin', PIN, '--out', cardPath, '--serial', 'plain')).toMatchObject({
      code: 0,
    });

    const signed = await idCard('sign', '--card', cardPath, '--origin', ORIGIN, '--nonce', NONCE);

    const token: unknown = JSON.parse(signed.stdout);
    expect(token).toMatchObject({ algorithm: 'ES384' });
    await expect((await verifierForDevCa()).verify({ token, nonce: NONCE })).resolves.toMatchObject({
      ok: true,
      pin: PIN,
    });
  });

  it('does not replace an existing development CA without --force', async () => {
    const again = await idCard('init-ca');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists.*--force/);
  });

  it('says to run init-ca when there is no CA to issue from', async () => {
    const run = await idCard(
      'issue',
      '--pin',
      PIN,
      '--out',
      join(dataDir, 'x.pem'),
      '--dir',
      join(dataDir, 'empty'),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/No development CA.*init-ca/);
  });

  it.each([
    ['no command', []],
    ['an unknown command', ['mint']],
    ['a PIN that is not 14 digits', ['issue', '--pin', '123', '--out', 'x.pem']],
    ['a missing --out', ['issue', '--pin', PIN]],
    ['an unknown key type', ['issue', '--pin', PIN, '--out', 'x.pem', '--key', 'dsa']],
    ['an unknown option', ['sign', '--card', 'x.pem', '--origin', ORIGIN, '--nonce', NONCE, '--pin', PIN]],
    ['a missing --nonce', ['sign', '--card', 'x.pem', '--origin', ORIGIN]],
    [
      'an unknown algorithm',
      ['sign', '--card', 'x.pem', '--origin', ORIGIN, '--nonce', NONCE, '--algorithm', 'HS256'],
    ],
  ])('exits 2 with the usage for %s', async (_case, args) => {
    const run = await idCard(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run id-card -- <command>');
    expect(run.stdout).toBe('');
  });
});
