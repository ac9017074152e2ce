import './env';
import { randomBytes, randomUUID } from 'node:crypto';
import { DynamoDbAccountStore } from '../functions/adapters/dynamodb/accounts';
import { CryptoVault } from '../functions/adapters/keys/crypto-vault';
import { scryptPasswordHasher } from '../functions/adapters/passwords';
import { createDocumentClient } from '../functions/adapters/dynamodb/client';
import { SealedOrigins } from '../functions/adapters/dynamodb/network-data';
import { DynamoDbOperatorStore } from '../functions/adapters/dynamodb/operators';
import { randomIds } from '../functions/adapters/random';
import { bishkekDay } from '../functions/domain/operators/bishkek-time';
import {
  operatorEventSource,
  parseOperatorEvent,
  type CommandName,
} from '../functions/domain/operators/commands';
import { executeCommand } from '../functions/domain/operators/execute-command';
import {
  defaultOperatorSettings,
  type OperatorDependencies,
} from '../functions/domain/operators/dependencies';
import { jobNames, jobs, type JobName, type JobReport } from '../functions/domain/operators/jobs';
import { networkDataSealer } from '../functions/wiring/network-data';
import { startDynamoDbLocal } from '../lib/local/dynamodb-local';
import { createDeployment, type Deployment } from './deployment';
import { RequestRecorder } from './dynamo';
import { loadAccounts, type PoolAccount } from './load';
import { consentBody, expectStatus } from './scenario-steps';
import { round } from './stats';

/**
 * The jobs phase (issue 20, point 4): every scheduled job run once over the same recent events, on a table of
 * `smallAccounts` and on one of `largeAccounts` registered a month before. What a run reads (consumed read
 * capacity, as DynamoDB Local reports it) should not grow with the accounts outside its window.
 */
export interface JobReads {
  readonly job: JobName;
  /** Read requests (GetItem, Query, Scan…) and read capacity units of one run, to its end. */
  readonly small: { readonly requests: number; readonly readUnits: number };
  readonly large: { readonly requests: number; readonly readUnits: number };
  /** Read units at the larger table over those at the smaller. */
  readonly ratio: number;
}

export interface JobsResult {
  readonly smallAccounts: number;
  readonly largeAccounts: number;
  readonly loadSeconds: number;
  readonly jobs: readonly JobReads[];
  readonly ratioMax: number;
}

const day = 24 * 60 * 60 * 1000;
const month = 30 * day;
/** Applicants of the recent events, the same serials in both tables: 10 log in, 5 fail, 5 verify, 5 are deleted. */
const recent = { logins: 10, failures: 5, verifications: 5, deletions: 5, registrations: 10 } as const;
const bulkSerials = recent.logins + recent.failures + recent.verifications + recent.deletions;
/** Fixed-width addresses: the recent events' items weigh the same in both tables. */
const address = (n: number) => `10.20.${100 + n}.10`;

const operatorEvent = (command: CommandName, detail: Record<string, unknown>, at: Date) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': command,
  source: operatorEventSource,
  account: '111122223333',
  time: at.toISOString(),
  region: 'eu-central-1',
  resources: [],
  detail: { operatorId: 'op.bench', reason: 'bench (issue 20)', ...detail },
});

/** The operators' side of a deployment, on a document client of its own whose reads the recorder counts. */
const operatorsOf = (deployment: Deployment, endpoint: string, clockOffsetMs: { value: number }) => {
  const recorder = new RequestRecorder();
  const client = createDocumentClient({ region: 'eu-central-1', endpoint });
  recorder.instrument(client);
  const networkData = networkDataSealer(client, deployment.tableName, deployment.accounts.vault);
  const origins = new SealedOrigins(networkData);
  const deps: OperatorDependencies = {
    ...deployment.accounts,
    accounts: new DynamoDbAccountStore(client, deployment.tableName, origins),
    clock: { now: () => new Date(Date.now() + clockOffsetMs.value) },
    ids: randomIds,
    operators: new DynamoDbOperatorStore(client, deployment.tableName, origins),
    networkData,
    alerts: { publish: async () => undefined },
    metrics: { count: () => undefined },
    settings: defaultOperatorSettings,
  };
  return { deps, recorder, close: () => client.destroy() };
};

