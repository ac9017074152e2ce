import * as z from 'zod/mini';
import { idempotencyTable, portalTable } from '../../contract/tables';
import { viewerIp } from '../../contract/viewer-ip';
import { documentsBucketName } from '../../contract/documents';

/**
 * The functions' configuration, read from the environment and validated once. Every value has a safe local
 * default; the CDK app sets the AWS ones (`PORTAL_RUNTIME=aws`, table names, topic ARN).
 */
const configSchema = z.object({
  PORTAL_RUNTIME: z._default(z.enum(['local', 'aws']), 'local'),
  [portalTable.envVar]: z._default(z.string().check(z.minLength(3)), portalTable.localName),
  [idempotencyTable.envVar]: z._default(z.string().check(z.minLength(3)), idempotencyTable.localName),
  PORTAL_DYNAMODB_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z._default(z.string(), 'eu-central-1'),
  PORTAL_DATA_DIR: z._default(z.string(), '.data'),
  PORTAL_ORIGIN: z._default(z.url(), 'http://localhost:3000'),
  /** AWS: the Secrets Manager secret the HMAC and encryption keys derive from. */
  PORTAL_KEYS_SECRET_ID: z.optional(z.string()),
  /** AWS: the alphanumeric sender id of SMS (registered where the destination requires it). */
  PORTAL_SMS_SENDER_ID: z._default(z.string(), 'SRSPortal'),
  /** AWS: the operators' SNS topic. */
  PORTAL_ALERTS_TOPIC_ARN: z.optional(z.string()),
  /** ID-card login (2.1): PEM file of the trusted CAs; `npm start` points it at the development CA when unset. */
  PORTAL_ID_CARD_CA: z.optional(z.string()),
  PORTAL_ID_CARD_CRL: z.optional(z.string()),
  PORTAL_ID_CARD_OCSP: z.optional(z.url()),
  /** 2.3: the bucket of verification documents, and under `npm start` the local S3-compatible server. */
  PORTAL_DOCUMENTS_BUCKET: z._default(z.string().check(z.minLength(3)), documentsBucketName),
  PORTAL_S3_ENDPOINT: z.optional(z.url()),
  /** Origins whose pages may call the API from a browser (comma-separated); none by default. */
  PORTAL_ALLOWED_ORIGINS: z._default(z.string(), ''),
  /**
   * AWS behind CloudFront: the header that carries the applicant's IP (lib/viewer-ip.ts: CloudFront sets it, the
   * WAF refuses it from anyone else). Unset, as under `npm start`, the header is ignored.
   */
  [viewerIp.envVar]: z.optional(z.string().check(z.regex(/^[a-z0-9-]+$/, 'a lower-case header name'))),
});

export interface PortalConfig {
  readonly runtime: 'local' | 'aws';
  readonly tableName: string;
  readonly idempotencyTableName: string;
  readonly dynamoDbEndpoint?: string;
  readonly region: string;
  readonly dataDir: string;
  readonly origin: string;
  readonly keysSecretId?: string;
  readonly smsSenderId: string;
  readonly alertsTopicArn?: string;
  readonly documentsBucket: string;
  readonly s3Endpoint?: string;
  readonly allowedOrigins: readonly string[];
  /** The header whose value is the applicant's IP, where a trusted proxy sets it; otherwise the source IP counts. */
  readonly trustedViewerIpHeader?: string;
  readonly idCard: { readonly caPath?: string; readonly crlPath?: string; readonly ocspUrl?: string };
}

export const readConfig = (env: NodeJS.ProcessEnv = process.env): PortalConfig => {
  const parsed = configSchema.parse(env);
  return {
    runtime: parsed.PORTAL_RUNTIME,
    tableName: parsed[portalTable.envVar],
    idempotencyTableName: parsed[idempotencyTable.envVar],
    dynamoDbEndpoint: parsed.PORTAL_DYNAMODB_ENDPOINT,
    region: parsed.AWS_REGION,
    dataDir: parsed.PORTAL_DATA_DIR,
    origin: parsed.PORTAL_ORIGIN,
    keysSecretId: parsed.PORTAL_KEYS_SECRET_ID,
    smsSenderId: parsed.PORTAL_SMS_SENDER_ID,
    alertsTopicArn: parsed.PORTAL_ALERTS_TOPIC_ARN,
    documentsBucket: parsed.PORTAL_DOCUMENTS_BUCKET,
    s3Endpoint: parsed.PORTAL_S3_ENDPOINT,
    allowedOrigins: parsed.PORTAL_ALLOWED_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    trustedViewerIpHeader: parsed[viewerIp.envVar],
    idCard: {
      caPath: parsed.PORTAL_ID_CARD_CA,
      crlPath: parsed.PORTAL_ID_CARD_CRL,
      ocspUrl: parsed.PORTAL_ID_CARD_OCSP,
    },
  };
};

let cached: PortalConfig | undefined;

/** The process's configuration, read on first use. */
export const config = (): PortalConfig => (cached ??= readConfig());
