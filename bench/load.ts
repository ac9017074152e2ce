import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbAccountStore } from '../functions/adapters/dynamodb/accounts';
import type { AccountDependencies } from '../functions/domain/accounts/dependencies';
import { register } from '../functions/domain/accounts/registration';
import { consentTo, type StoredConsent } from '../functions/domain/consent/consent';
import type { E164Phone, PassportNumber, Pin } from '../functions/domain/identity';
import type { SealedOrigins } from '../functions/adapters/dynamodb/network-data';
import { sealedOrigins } from '../functions/wiring/network-data';
import type { Deployment } from './deployment';

/** A bulk-loaded applicant: the bench knows their identity, and their password where a scenario needs it. */
export interface PoolAccount {
  readonly accountId: string;
  readonly phone: E164Phone;
  readonly pin: Pin;
  readonly passportNumber: PassportNumber;
}

/** Bulk applicants are numbered: phones +996 700 000 000…, 2017 ID cards ID0000000…, PINs of men born 15.05.1990. */
export const bulkIdentity = (serial: number) => ({
  phone: `+99670${String(serial).padStart(7, '0')}` as E164Phone,
  passportNumber: `ID${String(serial).padStart(7, '0')}` as PassportNumber,
  pin: `215051990${String(serial).padStart(5, '0')}` as Pin,
});

type Item = Record<string, unknown>;

/** A document client that sends nothing: it keeps what the real adapters would have written. */
const capturingClient = () => {
  const sent: { name: string; input: Item }[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Item }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, sent };
};

interface TransactPut {
  readonly Put?: { readonly Item: Item };
}

const bulkOrigin = { ip: '192.0.2.10', userAgent: 'srs-portal-bench (bulk load)' };

/**
 * The items one registration writes through the account store's `register` (the real domain code and adapter):
 * three claims, the account and its first audit entry. The consent the account refers to is made once
 * (`consentTo`) and given a new id per applicant; the password hash is shared, computed once: 50,000 KDF runs
 * would take hours.
 */
const registrationItems = async (
  deps: AccountDependencies,
  tableName: string,
  serial: number,
  passwordHash: string,
  consent: StoredConsent,
  origins: SealedOrigins,
): Promise<{ items: Item[]; account: PoolAccount }> => {
  const identity = bulkIdentity(serial);
  const { client, sent } = capturingClient();
  const own = { ...consent, consentId: deps.ids.newId() };
  await register(
    { consentId: own.consentId, applicantType: 'individual', personalData: identity, origin: bulkOrigin },
    {
      ...deps,
      accounts: new DynamoDbAccountStore(client, tableName, origins),
      consents: { find: async () => own },
      passwords: { ...deps.passwords, hash: async () => passwordHash },
      sms: { send: async () => undefined },
      limits: { consume: async () => undefined },
      metrics: { count: () => undefined },
    },
  );
  // The registration's one transaction (its claim lookup before it reads nothing here).
  const transaction = sent.find((command) => 'TransactItems' in command.input);
  const puts = (transaction!.input.TransactItems as TransactPut[]).flatMap((t) =>
    t.Put ? [t.Put.Item] : [],
  );
  const accountId = String(puts.find((item) => item.type === 'account')?.accountId);
  return { items: puts, account: { accountId, ...identity } };
};

const batchSize = 25;

/**
 * What the bulk load keeps of each registration: the account and its three claims, the items every lookup of an
 * applicant reads (login, reset, reports, sessions). The consent and the first audit entry, each in a partition of
 * its own that no measured route reads for these applicants, are left out: they would double the load's time. A
 * load with a history (`registeredAt`, for the jobs) keeps the audit entry too: an event of its time in the event
 * index.
 */
const keptTypes = (history: boolean) => new Set(['account', 'claim', ...(history ? ['audit'] : [])]);

const writeBatch = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  items: Item[],
): Promise<void> => {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt >= 10) throw new Error('DynamoDB Local kept items unprocessed after 10 attempts');
    const { UnprocessedItems } = await client.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
    );
    pending = (UnprocessedItems?.[tableName] ?? []) as typeof pending;
    if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
  }
};

/**
 * Loads applicants `from`…`to - 1` into a deployment's table with BatchWriteItem (25 items a request, a few
 * requests in flight), registration by registration as the real code shapes them. Bounded by count, and by
 * `deadline` (epoch ms): past it, loading stops and the applicants loaded so far are returned. With `registeredAt`
 * they register at that time and keep their registration's audit entry.
 */
export const loadAccounts = async (
  deployment: Deployment,
  range: { from: number; to: number },
  passwordHash: string,
  deadline: number,
  concurrency = 4,
  registeredAt?: Date,
): Promise<PoolAccount[]> => {
  const accounts: PoolAccount[] = [];
  const deps = registeredAt
    ? { ...deployment.accounts, clock: { now: () => new Date(registeredAt) } }
    : deployment.accounts;
  const kept = keptTypes(registeredAt !== undefined);
  const consent = consentTo(
    {
      agreementVersion: deps.agreements.current(deps.clock.now()).version,
      language: 'ky',
      sourceIp: bulkOrigin.ip,
      userAgent: bulkOrigin.userAgent,
    },
    deps,
  );
  // The month key is made in the deployment's table, once: the captured audit entries are sealed under it (2.4).
  const origins = sealedOrigins(deployment.documentClient, deployment.tableName, deps.vault);
  let next = range.from;
  // Items per registration kept: one of each kept type, but three claims.
  const perBatch = Math.floor(batchSize / (kept.size + 2));
  const worker = async () => {
    while (next < range.to && Date.now() < deadline) {
      const serials = Array.from({ length: Math.min(perBatch, range.to - next) }, (_, i) => next + i);
      next += serials.length;
      const made = await Promise.all(
        serials.map((serial) =>
          registrationItems(deps, deployment.tableName, serial, passwordHash, consent, origins),
        ),
      );
      const items = made.flatMap((m) => m.items).filter((item) => kept.has(String(item.type)));
      await writeBatch(deployment.documentClient, deployment.tableName, items);
      accounts.push(...made.map((m) => m.account));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return accounts.sort((a, b) => a.phone.localeCompare(b.phone));
};
