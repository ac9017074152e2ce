import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Node } from 'constructs';
import { z } from 'zod';
import { tables } from '../contract/tables';

/** Deployment stages: `dev` (default) and `prod` (`-c stage=prod`), with prod-only protections. */
export type StageName = 'dev' | 'prod';

/** Per-IP and per-method limits: everything, and the guarded routes (SMS, passwords, codes, cards: `isGuardedRoute`). */
export interface EdgeLimits {
  /** Requests per 5 minutes per source IP (AWS WAF). Kyrgyz carriers share IPs (CGNAT): keep these generous. */
  readonly requestsPerIp: number;
  readonly guardedRequestsPerIp: number;
  /** API Gateway stage throttling, requests per second over all clients: the whole stage, and each guarded method. */
  readonly stageRate: number;
  readonly stageBurst: number;
  readonly guardedMethodRate: number;
  readonly guardedMethodBurst: number;
}

export interface StageSettings {
  readonly name: StageName;
  /** Tables, keys, the keys secret and logs survive stack deletion, and the tables refuse deletion. */
  readonly protectData: boolean;
  /** Days of every log group (a RetentionDays value: CloudWatch accepts only those). */
  readonly logRetentionDays: RetentionDays;
  /**
   * Concurrency reserved (and so capped) per function: a flood on one route can neither starve the others nor
   * drain the account's pool. Unset: functions share the account's unreserved pool.
   */
  readonly reservedConcurrency?: { readonly passwordHashing: number; readonly other: number };
  readonly limits: EdgeLimits;
}

export const stageSettings = (name: string): StageSettings => {
  if (name === 'prod') {
    return {
      name,
      protectData: true,
      logRetentionDays: RetentionDays.THIRTEEN_MONTHS,
      reservedConcurrency: { passwordHashing: 100, other: 50 },
      limits: {
        requestsPerIp: 3_000,
        guardedRequestsPerIp: 300,
        stageRate: 300,
        stageBurst: 600,
        guardedMethodRate: 30,
        guardedMethodBurst: 60,
      },
    };
  }
  if (name === 'dev') {
    return {
      name,
      protectData: false,
      logRetentionDays: RetentionDays.ONE_MONTH,
      limits: {
        requestsPerIp: 1_000,
        guardedRequestsPerIp: 100,
        stageRate: 50,
        stageBurst: 100,
        guardedMethodRate: 5,
        guardedMethodBurst: 10,
      },
    };
  }
  throw new Error(`Unknown stage "${name}": use -c stage=dev or -c stage=prod`);
};

/** Frankfurt: the nearest region with every service the portal uses; override with `-c region=…`. */
export const defaultRegion = 'eu-central-1';

/** SNS sender ids: 1–11 letters and digits, at least one letter (as functions/adapters/sms/sns-sms-sender.ts checks). */
export const smsSenderIdFormat = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/;

const origin = z
  .url({ protocol: /^https$/ })
  .refine((value) => new URL(value).origin === value, 'an origin: https://host[:port], no path');

/** `-c allowedOrigins=https://a.kg,https://b.kg` (a string) or a JSON list in cdk.json. */
const originList = z
  .union([z.array(z.string()), z.string()])
  .transform((value) =>
    (Array.isArray(value) ? value : value.split(','))
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  )
  .pipe(z.array(origin));

/** DynamoDB's table names: 3–255 letters, digits, `_`, `-` and `.`. */
const tableName = z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name');

/**
 * `-c restoredTables=Portal=srs-portal-prod-portal-0412` (comma-separated `<table id>=<name>`, ids of
 * contract/tables.ts) or a JSON object in cdk.json: existing tables (a point-in-time restore) the stage uses
 * instead of creating its own (docs/runbook-restore.md).
 */
const restoredTableList = z
  .union([z.record(z.string(), z.string()), z.string()])
  .transform((value) =>
    typeof value === 'string'
      ? Object.fromEntries(
          value
            .split(',')
            .filter((item) => item.trim() !== '')
            .map((item) => item.split('=').map((part) => part.trim())),
        )
      : value,
  )
  .pipe(z.partialRecord(z.enum(tables.map((table) => table.id) as [string, ...string[]]), tableName));

const contextShape = {
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/)
    .default(defaultRegion),
  /** A custom domain for the API (TLS 1.2+), with an ACM certificate of the same region. */
  domainName: z
    .string()
    .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/)
    .optional(),
  certificateArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/)
    .optional(),
  /** Browser origins allowed by CORS; none by default (no CORS headers, no preflight routes). */
  allowedOrigins: originList.default([]),
  /** The origin ID-card challenges are signed for (`PORTAL_ORIGIN`); defaults to the first allowed origin. */
  portalOrigin: origin.optional(),
  smsMonthlySpendLimitUsd: z.coerce.number().int().min(1).max(100_000).default(100),
  smsSenderId: z
    .string()
    .regex(smsSenderIdFormat, '1-11 letters and digits, at least one letter')
    .default('SRSPortal'),
  /** A PEM file with the CAs of the ID cards (2.1), bundled with the functions that verify cards. */
  idCardCaFile: z
    .string()
    .min(1)
    .transform((path) => resolve(path))
    .refine((path) => existsSync(path), 'no such file')
    .optional(),
  idCardOcspUrl: z.url().optional(),
  restoredTables: restoredTableList.default({}),
};

const contextSchema = z
  .object(contextShape)
  .refine((value) => (value.domainName === undefined) === (value.certificateArn === undefined), {
    message: 'domainName and certificateArn go together',
  });

/** What a deployment is configured with besides its stage: context values (`-c key=value` or cdk.json). */
export interface DeploymentOptions {
  readonly region: string;
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  readonly allowedOrigins: readonly string[];
  readonly portalOrigin?: string;
  readonly sms: { readonly monthlySpendLimitUsd: number; readonly senderId: string };
  readonly idCard: { readonly caFile?: string; readonly ocspUrl?: string };
  /** Existing tables by table id (contract/tables.ts) that replace the data stack's own: a restore. */
  readonly restoredTables: Readonly<Partial<Record<string, string>>>;
}

/** Reads and validates the context once; a bad value stops synthesis with the key and the rule it breaks. */
export const deploymentOptions = (node: Node): DeploymentOptions => {
  const raw = Object.fromEntries(
    Object.keys(contextShape)
      .map((key) => [key, node.tryGetContext(key) as unknown])
      .filter(([, value]) => value !== undefined),
  );
  const parsed = contextSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Invalid CDK context: ${z.prettifyError(parsed.error)}`);
  }
  const context = parsed.data;
  return {
    region: context.region,
    customDomain:
      context.domainName && context.certificateArn
        ? { domainName: context.domainName, certificateArn: context.certificateArn }
        : undefined,
    allowedOrigins: context.allowedOrigins,
    portalOrigin: context.portalOrigin ?? context.allowedOrigins[0],
    sms: { monthlySpendLimitUsd: context.smsMonthlySpendLimitUsd, senderId: context.smsSenderId },
    idCard: { caFile: context.idCardCaFile, ocspUrl: context.idCardOcspUrl },
    restoredTables: context.restoredTables,
  };
};
