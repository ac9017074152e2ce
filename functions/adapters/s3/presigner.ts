import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { createScope, getSigningKey, SignatureV4 } from '@smithy/signature-v4';
import type { Clock } from '../../domain/ports';
import type {
  DocumentContentType,
  DocumentPresigner,
  DocumentUpload,
} from '../../domain/verification/documents';

/**
 * The policy of a document's presigned POST (2.3): exactly the object key the server chose, the declared type,
 * and the declared size (which the API already held to 5 MiB). S3 refuses an upload that breaks any of them.
 */
export const uploadConditions = (contentType: DocumentContentType, size: number) => [
  ['eq', '$Content-Type', contentType] as ['eq', string, string],
  ['content-length-range', size, size] as ['content-length-range', number, number],
];

/** What a link is signed with: the function role's credentials, or the local S3 server's fixed ones. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * The function role's credentials, which the Lambda runtime puts in the environment (the SDK's `fromEnv` reads the
 * same variables). Read at each signing; the error names the variables, never a value.
 */
export const credentialsFromEnvironment = (env: NodeJS.ProcessEnv = process.env): SigningCredentials => {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey)
    throw new Error(
      'No credentials to sign document links: AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY is unset',
    );
  const sessionToken = env.AWS_SESSION_TOKEN;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
};

/** The documents' bucket and where it answers. */
export interface DocumentsBucket {
  readonly name: string;
  readonly region: string;
  /**
   * A local S3-compatible server (`http://127.0.0.1:4568`), addressed path-style: `{endpoint}/{bucket}/{key}`.
   * Without it, the bucket's regional virtual-hosted address `https://{bucket}.s3.{region}.amazonaws.com/{key}`
   * (the portal's bucket names are DNS-compatible: no dots, lower case).
   */
  readonly endpoint?: string;
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytesOf = (data: SourceData): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** SHA-256 (HMAC-SHA-256 when given a secret) from node:crypto, in the shape @smithy/signature-v4 signs with. */
class Sha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
  }

  update(data: SourceData): void {
    this.hash.update(bytesOf(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

/** RFC 3986 escaping, as S3 and the SDK write a key segment or a query value. */
const escapeUri = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `20260105T103428Z` and `20260105`: a signature's date, to the second, and its day. */
const signingDates = (date: Date) => {
  const iso8601 = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const longDate = iso8601.replace(/[-:]/g, '');
  return { iso8601, longDate, shortDate: longDate.slice(0, 8) };
};

interface Address {
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: string;
  /** The bucket's path: empty on its own host, `/{bucket}` on a local server. */
  readonly bucketPath: string;
}

const addressOf = ({ name, region, endpoint }: DocumentsBucket): Address => {
  if (endpoint === undefined)
    return { protocol: 'https:', hostname: `${name}.s3.${region}.amazonaws.com`, bucketPath: '' };
  const url = new URL(endpoint);
  return {
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port && { port: url.port }),
    bucketPath: `${url.pathname.replace(/\/$/, '')}/${escapeUri(name)}`,
  };
};

const algorithm = 'AWS4-HMAC-SHA256';
const service = 's3';

/**
 * 2.3: the documents' links, signed with Signature V4 by @smithy/signature-v4 and node:crypto instead of the S3
 * client and the SDK's presigners, which weighed about 140 KiB in each bundle that signs (issue 20). The output is
 * what `createPresignedPost` and `getSignedUrl` with an `S3Client` give, byte for byte (the oracle test holds it).
 */
export class S3DocumentPresigner implements DocumentPresigner {
  private readonly address: Address;
  private readonly signer: SignatureV4;

  constructor(
    private readonly bucket: DocumentsBucket,
    private readonly credentials: () => SigningCredentials,
    private readonly clock: Clock,
  ) {
    this.address = addressOf(bucket);
    // As the SDK's request presigner: the path is escaped already, and a presigned URL carries no checksum.
    this.signer = new SignatureV4({
      service,
      region: bucket.region,
      credentials: async () => credentials(),
      sha256: Sha256,
      uriEscapePath: false,
      applyChecksum: false,
    });
  }

  private url(path: string, query: Readonly<Record<string, string>> = {}): string {
    const { protocol, hostname, port } = this.address;
    const queryString = Object.keys(query)
      .sort()
      .map((key) => `${escapeUri(key)}=${escapeUri(query[key]!)}`)
      .join('&');
    return `${protocol}//${hostname}${port ? `:${port}` : ''}${path}${queryString ? `?${queryString}` : ''}`;
  }

  /**
   * A browser form upload, as `createPresignedPost` builds it: the policy (its conditions, then one per signed
   * field, then the key) in base64, signed with the day's signing key.
   */
  async presignUpload(input: {
    objectKey: string;
    contentType: DocumentContentType;
    size: number;
    expiresInSeconds: number;
  }): Promise<DocumentUpload> {
    const credentials = this.credentials();
    const now = this.clock.now();
    const { longDate, shortDate } = signingDates(now);
    const fields = {
      'Content-Type': input.contentType,
      bucket: this.bucket.name,
      'X-Amz-Algorithm': algorithm,
      'X-Amz-Credential': `${credentials.accessKeyId}/${createScope(shortDate, this.bucket.region, service)}`,
      'X-Amz-Date': longDate,
      ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
    };
    const policy = Buffer.from(
      JSON.stringify({
        expiration: signingDates(new Date(now.getTime() + input.expiresInSeconds * 1000)).iso8601,
        conditions: [
          ...uploadConditions(input.contentType, input.size),
          ...Object.entries(fields).map(([name, value]) => ({ [name]: value })),
          { key: input.objectKey },
        ],
      }),
      'utf8',
    ).toString('base64');
    const signingKey = await getSigningKey(Sha256, credentials, shortDate, this.bucket.region, service);
    return {
      url: this.url(this.address.bucketPath || '/'),
      fields: {
        ...fields,
        key: input.objectKey,
        Policy: policy,
        'X-Amz-Signature': createHmac('sha256', signingKey).update(policy, 'utf8').digest('hex'),
      },
    };
  }

  /**
   * An operator's download, as `getSignedUrl` presigns a GetObject with `ResponseContentDisposition: 'attachment'`:
   * the SDK's operation marker (`x-id`) and checksum mode are signed in the query too, the payload unsigned.
   */
  async presignDownload(objectKey: string, expiresInSeconds: number): Promise<string> {
    const { protocol, hostname, port, bucketPath } = this.address;
    const signed = await this.signer.presign(
      {
        method: 'GET',
        protocol,
        hostname,
        ...(port && { port: Number(port) }),
        path: `${bucketPath}/${objectKey.split('/').map(escapeUri).join('/')}`,
        query: { 'response-content-disposition': 'attachment', 'x-id': 'GetObject' },
        headers: {
          host: port ? `${hostname}:${port}` : hostname,
          'x-amz-checksum-mode': 'ENABLED',
          'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD',
        },
      },
      {
        expiresIn: expiresInSeconds,
        signingDate: this.clock.now(),
        unsignableHeaders: new Set(['content-type']),
      },
    );
    return this.url(signed.path, signed.query as Record<string, string>);
  }
}
