import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyRingUnavailable } from '../../../functions/adapters/keys/key-ring';
import { loadLocalKeyRing, localKeyFile } from '../../../functions/adapters/keys/local-key-ring';
import {
  deriveKeyRing,
  loadSecretsManagerKeyRing,
} from '../../../functions/adapters/keys/secrets-manager-key-ring';

describe('Function: loadLocalKeyRing (DESIGN: Configuration)', () => {
  let root: string;
  let dataDir: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'key-ring-'));
    dataDir = join(root, '.data');
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  it('generates two 32-byte keys into keys.json, readable by the owner only', async () => {
    // Act
    const keyRing = await loadLocalKeyRing(dataDir);

    // Assess
    expect(keyRing.lookupKey).toHaveLength(32);
    expect(keyRing.dataKey).toHaveLength(32);
    expect(keyRing.lookupKey.equals(keyRing.dataKey)).toBe(false);
    const file = join(dataDir, localKeyFile);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      version: 1,
      lookupKey: keyRing.lookupKey.toString('base64'),
      dataKey: keyRing.dataKey.toString('base64'),
    });
  });

  it('reads the same keys ever after', async () => {
    // Prepare
    const first = await loadLocalKeyRing(dataDir);

    // Act
    const second = await loadLocalKeyRing(dataDir);

    // Assess
    expect(second).toEqual(first);
  });

  it('gives every one of many racing loaders the same keys', async () => {
    // Act
    const keyRings = await Promise.all(Array.from({ length: 10 }, () => loadLocalKeyRing(dataDir)));

    // Assess
    keyRings.forEach((keyRing) => expect(keyRing).toEqual(keyRings[0]));
    expect(JSON.parse(await readFile(join(dataDir, localKeyFile), 'utf8')).dataKey).toBe(
      keyRings[0]!.dataKey.toString('base64'),
    );
  });

  it.each([
    ['not JSON', 'garbage'],
    [
      'a short key',
      JSON.stringify({ version: 1, lookupKey: 'AAAA', dataKey: Buffer.alloc(32).toString('base64') }),
    ],
  ])('says KeyRingUnavailable for a key file with %s, never overwriting it', async (_case, content) => {
    // Prepare
    await loadLocalKeyRing(dataDir);
    await writeFile(join(dataDir, localKeyFile), content);

    // Act
    const failure = await loadLocalKeyRing(dataDir).catch((e: unknown) => e);

    // Assess
    expect(failure).toBeInstanceOf(KeyRingUnavailable);
    expect(await readFile(join(dataDir, localKeyFile), 'utf8')).toBe(content);
  });
});

describe('Function: loadSecretsManagerKeyRing', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  const client = new SecretsManagerClient({});
  const secretId = 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:srs-portal-keys-AbCdEf';
  const secret = 'correct horse battery staple, but random and long enough';

  beforeEach(() => secretsManager.reset());

  it('reads the secret string by its id and derives both keys from it', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: secret });

    // Act
    const keyRing = await loadSecretsManagerKeyRing(client, secretId);

    // Assess
    expect(secretsManager).toReceiveCommandTimes(GetSecretValueCommand, 1);
    expect(secretsManager).toReceiveCommandWith(GetSecretValueCommand, { SecretId: secretId });
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0]!.args[0].input).toEqual({
      SecretId: secretId,
    });
    expect(keyRing).toEqual(deriveKeyRing(secret));
  });

  it.each([
    [
      'Secrets Manager refuses',
      () =>
        secretsManager
          .on(GetSecretValueCommand)
          .rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} })),
    ],
    [
      'the secret is binary',
      () => secretsManager.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array(64) }),
    ],
    [
      'the secret is short',
      () => secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'short' }),
    ],
  ])('says KeyRingUnavailable, with the cause, when %s', async (_case, prepare) => {
    // Prepare
    prepare();

    // Act
    const failure = await loadSecretsManagerKeyRing(client, secretId).catch((e: unknown) => e);

    // Assess
    expect(failure).toBeInstanceOf(KeyRingUnavailable);
    expect((failure as Error).cause).toBeInstanceOf(Error);
  });
});

describe('Function: deriveKeyRing', () => {
  it('derives the same keys from the same secret, by HKDF-SHA256 with a label per key', () => {
    // Act
    const keyRing = deriveKeyRing('correct horse battery staple, but random and long enough');

    // Assess: computed independently (RFC 5869 in Python) with salt "srs-portal" and the v1 labels
    expect(keyRing.lookupKey.toString('hex')).toBe(
      '0190b58e28588d5df9fbac8f320e67c9df0c01e6cfb4621f44addfd7499c973f',
    );
    expect(keyRing.dataKey.toString('hex')).toBe(
      '8ed74597065420457cb805c7bc04925c53ca06e63f686d4ceb7257b79cd3f8f5',
    );
  });
});
