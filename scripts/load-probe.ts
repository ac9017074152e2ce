/**
 * Preloaded into the local server by `npm run load` (`--import`), never by `npm start`: it measures where each
 * request's time goes, from inside the process. Per request (an async context opened by the HTTP server's
 * diagnostics channel): the KDF's wait (for a slot, as passwords.ts publishes it, then for a thread of libuv's
 * pool) and its run, DynamoDB calls (count, time, refused conditions, calls left unanswered), file writes through
 * the pool. At exit it writes the records to LOAD_PROBE_FILE.
 *
 * The wait for a thread is reconstructed from the pool's order: libuv runs its jobs first in, first out on
 * UV_THREADPOOL_SIZE threads, so a scrypt call starts when it finds a free thread or when the scrypt call ahead of it
 * ends. Other jobs in the pool (file writes) are not in that count: that part is a lower bound.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { kdfWaitChannel } from '../functions/adapters/passwords';

/** One request as the server saw it. Times in ms. */
export interface RequestPhases {
  route: string;
  status: number;
  ms: number;
  kdfCalls: number;
  kdfWaitMs: number;
  kdfRunMs: number;
  dynamoCalls: number;
  dynamoMs: number;
  /** DynamoDB answers 400: a condition or transaction refused (optimistic retries, limits, claims). */
  dynamoRefused: number;
  /** DynamoDB calls that ended without an answer (the SDK's timeout, then its retry). */
  dynamoUnanswered: number;
  fileMs: number;
}

export interface ProbeReport {
  threadPoolSize: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  requests: RequestPhases[];
}

/** Read when the pool starts (its first job), as libuv does: the server may set it before. */
const threadPoolSize = () => Number(process.env.UV_THREADPOOL_SIZE ?? 4);
const current = new AsyncLocalStorage<RequestPhases>();
const byRequest = new WeakMap<object, RequestPhases>();
const started = new WeakMap<object, number>();
const requests: RequestPhases[] = [];

subscribe('http.server.request.start', (message) => {
  const { request } = message as { request: IncomingMessage };
  const phases: RequestPhases = {
    route: `${request.method} ${(request.url ?? '/').split('?')[0]}`,
    status: 0,
    ms: 0,
    kdfCalls: 0,
    kdfWaitMs: 0,
    kdfRunMs: 0,
    dynamoCalls: 0,
    dynamoMs: 0,
    dynamoRefused: 0,
    dynamoUnanswered: 0,
    fileMs: 0,
  };
  byRequest.set(request, phases);
  started.set(request, performance.now());
  current.enterWith(phases);
});
subscribe('http.server.response.finish', (message) => {
  const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
  const phases = byRequest.get(request);
  if (!phases) return;
  phases.status = response.statusCode;
  phases.ms = performance.now() - started.get(request)!;
  requests.push(phases);
});
const answered = new WeakSet<object>();
subscribe('http.client.request.start', (message) => {
  const { request } = message as { request: ClientRequest };
  const phases = current.getStore();
  if (!phases) return;
  byRequest.set(request, phases);
  const at = performance.now();
  request.once('close', () => {
    phases.dynamoCalls += 1;
    phases.dynamoMs += performance.now() - at;
    if (!answered.has(request)) phases.dynamoUnanswered += 1;
  });
});
subscribe('http.client.response.finish', (message) => {
  const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
  answered.add(request);
  const phases = byRequest.get(request);
  if (phases && response.statusCode === 400) phases.dynamoRefused += 1;
});

kdfWaitChannel.subscribe((waitedMs) => {
  const phases = current.getStore();
  if (phases) phases.kdfWaitMs += waitedMs as number;
});

interface PoolJob {
  readonly submitted: number;
  started?: number;
}
let running = 0;
const queued: PoolJob[] = [];
const scrypt = crypto.scrypt;
const measuredScrypt = (...args: unknown[]): void => {
  const callback = args.pop() as (error: Error | null, key: Buffer) => void;
  const phases = current.getStore();
  const job: PoolJob = { submitted: performance.now() };
  if (running < threadPoolSize()) {
    running += 1;
    job.started = job.submitted;
  } else queued.push(job);
  (scrypt as (...a: unknown[]) => void)(...args, (error: Error | null, key: Buffer) => {
    const ended = performance.now();
    const next = queued.shift();
    if (next) next.started = ended;
    else running -= 1;
    if (phases) {
      phases.kdfCalls += 1;
      phases.kdfWaitMs += job.started! - job.submitted;
      phases.kdfRunMs += ended - job.started!;
    }
    callback(error, key);
  });
};
crypto.scrypt = measuredScrypt as typeof crypto.scrypt;

for (const name of ['appendFile', 'mkdir', 'writeFile', 'open'] as const) {
  const original = fsPromises[name] as (...args: unknown[]) => Promise<unknown>;
  (fsPromises as Record<string, unknown>)[name] = async (...args: unknown[]) => {
    const phases = current.getStore();
    const at = performance.now();
    try {
      return await original(...args);
    } finally {
      if (phases) phases.fileMs += performance.now() - at;
    }
  };
}
syncBuiltinESMExports();

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

process.once('exit', () => {
  const file = process.env.LOAD_PROBE_FILE;
  if (!file) return;
  const report: ProbeReport = {
    threadPoolSize: threadPoolSize(),
    eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    eventLoopDelayMaxMs: loopDelay.max / 1e6,
    requests,
  };
  writeFileSync(file, JSON.stringify(report));
});