/** The recent events: registrations with a login, logins, failed logins from one address, demands, deletions. */
const recentEvents = async (deployment: Deployment, pool: readonly PoolAccount[], bulkPassword: string) => {
  for (let i = 0; i < recent.registrations; i += 1) {
    const applicant = {
      phone: `+99655${String(9_000_000 + i)}`,
      passportNumber: `AC${String(9_000_000 + i)}`,
      pin: `101011985${String(90_000 + i)}`,
    };
    const { consentId } = await expectStatus(deployment, 'POST', '/v1/consents', 201, {
      body: consentBody(deployment),
      sourceIp: address(i),
    });
    await expectStatus(deployment, 'POST', '/v1/registrations', 201, {
      body: { consentId, applicantType: 'individual', ...applicant },
      sourceIp: address(i),
    });
    const password = deployment.phones.secretFor(applicant.phone);
    await expectStatus(deployment, 'POST', '/v1/sessions', 201, {
      body: { phone: applicant.phone, password },
      sourceIp: address(i),
    });
  }
  const [logins, failures] = [pool.slice(0, recent.logins), pool.slice(recent.logins, recent.logins + 5)];
  for (const [i, applicant] of logins.entries())
    await expectStatus(deployment, 'POST', '/v1/sessions', 201, {
      body: { phone: applicant.phone, password: bulkPassword },
      sourceIp: address(i),
    });
  for (const applicant of failures)
    await expectStatus(deployment, 'POST', '/v1/sessions', 401, {
      body: { phone: applicant.phone, password: 'not-the-password' },
      sourceIp: address(99),
    });
};

/** The operators' recent commands: verification demands whose deadline has just passed, and deletions. */
const recentCommands = async (deps: OperatorDependencies, pool: readonly PoolAccount[]) => {
  // The domain's command, as the commands function applies it, without its log line on the bench's output.
  const handle = (event: ReturnType<typeof operatorEvent>) =>
    executeCommand(deps, parseOperatorEvent(event, deps.clock.now()));
  const from = recent.logins + recent.failures;
  const now = deps.clock.now();
  const deadline = new Date(now.getTime() - 60_000).toISOString();
  for (const applicant of pool.slice(from, from + recent.verifications))
    await handle(operatorEvent('RequestVerification', { phone: applicant.phone, deadline }, now));
  for (const applicant of pool.slice(from + recent.verifications, bulkSerials))
    await handle(operatorEvent('DeleteAccount', { phone: applicant.phone }, now));
};

/** Runs a job to its end (as the continuation rule does) and returns what it read. */
const readsOfRun = async (
  operators: ReturnType<typeof operatorsOf>,
  job: JobName,
  input: { day?: string },
): Promise<JobReads['small']> => {
  const budget = { pageSize: defaultOperatorSettings.pageSize, maxPages: 1_000, timeIsUp: () => false };
  operators.recorder.start();
  let report: JobReport;
  do report = await jobs[job](operators.deps, budget, input);
  while (report.continueNow);
  const reads = operators.recorder.stop().filter((r) => /Get|Query|Scan/.test(r.operation));
  return {
    requests: reads.length,
    readUnits: round(
      reads.reduce((sum, r) => sum + r.readUnits, 0),
      1,
    ),
  };
};

/**
 * One table: `accounts` applicants registered a month ago (with their registration's audit entry), the recent
 * events, then each job once: the activity scan, the daily report (today's, asked by hand) and the verification
 * deadlines now, the purge when the deletions' retention is over.
 */
