import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { createHandler as accessReportsHandler } from '../functions/access-reports/handler';
import { DynamoDbAccountStore } from '../functions/adapters/dynamodb/accounts';
import { sealedOrigins } from '../functions/wiring/network-data';
import { DynamoDbChallengeStore } from '../functions/adapters/dynamodb/challenges';
import { createDocumentClient } from '../functions/adapters/dynamodb/client';
import { DynamoDbConsentRepository } from '../functions/adapters/dynamodb/consents';
import { PowertoolsPortalMetrics } from '../functions/adapters/metrics/portal-metrics';
import { randomIds } from '../functions/adapters/random';
import { DynamoDbRateLimiter } from '../functions/adapters/rate-limit/dynamodb-rate-limiter';
import { DynamoDbLoginFailureCounter } from '../functions/adapters/dynamodb/login-failures';
import { createHandler as cabinetHandler } from '../functions/cabinet/handler';
import { createHandler as documentsHandler } from '../functions/verification-documents/handler';
import { DynamoDbDocumentStore } from '../functions/adapters/dynamodb/documents';
import { S3DocumentPresigner } from '../functions/adapters/s3/presigner';
import { log } from '../functions/commons/log';
import { idempotentRunner } from '../functions/commons/http/idempotency';
import type { PortalHandler } from '../functions/commons/http/handler';
import { createHandler as consentsHandler } from '../functions/consents/handler';
import type { AccountDependencies, PasswordHasher } from '../functions/domain/accounts/dependencies';
import type { IdCardVerifierPort } from '../functions/domain/accounts/id-card-login';
import { publishedAgreements } from '../functions/domain/agreement/catalog';
import { limits } from '../functions/domain/limits';
import {
  systemClock,
  type OperatorAlert,
  type OperatorAlerts,
  type PersonalDataVault,
  type RateLimit,
  type RateLimiter,
} from '../functions/domain/ports';
import { handler as publicHandler } from '../functions/public/handler';
import { createHandler as registrationsHandler } from '../functions/registrations/handler';
import { createHandler as sessionsHandler } from '../functions/sessions/handler';
import { createHandler as idCardHandler } from '../functions/id-card/handler';
import { ensureTables } from '../lib/local/tables';
import { findRoute, routeGroups, type RouteGroup } from '../contract/routes';
import { idempotencyTable, portalTable } from '../contract/tables';
import { RequestRecorder, type DynamoRequest } from './dynamo';
import { BenchPhones } from './phones';
import { apiEvent, lambdaContext, type CallOptions } from './events';

export { BenchPhones } from './phones';

const region = 'eu-central-1';

/**
 * Counts what the SMS fuse (limits.smsOverall, per fixed window of the whole table) has counted, so that the bench
 * can wait for the next window outside its timed calls rather than meet 429s: the limit itself is untouched.
 */
export class FuseWatch implements RateLimiter {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly inner: RateLimiter,
    private readonly fuse: RateLimit,
  ) {}

  private windowOf(now: number): number {
    const seconds = Math.floor(now / 1000);
    return seconds - (seconds % this.fuse.windowSeconds);
  }

  async consume(limit: RateLimit, key: string, now: Date): Promise<void> {
    if (limit.name === this.fuse.name) {
      const window = String(this.windowOf(now.getTime()));
      this.counts.set(window, (this.counts.get(window) ?? 0) + 1);
    }
    return this.inner.consume(limit, key, now);
  }

  /** Uses of the fuse left in the current window. */
  room(now = Date.now()): number {
    return this.fuse.max - (this.counts.get(String(this.windowOf(now))) ?? 0);
  }

  /** When the next window begins (epoch ms). */
  nextWindow(now = Date.now()): number {
    return (this.windowOf(now) + this.fuse.windowSeconds) * 1000 + 50;
  }

  /**
   * Resolves true once `needed` more uses fit in the current window, waiting for the next window if they do not;
   * false when that would mean waiting past `deadline`.
   */
  async roomFor(needed: number, deadline: number): Promise<boolean> {
    const now = Date.now();
    if (needed === 0 || needed <= this.room(now)) return true;
    const next = this.nextWindow(now);
    if (next > deadline) return false;
    this.waitedMs += next - now;
    await new Promise((resolve) => setTimeout(resolve, next - now));
    return true;
  }

  /** How long the bench waited for the fuse's next window, in total. */
  waitedMs = 0;
}

class RecordedAlerts implements OperatorAlerts {
  count = 0;
  async publish(_alert: OperatorAlert): Promise<void> {
    this.count += 1;
  }
}

export interface CallResult {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly ms: number;
  readonly requests: readonly DynamoRequest[];
  readonly logBytes: number;
  readonly smsSent: number;
}

/** One deployment of the portal on its own tables in DynamoDB Local: the real adapters, bound once. */
export interface Deployment {
  readonly label: string;
  readonly tableName: string;
  /** Where raw replays of writes go (bench/dynamo.ts): table name → scratch table name. */
  readonly scratchTables: ReadonlyMap<string, string>;
  readonly accounts: AccountDependencies;
  readonly phones: BenchPhones;
  readonly fuse: FuseWatch;
  /** A bare low-level client for raw replays and bulk loading, not instrumented. */
  readonly rawClient: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  close(): void;
}

/** Swallows what the handlers log (INFO, as in production) and counts its bytes for the cost model. */
const countingStdout = async <T>(work: () => Promise<T>): Promise<{ result: T; bytes: number }> => {
  const original = process.stdout.write.bind(process.stdout);
  let bytes = 0;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write;
  try {
    return { result: await work(), bytes };
  } finally {
    process.stdout.write = original;
  }
};

