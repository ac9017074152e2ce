import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshApplicant } from './scenario-steps';
import { ratio, round } from './stats';

export interface ThroughputResult {
  readonly portalRps: number;
  readonly portalP99Ms: number;
  readonly bareRps: number;
  readonly bareP99Ms: number;
  /** Portal requests per second over the bare server's. */
  readonly ratio: number;
  readonly portalNon2xx: number;
  readonly seconds: number;
  readonly connections: number;
}

interface Server {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts bench/servers.ts in its own process and waits for its URL; its stdout (request logs) goes nowhere. */
const startServer = (args: string[], timeoutMs: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = fork(join(__dirname, 'servers.ts'), args, {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args[0]} server did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} server exited with code ${code}`));
    });
    child.once('message', (message: { url: string }) => {
      clearTimeout(timer);
      resolve({
        url: message.url,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(forced);
        },
      });
    });
  });

const request = async (url: string, method: string, body?: unknown, token?: string) => {
  const response = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
};

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

/** An applicant's way to a session over HTTP, the password read from the local SMS outbox. */
const sessionToken = async (url: string, dataDir: string): Promise<string> => {
  const consent = await request(`${url}/v1/consents`, 'POST', {
    agreementVersion: '1',
    accepted: true,
    language: 'ky',
  });
  if (consent.status !== 201) throw new Error(`throughput setup: consent answered ${consent.status}`);
  const applicant = freshApplicant();
  const registration = await request(`${url}/v1/registrations`, 'POST', {
    consentId: json(consent.text).consentId,
    applicantType: 'individual',
    ...applicant,
  });
  if (registration.status !== 201)
    throw new Error(`throughput setup: registration answered ${registration.status}`);
  const sms = readFileSync(join(dataDir, 'sms-outbox.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { phone: string; secret: string })
    .filter((m) => m.phone === applicant.phone)
    .at(-1);
  const login = await request(`${url}/v1/sessions`, 'POST', {
    phone: applicant.phone,
    password: sms?.secret,
  });
  if (login.status !== 201) throw new Error(`throughput setup: login answered ${login.status}`);
  return json(login.text).token as string;
};

/** Headers a server sets per connection or per response, not part of the answer's bytes. */
const transportHeaders = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

const load = (url: string, token: string, seconds: number, connections: number) =>
  autocannon({
    url: `${url}/v1/me`,
    headers: { authorization: `Bearer ${token}` },
    connections,
    duration: seconds,
  });

/** The local server, started early (its DynamoDB Local takes seconds to start) and measured later. */
export interface PortalUnderTest {
  readonly server: Server;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export const startPortal = async (): Promise<PortalUnderTest> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'srs-bench-portal-'));
  try {
    const server = await startServer(['portal', dataDir], 60_000);
    return {
      server,
      dataDir,
      stop: async () => {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
};

/**
 * GET /v1/me on the local server (`npm start`'s startLocalPortal on 127.0.0.1, its own DynamoDB Local) under
 * autocannon for `seconds`, then a bare Node HTTP server returning the same bytes for as long: loopback only.
 * Stops the portal when done.
 */
export const measureThroughput = async (
  portal: PortalUnderTest,
  options: { seconds: number; connections: number },
): Promise<ThroughputResult> => {
  const responseFile = join(portal.dataDir, 'bench-response.json');
  let token: string;
  let portalRun: autocannon.Result;
  try {
    const { url } = portal.server;
    token = await sessionToken(url, portal.dataDir);
    const answer = await request(`${url}/v1/me`, 'GET', undefined, token);
    if (answer.status !== 200) throw new Error(`throughput setup: GET /v1/me answered ${answer.status}`);
    const headers = Object.fromEntries([...answer.headers].filter(([name]) => !transportHeaders.has(name)));
    writeFileSync(responseFile, JSON.stringify({ status: answer.status, headers, body: answer.text }));
    await load(url, token, 1, options.connections);
    portalRun = await load(url, token, options.seconds, options.connections);
    await portal.server.stop();
    const bare = await startServer(['bare', responseFile], 20_000);
    let bareRun: autocannon.Result;
    try {
      await load(bare.url, token, 1, options.connections);
      bareRun = await load(bare.url, token, options.seconds, options.connections);
    } finally {
      await bare.stop();
    }
    return {
      portalRps: round(portalRun.requests.average, 0),
      portalP99Ms: portalRun.latency.p99,
      bareRps: round(bareRun.requests.average, 0),
      bareP99Ms: bareRun.latency.p99,
      ratio: ratio(portalRun.requests.average, bareRun.requests.average),
      portalNon2xx: portalRun.non2xx + portalRun.errors,
      seconds: options.seconds,
      connections: options.connections,
    };
  } finally {
    await portal.stop();
  }
};
