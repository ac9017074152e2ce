import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { build } from 'esbuild';
import { join } from 'node:path';
import { lambdaBundling } from '../../../lib/bundling';
import {
  credentialsFromEnvironment,
  S3DocumentPresigner,
  uploadConditions,
  type DocumentsBucket,
  type SigningCredentials,
} from '../../../functions/adapters/s3/presigner';
import { documentLimits, documentObjectKey } from '../../../functions/domain/verification/documents';

/**
 * The documents' links are signed without the S3 client (issue 20: about 140 KiB less in the two bundles that
 * sign). The oracle is the SDK itself: for the same credentials, clock, bucket and document, the presigner's POST
 * and GET must be what `createPresignedPost` and `getSignedUrl` with an `S3Client` give, byte for byte.
 */
const signedAt = new Date('2026-03-14T09:26:53.589Z');
const clock = { now: () => new Date(signedAt) };
const document = {
  objectKey: documentObjectKey('account-1', 'document-2'),
  contentType: 'image/png',
  size: 99,
} as const;

const sdkLinks = async (
  bucket: DocumentsBucket,
  credentials: SigningCredentials,
  objectKey = document.objectKey,
) => {
  const client = new S3Client({
    region: bucket.region,
    credentials,
    ...(bucket.endpoint !== undefined && { endpoint: bucket.endpoint, forcePathStyle: true }),
  });
  // createPresignedPost reads the time from Date.now; getSignedUrl takes the signing date.
  const now = jest.spyOn(Date, 'now').mockReturnValue(signedAt.getTime());
  try {
    const post = await createPresignedPost(client, {
      Bucket: bucket.name,
      Key: objectKey,
      Conditions: uploadConditions(document.contentType, document.size),
      Fields: { 'Content-Type': document.contentType },
      Expires: documentLimits.uploadSeconds,
    });
    const download = await getSignedUrl(
      client,
      new GetObjectCommand({ Bucket: bucket.name, Key: objectKey, ResponseContentDisposition: 'attachment' }),
      { expiresIn: documentLimits.downloadSeconds, signingDate: signedAt },
    );
    return { post, download };
  } finally {
    now.mockRestore();
    client.destroy();
  }
};

const presignerLinks = async (
  bucket: DocumentsBucket,
  credentials: SigningCredentials,
  objectKey = document.objectKey,
) => {
  const presigner = new S3DocumentPresigner(bucket, () => credentials, clock);
  return {
    post: await presigner.presignUpload({
      ...document,
      objectKey,
      expiresInSeconds: documentLimits.uploadSeconds,
    }),
    download: await presigner.presignDownload(objectKey, documentLimits.downloadSeconds),
  };
};

/** The fields in their order, as the browser's form sends them. */
const inOrder = ({ url, fields }: { url: string; fields: Readonly<Record<string, string>> }) => ({
  url,
  fields: Object.entries(fields),
});

const inAws: DocumentsBucket = {
  name: 'srs-portal-prod-documents-123456789012-eu-central-1',
  region: 'eu-central-1',
};
const functionRole: SigningCredentials = {
  accessKeyId: 'ASIAEXAMPLEKEYID',
  secretAccessKey: 'example/secret+key=',
  // A session token holds characters a query string escapes.
  sessionToken: 'IQoJb3JpZ2luX2VjE/example+token==',
};

