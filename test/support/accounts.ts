import { assertNoPersonalData } from '../../functions/adapters/alerts/alert-record';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { randomBytes } from 'node:crypto';
import { DynamoDbAccountStore } from '../../functions/adapters/dynamodb/accounts';
import { DynamoDbConsentRepository } from '../../functions/adapters/dynamodb/consents';
import { DynamoDbLoginFailureCounter } from '../../functions/adapters/dynamodb/login-failures';
import { CryptoVault } from '../../functions/adapters/keys/crypto-vault';
import { scryptPasswordHasher } from '../../functions/adapters/passwords';
import { randomIds } from '../../functions/adapters/random';
import { countCalls, type CallTally } from '../../functions/adapters/service-calls';
import { DynamoDbRateLimiter } from '../../functions/adapters/rate-limit/dynamodb-rate-limiter';
import type { PortalDependencies } from '../../functions/wiring/dependencies';
import { log } from '../../functions/commons/log';
import { idempotentRunner } from '../../functions/commons/http/idempotency';
import type { AccountDependencies } from '../../functions/domain/accounts/dependencies';
import type { IdCardDependencies, IdCardVerifierPort } from '../../functions/domain/accounts/id-card-login';
import { DynamoDbChallengeStore } from '../../functions/adapters/dynamodb/challenges';
import { publishedAgreements } from '../../functions/domain/agreement/catalog';
import { sealedOrigins } from '../../functions/wiring/network-data';
import type { OperatorAlert, OperatorAlerts, SmsMessage, SmsSender } from '../../functions/domain/ports';
import type { TestTables } from './dynamo';
import { DynamoDbDocumentStore } from '../../functions/adapters/dynamodb/documents';
import { S3DocumentPresigner } from '../../functions/adapters/s3/presigner';
import type { DocumentDependencies } from '../../functions/domain/verification/documents';
import { documentsBucketName } from '../../contract/documents';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private current = new Date()) {}
  now = () => new Date(this.current);
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

/** A phone that receives SMS: the test reads it as an applicant reads theirs. */
export class TestPhoneNetwork implements SmsSender {
  readonly sent: SmsMessage[] = [];
  failing = false;
  async send(message: SmsMessage): Promise<void> {
    if (this.failing) throw new Error('SMS provider unavailable');
    this.sent.push(message);
  }
  /** The latest password or code sent to `phone` (notices aside). */
  lastTo(phone: string): (SmsMessage & { secret: string }) | undefined {
    return this.sent
      .filter((m): m is SmsMessage & { secret: string } => m.phone === phone && !!m.secret)
      .at(-1);
  }
  /** The notices sent to `phone`, oldest first (2.7: password or phone changed). */
  noticesTo(phone: string): SmsMessage[] {
    return this.sent.filter((m) => m.phone === phone && m.purpose === 'notice');
  }
}

/** Operators' alerts as the real adapters take them: refused when they look like personal data (2.4). */
export class RecordedAlerts implements OperatorAlerts {
  readonly published: OperatorAlert[] = [];
  async publish(alert: OperatorAlert): Promise<void> {
    assertNoPersonalData(alert);
    this.published.push(alert);
  }
}

export class CountingMetrics {
  readonly counts = new Map<string, number>();
  /** Each request's store calls, in the order they were written. */
  readonly storeCallsOf: { route: string; calls: number }[] = [];
  count(name: string, value = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + value);
  }
  storeCalls(route: string, store: CallTally): void {
    this.storeCallsOf.push({ route, calls: store.calls });
  }
  /** Counts stay readable by the test; there is nowhere to write them. */
  flush(): void {}
}

export type TestDependencies = PortalDependencies &
  Pick<IdCardDependencies, 'challenges' | 'idCard'> & {
    accounts: AccountDependencies;
    phones: TestPhoneNetwork;
    clock: TestClock;
    metrics: CountingMetrics;
    alerts: RecordedAlerts;
    /** 2.3: documents on DynamoDB Local; uploads presigned for a bucket no test calls. */
    documents: DocumentDependencies;
  };

/** Trusts no card: tests of ID-card login pass a verifier with their own test CA. */
const noTrustedCards: IdCardVerifierPort = { verify: async () => ({ ok: false, reason: 'untrusted_chain' }) };

/** Real store, vault, limits and idempotency on DynamoDB Local; a cheap scrypt (ln=10) so tests stay fast. */
export const accountTestDependencies = (
  tables: TestTables,
  overrides: Partial<AccountDependencies> = {},
  idCard: IdCardVerifierPort = noTrustedCards,
): TestDependencies => {
  const phones = new TestPhoneNetwork();
  const clock = new TestClock();
  const metrics = new CountingMetrics();
  const vault = new CryptoVault({ lookupKey: randomBytes(32), dataKey: randomBytes(32) });
  const origins = sealedOrigins(tables.client, tables.tableName, vault);
  const accounts: AccountDependencies = {
    accounts: new DynamoDbAccountStore(tables.client, tables.tableName, origins),
    consents: new DynamoDbConsentRepository(tables.client, tables.tableName, origins),
    agreements: publishedAgreements,
    vault,
    passwords: scryptPasswordHasher({ ln: 10, r: 8, p: 1 }),
    sms: phones,
    limits: new DynamoDbRateLimiter(tables.client, tables.tableName),
    loginFailures: new DynamoDbLoginFailureCounter(tables.client, tables.tableName),
    metrics,
    clock,
    ids: randomIds,
    log,
    ...overrides,
  };
  const idempotency = idempotentRunner(
    new DynamoDBPersistenceLayer({
      tableName: tables.idempotencyTableName,
      awsSdkV3Client: countCalls('dynamodb', new DynamoDBClient({ endpoint: tables.endpoint })),
    }),
    accounts.vault,
  );
  return {
    accounts,
    idempotency,
    phones,
    clock,
    metrics,
    alerts: new RecordedAlerts(),
    challenges: new DynamoDbChallengeStore(tables.client, tables.tableName),
    idCard,
    documents: {
      documents: new DynamoDbDocumentStore(tables.client, tables.tableName),
      presigner: new S3DocumentPresigner(
        { name: documentsBucketName, region: 'eu-central-1' },
        () => ({ accessKeyId: 'test', secretAccessKey: 'test' }),
        clock,
      ),
      clock,
      ids: randomIds,
    },
  };
};