const measureTable = async (
  deployment: Deployment,
  options: { endpoint: string; accounts: number; bulkHash: string; bulkPassword: string; deadline: number },
) => {
  const registeredAt = new Date(Date.now() - month);
  const pool = await loadAccounts(
    deployment,
    { from: 0, to: options.accounts },
    options.bulkHash,
    options.deadline,
    4,
    registeredAt,
  );
  if (pool.length < bulkSerials)
    throw new Error(`the jobs phase loaded ${pool.length} of ${bulkSerials} accounts`);
  const offset = { value: 0 };
  const operators = operatorsOf(deployment, options.endpoint, offset);
  try {
    await recentEvents(deployment, pool, options.bulkPassword);
    await recentCommands(operators.deps, pool);
    const reads = {} as Record<JobName, JobReads['small']>;
    const today = bishkekDay(operators.deps.clock.now());
    for (const job of jobNames) {
      if (job === 'purge-deleted') offset.value = (defaultOperatorSettings.purgeAfterDays + 1) * day;
      reads[job] = await readsOfRun(operators, job, job === 'daily-report' ? { day: today } : {});
    }
    return { loaded: pool.length, reads };
  } finally {
    operators.close();
  }
};

/**
 * The jobs phase, on a DynamoDB Local of its own (in memory): two tables of `smallAccounts` and `largeAccounts`
 * applicants, the same recent events on each, each job run once; loading stops at `deadline` (epoch ms), and the
 * ratio is then for the accounts loaded by then.
 */
export const measureJobs = async (options: {
  smallAccounts: number;
  largeAccounts: number;
  deadline: number;
  progress: (line: string) => void;
}): Promise<JobsResult> => {
  const started = Date.now();
  const dynamo = await startDynamoDbLocal();
  const deployments: Deployment[] = [];
  try {
    const vault = new CryptoVault({ lookupKey: randomBytes(32), dataKey: randomBytes(32) });
    const passwords = scryptPasswordHasher({ ln: 10, r: 8, p: 1 });
    const idCard = { verify: async () => ({ ok: false, reason: 'untrusted_chain' }) as const };
    const bulkPassword = `bench-${randomBytes(6).toString('hex')}`;
    const bulkHash = await passwords.hash(bulkPassword);
    const measure = async (label: string, accounts: number) => {
      const deployment = await createDeployment({
        label,
        endpoint: dynamo.endpoint,
        vault,
        passwords,
        idCard,
      });
      deployments.push(deployment);
      options.progress(`jobs: ${accounts} accounts registered a month ago, recent events, each job once`);
      const loadStarted = Date.now();
      const measured = await measureTable(deployment, {
        endpoint: dynamo.endpoint,
        accounts,
        bulkHash,
        bulkPassword,
        deadline: options.deadline,
      });
      return { ...measured, seconds: round((Date.now() - loadStarted) / 1000, 0) };
    };
    const small = await measure('jobs-small', options.smallAccounts);
    const large = await measure('jobs-large', options.largeAccounts);
    const results = jobNames.map((job) => ({
      job,
      small: small.reads[job],
      large: large.reads[job],
      ratio: round(large.reads[job].readUnits / small.reads[job].readUnits, 3),
    }));
    options.progress(`jobs: done in ${round((Date.now() - started) / 1000, 0)} s`);
    return {
      smallAccounts: small.loaded,
      largeAccounts: large.loaded,
      loadSeconds: large.seconds,
      jobs: results,
      ratioMax: Math.max(...results.map((r) => r.ratio)),
    };
  } finally {
    deployments.forEach((d) => d.close());
    await dynamo.stop();
  }
};

/**
 * `node --import tsx bench/jobs.ts`: the jobs phase alone, with the bench's sizes; prints its result as JSON.
 * `--large <n>` measures against another size.
 */
if (require.main === module) {
  const largeArg = process.argv.indexOf('--large');
  measureJobs({
    smallAccounts: 1_000,
    largeAccounts: largeArg > 0 ? Number(process.argv[largeArg + 1]) : 50_000,
    deadline: Date.now() + 30 * 60 * 1000,
    progress: (line) => process.stderr.write(`[jobs ${new Date().toISOString()}] ${line}\n`),
  })
    .then((result) =>
      process.stdout.write(
        `${JSON.stringify({ jobsScaleRatioMax: result.ratioMax, jobs: result }, null, 2)}\n`,
      ),
    )
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}
