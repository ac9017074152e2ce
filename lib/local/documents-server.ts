import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import S3rver from 's3rver';
import { documentsBucketName, localStorageCredentials } from '../../contract/documents';

/**
 * The EICAR anti-virus test file's signature: a file that holds it stands for malware, as real scanners treat
 * it, so that tests and people can see a document rejected (2.3) without handling real malware.
 */
export const eicarSignature = String.raw`X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*`;

/** The "GuardDuty Malware Protection Object Scan Result" event that GuardDuty sends for a scanned object. */
export const scanResultEvent = (objectKey: string, clean: boolean, at = new Date()) => ({
  version: '0',
  id: `local-scan-${at.getTime()}`,
  'detail-type': 'GuardDuty Malware Protection Object Scan Result',
  source: 'aws.guardduty',
  account: '000000000000',
  time: at.toISOString(),
  region: 'local',
  resources: [],
  detail: {
    schemaVersion: '1.0',
    scanStatus: 'COMPLETED',
    resourceType: 'S3_OBJECT',
    s3ObjectDetails: { bucketName: documentsBucketName, objectKey, s3Throttled: false },
    scanResultDetails: { scanResultStatus: clean ? 'NO_THREATS_FOUND' : 'THREATS_FOUND', threats: null },
  },
});

/** Browser uploads from any loopback page: the local server listens on loopback only. */
const corsConfiguration = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
  </CORSRule>
</CORSConfiguration>`;

/** Where the running server is recorded: tools on the same data directory sign their links for it. */
const recordFile = (dataDir: string) => join(dataDir, 'documents-server.json');

/** How long a recorded server may take to answer: a busy one takes seconds, a gone one is refused at once. */
const answerPatienceMs = 10_000;

/**
 * The endpoint of the documents server that `npm start` runs on `dataDir`, if it answers: the admin CLI's download
 * links (`list-documents`) point at it. Undefined when no portal runs there.
 */
export const findRunningDocumentsServer = async (dataDir: string): Promise<string | undefined> => {
  let endpoint: unknown;
  try {
    ({ endpoint } = JSON.parse(readFileSync(recordFile(dataDir), 'utf8')) as { endpoint?: unknown });
  } catch {
    return undefined;
  }
  if (typeof endpoint !== 'string') return undefined;
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(answerPatienceMs) });
    return endpoint;
  } catch {
    return undefined;
  }
};

export interface LocalDocumentsServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * The verification documents' S3 under `npm start` (2.3): s3rver on loopback, its files under the data directory.
 * Each uploaded object is "scanned" (clean unless it holds the EICAR signature) and the result goes to
 * `onScanResult` as GuardDuty's event, which calls the same handler as in AWS. s3rver does not check a presigned
 * POST's policy: the API itself refuses wrong types and sizes before it signs one.
 */
export const startDocumentsServer = async (options: {
  dataDir: string;
  host: string;
  onScanResult: (event: ReturnType<typeof scanResultEvent>) => Promise<unknown>;
  onScanFailed: (error: unknown) => void;
}): Promise<LocalDocumentsServer> => {
  const directory = join(options.dataDir, 'documents');
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: options.host,
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: documentsBucketName, configs: [corsConfiguration] }],
  });
  const { port } = await server.run();
  const endpoint = `http://${options.host}:${port}`;
  // Written whole (renamed into place): a reader never sees half of it.
  const draft = `${recordFile(options.dataDir)}.${process.pid}`;
  writeFileSync(draft, JSON.stringify({ pid: process.pid, endpoint }));
  renameSync(draft, recordFile(options.dataDir));
  const client = new S3Client({
    region: 'local',
    endpoint,
    forcePathStyle: true,
    credentials: localStorageCredentials,
  });
  const scanned = new Set<Promise<void>>();
  const scan = async (objectKey: string) => {
    const object = await client.send(new GetObjectCommand({ Bucket: documentsBucketName, Key: objectKey }));
    const content = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
    await options.onScanResult(scanResultEvent(objectKey, !content.includes(eicarSignature)));
  };
  server.on('event', (event) => {
    for (const record of event.Records) {
      if (!record.eventName.startsWith('ObjectCreated:')) continue;
      const done = scan(record.s3.object.key)
        .catch(options.onScanFailed)
        .finally(() => scanned.delete(done));
      scanned.add(done);
    }
  });
  return {
    endpoint,
    stop: async () => {
      rmSync(recordFile(options.dataDir), { force: true });
      await server.close();
      await Promise.all(scanned);
      client.destroy();
    },
  };
};
