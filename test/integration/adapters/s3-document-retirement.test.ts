import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentsBucketName, localStorageCredentials } from '../../../contract/documents';
import { S3DocumentRetirement } from '../../../functions/adapters/s3/document-retirement';
import { documentObjectKey } from '../../../functions/domain/verification/documents';
import { startDocumentsServer, type LocalDocumentsServer } from '../../../lib/local/documents-server';

jest.setTimeout(60_000);

describe('Class: S3DocumentRetirement against the local S3 server (2.3, 2.4)', () => {
  let dataDir: string;
  let server: LocalDocumentsServer;
  let client: S3Client;
  let retirement: S3DocumentRetirement;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'srs-retirement-'));
    server = await startDocumentsServer({
      dataDir,
      host: '127.0.0.1',
      onScanResult: async () => undefined,
      onScanFailed: () => undefined,
    });
    client = new S3Client({
      region: 'eu-central-1',
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: localStorageCredentials,
    });
    retirement = new S3DocumentRetirement(client, documentsBucketName);
  });

  afterAll(async () => {
    client.destroy();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies a received document onto itself, keeping its bytes and type (S3 refuses a copy that changes only tags)', async () => {
    // Prepare
    const key = documentObjectKey('account-1', 'document-1');
    await client.send(
      new PutObjectCommand({
        Bucket: documentsBucketName,
        Key: key,
        Body: '%PDF-1.7 passport',
        ContentType: 'application/pdf',
      }),
    );
    const uploaded = await client.send(new HeadObjectCommand({ Bucket: documentsBucketName, Key: key }));

    // Act
    await retirement.retire(key, 'application/pdf');

    // Assess
    const retired = await client.send(new GetObjectCommand({ Bucket: documentsBucketName, Key: key }));
    expect(await retired.Body?.transformToString()).toBe('%PDF-1.7 passport');
    expect(retired.ContentType).toBe('application/pdf');
    // A new object: the lifecycle's days count from now.
    expect(retired.LastModified!.getTime()).toBeGreaterThanOrEqual(uploaded.LastModified!.getTime());
  });

  it('does nothing for a document never uploaded', async () => {
    const key = documentObjectKey('account-1', 'never-uploaded');

    await expect(retirement.retire(key, 'image/png')).resolves.toBeUndefined();
    await expect(
      client.send(new HeadObjectCommand({ Bucket: documentsBucketName, Key: key })),
    ).rejects.toMatchObject({ name: 'NotFound' });
  });
});