/**
 * Creates the tables of one deployment (portal, idempotency and their scratch twins, named uniquely) and binds
 * the route groups to the same adapters functions/wiring/dependencies.ts binds under `npm start` (document
 * client with its timeouts, store, consents, vault, rate limits, Powertools idempotency); SMS go to the bench's
 * phones and operator alerts to a counter instead of SNS.
 */
export const createDeployment = async (options: {
  label: string;
  endpoint: string;
  vault: PersonalDataVault;
  passwords: PasswordHasher;
  idCard: IdCardVerifierPort;
}): Promise<Deployment> => {
  const suffix = `${options.label}-${randomUUID().slice(0, 8)}`;
  const tableName = `bench-portal-${suffix}`;
  const idempotencyTableName = `bench-idempotency-${suffix}`;
  const scratchTables = new Map([
    [tableName, `${tableName}-scratch`],
    [idempotencyTableName, `${idempotencyTableName}-scratch`],
  ]);
  const rawClient = new DynamoDBClient({ region, endpoint: options.endpoint, maxAttempts: 3 });
  await ensureTables(rawClient, [
    { definition: portalTable, tableName },
    { definition: idempotencyTable, tableName: idempotencyTableName },
    { definition: portalTable, tableName: scratchTables.get(tableName)! },
    { definition: idempotencyTable, tableName: scratchTables.get(idempotencyTableName)! },
  ]);

  const recorder = new RequestRecorder();
  const client = createDocumentClient({ region, endpoint: options.endpoint });
  recorder.instrument(client);
  const idempotencyClient = new DynamoDBClient({ region, endpoint: options.endpoint, maxAttempts: 3 });
  recorder.instrument(idempotencyClient);

  const phones = new BenchPhones();
  // As in AWS: business metrics as EMF lines in the log, flushed after every invocation (counted as log bytes).
  const metrics = new PowertoolsPortalMetrics({ serviceName: `srs-portal-bench-${options.label}` });
  const fuse = new FuseWatch(new DynamoDbRateLimiter(client, tableName), limits.smsOverall);
  const origins = sealedOrigins(client, tableName, options.vault);
  const accounts: AccountDependencies = {
    accounts: new DynamoDbAccountStore(client, tableName, origins),
    consents: new DynamoDbConsentRepository(client, tableName, origins),
    agreements: publishedAgreements,
    vault: options.vault,
    passwords: options.passwords,
    sms: phones,
    limits: fuse,
    loginFailures: new DynamoDbLoginFailureCounter(client, tableName),
    metrics,
    clock: systemClock,
    ids: randomIds,
    log,
  };
  const idempotency = idempotentRunner(
    new DynamoDBPersistenceLayer({ tableName: idempotencyTableName, awsSdkV3Client: idempotencyClient }),
    accounts.vault,
  );
  const handlers: Record<RouteGroup, PortalHandler> = {
    public: publicHandler,
    consents: consentsHandler({
      agreements: accounts.agreements,
      consents: accounts.consents as DynamoDbConsentRepository,
      clock: accounts.clock,
      ids: accounts.ids,
    }),
    registrations: registrationsHandler({ accounts, idempotency, metrics }),
    sessions: sessionsHandler({ sessions: accounts, metrics }),
    'id-card': idCardHandler({
      idCard: {
        ...accounts,
        challenges: new DynamoDbChallengeStore(client, tableName),
        idCard: options.idCard,
      },
      metrics,
    }),
    cabinet: cabinetHandler({ accounts, idempotency, metrics }, new DynamoDbDocumentStore(client, tableName)),
    'access-reports': accessReportsHandler({
      reports: { ...accounts, alerts: new RecordedAlerts() },
      idempotency,
      metrics,
    }),
    // Presigning signs locally: no bucket is called, so any credentials do.
    'verification-documents': documentsHandler(
      { accounts, idempotency, metrics },
      {
        documents: new DynamoDbDocumentStore(client, tableName),
        presigner: new S3DocumentPresigner(
          { name: 'bench-documents', region: 'eu-central-1' },
          () => ({ accessKeyId: 'bench', secretAccessKey: 'bench' }),
          accounts.clock,
        ),
        clock: accounts.clock,
        ids: accounts.ids,
      },
    ),
  };
  const missing = routeGroups.filter((group) => !(group in handlers));
  if (missing.length > 0) throw new Error(`the bench does not wire the route groups ${missing.join(', ')}`);

  const call = async (method: string, path: string, callOptions: CallOptions = {}): Promise<CallResult> => {
    const route = findRoute(method, path)!;
    const event = apiEvent(method, path, callOptions);
    const context = lambdaContext(`bench-${route.group}`);
    const handler = handlers[route.group];
    const smsBefore = phones.sent;
    recorder.start();
    let ms = 0;
    let requests: DynamoRequest[] = [];
    const { result: response, bytes } = await countingStdout(async () => {
      const started = performance.now();
      try {
        return await handler(event, context);
      } finally {
        ms = performance.now() - started;
        requests = recorder.stop();
      }
    });
    return {
      status: response.statusCode,
      body: response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {},
      ms,
      requests,
      logBytes: bytes,
      smsSent: phones.sent - smsBefore,
    };
  };

  return {
    label: options.label,
    tableName,
    scratchTables,
    accounts,
    phones,
    fuse,
    rawClient,
    documentClient: client,
    call,
    close: () => {
      client.destroy();
      idempotencyClient.destroy();
      rawClient.destroy();
    },
  };
};
