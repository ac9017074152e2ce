/**
 * `npm run load`: many simulated applicants against `npm start` for a bounded time (LOAD_SECONDS, default 60;
 * LOAD_APPLICANTS concurrent, default 20), loopback only. Each applicant uses its own loopback source address, as
 * applicants behind different networks would. Afterwards it checks the stored data and the server's logs, and
 * prints where the server's time went (load-probe.ts, preloaded into the server).
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentClient } from '../functions/adapters/dynamodb/client';
import { freePort } from '../lib/local/dynamodb-local';
import { findRunningStore } from '../lib/local/store';
import { accountInvariantViolations } from '../test/support/invariants';
import { loadBreakdown } from './load-breakdown';
import type { ProbeReport } from './load-probe';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// DynamoDB Local accepts any credentials; the scan of the local store needs some.
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

const seconds = Number(process.env.LOAD_SECONDS ?? 60);
const concurrency = Number(process.env.LOAD_APPLICANTS ?? 20);
const maxRequests = Number(process.env.LOAD_MAX_REQUESTS ?? 200_000);

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const latencies: number[] = [];
const statuses = new Map<number, number>();
const secrets = new Set<string>();
let requests = 0;

const call = (
  port: number,
  localAddress: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    requests += 1;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = performance.now();
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        localAddress,
        method,
        path,
        headers: {
          ...(payload && {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          }),
          ...(token && { authorization: `Bearer ${token}` }),
          'user-agent': 'load-test',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          latencies.push(performance.now() - started);
          const status = res.statusCode ?? 0;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          const text = Buffer.concat(chunks).toString();
          resolve({ status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });

const outbox = (dataDir: string) => {
  const file = join(dataDir, 'sms-outbox.jsonl');
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { phone: string; purpose: string; secret: string })
    : [];
};

const waitFor = async (predicate: () => boolean, timeoutMs: number) => {
  const started = Date.now();
  while (!predicate() && Date.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 50));
};

let serial = 0;
const applicantIdentity = (worker: number) => {
  serial += 1;
  const n = String(worker * 10_000 + serial).padStart(7, '0');
  return { phone: `+996555${n.slice(-6)}`, passportNumber: `AN${n}`, pin: `115051990${n.slice(-5)}` };
};

/** One applicant's life, repeated until time runs out: register, log in, read the cabinet, sometimes report. */
const applicantLoop = async (
  port: number,
  dataDir: string,
  worker: number,
  deadline: number,
  revoked: string[],
) => {
  const address = `127.0.${1 + Math.floor(worker / 250)}.${1 + (worker % 250)}`;
  while (Date.now() < deadline && requests < maxRequests) {
    const identity = applicantIdentity(worker);
    Object.values(identity).forEach((v) => secrets.add(v));
    const consent = await call(port, address, 'POST', '/v1/consents', {
      agreementVersion: '1',
      accepted: true,
      language: 'ky',
    });
    const registered = await call(port, address, 'POST', '/v1/registrations', {
      consentId: consent.body.consentId,
      applicantType: 'individual',
      ...identity,
    });
    if (registered.status !== 201 || Date.now() > deadline) continue;
    await waitFor(() => outbox(dataDir).some((m) => m.phone === identity.phone), 2_000);
    let password =
      outbox(dataDir)
        .filter((m) => m.phone === identity.phone)
        .at(-1)?.secret ?? '';
    secrets.add(password);
    const login = await call(port, address, 'POST', '/v1/sessions', { phone: identity.phone, password });
    const token = login.body.token as string | undefined;
    if (!token || Date.now() > deadline) continue;
    secrets.add(token);
    for (let i = 0; i < 5 && Date.now() < deadline; i += 1)
      await call(port, address, 'GET', '/v1/me', undefined, token);
    await call(port, address, 'GET', '/v1/me/activity', undefined, token);
    if (serial % 4 === 0) {
      const report = await call(port, address, 'POST', '/v1/me/access-reports', {}, token);
      if (report.status === 201) {
        revoked.push(token);
        password =
          outbox(dataDir)
            .filter((m) => m.phone === identity.phone)
            .at(-1)?.secret ?? '';
        secrets.add(password);
        const again = await call(port, address, 'POST', '/v1/sessions', { phone: identity.phone, password });
        if (again.body.token) secrets.add(again.body.token as string);
      }
    } else {
      await call(port, address, 'DELETE', '/v1/sessions/current', undefined, token);
      revoked.push(token);
    }
  }
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** DynamoDB Local's Java takes over a minute to start on a busy machine (test/support gives it minutes too). */
const startTimeoutMs = 300_000;
let server: ChildProcess | undefined;

/** Stops the portal (it stops its DynamoDB Local), also when the run failed: no Java left behind. */
const stopServer = async (): Promise<void> => {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server!.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
};

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-load-'));
  const port = await freePort();
  const probeFile = join(dataDir, 'load-probe.json');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', join(__dirname, 'load-probe.ts'), 'bin/local.ts'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        PORTAL_DATA_DIR: dataDir,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        LOAD_PROBE_FILE: probeFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let logs = '';
  server = child;
  child.stdout.on('data', (c: Buffer) => (logs += c.toString()));
  child.stderr.on('data', (c: Buffer) => (logs += c.toString()));
  await waitFor(() => logs.includes('listening on') || child.exitCode !== null, startTimeoutMs);
  if (!logs.includes('listening on')) throw new Error(`the portal did not start:\n${logs}`);

  console.log(`Load: ${concurrency} applicants for ${seconds} s against ${dataDir}`);
  const deadline = Date.now() + seconds * 1000;
  const revoked: string[] = [];
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, (_, worker) =>
      applicantLoop(port, dataDir, worker, deadline, revoked).catch((e: unknown) =>
        console.error(`worker ${worker}:`, e),
      ),
    ),
  );
  const elapsed = (Date.now() - started) / 1000;

  // Invariants: nothing half-written, no account twice, one password SMS per registration, no session surviving a report or Exit.
  const store = await findRunningStore(dataDir);
  const client = createDocumentClient({ region: 'eu-central-1', endpoint: store!.endpoint });
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: 'portal', ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const sms = outbox(dataDir);
  const accounts = items.filter((i) => i.type === 'account');
  const phonesSeen = new Set(sms.filter((m) => m.purpose === 'password').map((m) => m.phone));
  const violations = accountInvariantViolations(items);
  if (phonesSeen.size < accounts.length)
    violations.push(`${accounts.length - phonesSeen.size} accounts never got a password SMS`);
  const survivors = (
    await Promise.all(
      revoked.slice(0, 200).map((token) => call(port, '127.0.0.1', 'GET', '/v1/me', undefined, token)),
    )
  ).filter((a) => a.status !== 401);
  if (survivors.length > 0) violations.push(`${survivors.length} sessions survived a report or Exit`);

  await stopServer();
  const logLines = logs.split('\n').filter((line) => line && !line.startsWith('SMS to '));
  const leaks = [...secrets].filter((secret) => secret && logLines.some((line) => line.includes(secret)));
  if (leaks.length > 0) violations.push(`${leaks.length} personal values or secrets appear in the logs`);

  const breakdown = loadBreakdown(JSON.parse(readFileSync(probeFile, 'utf8')) as ProbeReport);
  console.log(breakdown.text);

  const fiveHundreds = [...statuses]
    .filter(([status]) => status >= 500)
    .reduce((sum, [, count]) => sum + count, 0);
  console.log(
    JSON.stringify(
      {
        seconds: Number(elapsed.toFixed(1)),
        requests,
        rps: Math.round(requests / elapsed),
        statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
        p50Ms: Number(percentile(latencies, 50).toFixed(1)),
        p99Ms: Number(percentile(latencies, 99).toFixed(1)),
        accounts: accounts.length,
        smsSent: sms.length,
        reportsChecked: Math.min(revoked.length, 200),
        logLinesScanned: logLines.length,
        fiveHundreds,
        violations,
        phases: breakdown.phases,
      },
      null,
      2,
    ),
  );
  process.exit(fiveHundreds === 0 && violations.length === 0 ? 0 : 1);
};

main().catch(async (error: unknown) => {
  console.error(error);
  await stopServer();
  process.exit(1);
});