describe('2.3: document links signed without the S3 client, as the SDK signs them', () => {
  it.each([
    ['with the session token of a Lambda role', functionRole],
    ['without a session token', { accessKeyId: 'AKIAEXAMPLEKEYID', secretAccessKey: 'example/secret+key=' }],
  ])(
    'signs the upload form and the download link of a regional bucket byte for byte as the SDK, %s',
    async (_what, credentials) => {
      const ours = await presignerLinks(inAws, credentials);
      const sdk = await sdkLinks(inAws, credentials);

      expect(inOrder(ours.post)).toEqual(inOrder(sdk.post));
      expect(ours.download).toBe(sdk.download);
      expect(ours.post.url).toBe(`https://${inAws.name}.s3.eu-central-1.amazonaws.com/`);
      expect(ours.download).toMatch(
        new RegExp(
          `^https://${inAws.name}\\.s3\\.eu-central-1\\.amazonaws\\.com/documents/account-1/document-2\\?`,
        ),
      );
    },
  );

  it('signs for the local S3 server path-style, with its fixed credentials, byte for byte as the SDK', async () => {
    const local: DocumentsBucket = {
      name: 'srs-portal-documents',
      region: 'eu-central-1',
      endpoint: 'http://127.0.0.1:4568',
    };
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

    const ours = await presignerLinks(local, credentials);
    const sdk = await sdkLinks(local, credentials);

    expect(inOrder(ours.post)).toEqual(inOrder(sdk.post));
    expect(ours.download).toBe(sdk.download);
    expect(ours.post.url).toBe('http://127.0.0.1:4568/srs-portal-documents');
    expect(new URL(ours.download).pathname).toBe('/srs-portal-documents/documents/account-1/document-2');
  });

  it('escapes a key as the SDK does, segment by segment', async () => {
    const key = "documents/a b/ü(1)!*'+=.pdf";

    const ours = await presignerLinks(inAws, functionRole, key);
    const sdk = await sdkLinks(inAws, functionRole, key);

    expect(inOrder(ours.post)).toEqual(inOrder(sdk.post));
    expect(ours.download).toBe(sdk.download);
  });

  it('signs the policy that expires with the upload, and the download link for minutes, as an attachment', async () => {
    const { post, download } = await presignerLinks(inAws, functionRole);

    const policy = JSON.parse(Buffer.from(post.fields.Policy!, 'base64').toString('utf8')) as {
      expiration: string;
    };
    expect(policy.expiration).toBe('2026-03-14T09:41:53Z');
    const query = new URL(download).searchParams;
    expect(query.get('X-Amz-Expires')).toBe(String(documentLimits.downloadSeconds));
    expect(query.get('response-content-disposition')).toBe('attachment');
    expect(query.get('X-Amz-Date')).toBe('20260314T092653Z');
  });
});

describe("2.3: the Lambda role's credentials for signing", () => {
  it('takes the keys and the session token the runtime puts in the environment', () => {
    expect(
      credentialsFromEnvironment({
        AWS_ACCESS_KEY_ID: 'id',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_SESSION_TOKEN: 'token',
      }),
    ).toEqual({ accessKeyId: 'id', secretAccessKey: 'secret', sessionToken: 'token' });
    expect(credentialsFromEnvironment({ AWS_ACCESS_KEY_ID: 'id', AWS_SECRET_ACCESS_KEY: 'secret' })).toEqual({
      accessKeyId: 'id',
      secretAccessKey: 'secret',
    });
  });

  it('refuses to sign without them, naming the variables and never a value', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'id-that-must-not-leak' };
    expect(() => credentialsFromEnvironment(env)).toThrow(/AWS_SECRET_ACCESS_KEY/);
    expect(() => credentialsFromEnvironment(env)).not.toThrow(/id-that-must-not-leak/);

    const presigner = new S3DocumentPresigner(inAws, () => credentialsFromEnvironment(env), clock);
    await expect(presigner.presignDownload(document.objectKey, 60)).rejects.toThrow(/AWS_SECRET_ACCESS_KEY/);
    await expect(presigner.presignUpload({ ...document, expiresInSeconds: 60 })).rejects.toThrow(
      /AWS_SECRET_ACCESS_KEY/,
    );
  });
});

describe('2.3: the functions that sign document links (issue 20)', () => {
  const sdkForS3 = /node_modules\/@aws-sdk\/(client-s3|s3-presigned-post|s3-request-presigner)\//;

  it.each([['verification-documents/handler.ts'], ['operators/queries.ts']])(
    'bundles %s without the S3 client or the SDK presigners',
    async (entry) => {
      const { metafile } = await build({
        entryPoints: [join(__dirname, '../../../functions', entry)],
        bundle: true,
        write: false,
        outdir: 'unused',
        platform: 'node',
        format: 'cjs',
        target: lambdaBundling.target,
        mainFields: [...lambdaBundling.mainFields],
        external: [...lambdaBundling.externalModules],
        metafile: true,
        logLevel: 'silent',
      });

      expect(Object.keys(metafile.inputs).filter((input) => sdkForS3.test(input))).toEqual([]);
    },
    30_000,
  );
});
