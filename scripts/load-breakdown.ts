import { table } from '../bench/report';
import { percentile, round } from '../bench/stats';
import type { ProbeReport, RequestPhases } from './load-probe';

interface PhaseMeans {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  kdfWaitMs: number;
  kdfRunMs: number;
  dynamoCalls: number;
  dynamoMs: number;
  dynamoRefused: number;
  dynamoUnanswered: number;
  fileMs: number;
  /** The rest: the handlers' own code, the event loop's queue, the local server. */
  otherMs: number;
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

const meansOf = (requests: readonly RequestPhases[]): PhaseMeans => {
  const of = (pick: (r: RequestPhases) => number) => round(mean(requests.map(pick)), 1);
  const ms = requests.map((r) => r.ms);
  return {
    requests: requests.length,
    p50Ms: round(percentile(ms, 50), 1),
    p99Ms: round(percentile(ms, 99), 1),
    kdfWaitMs: of((r) => r.kdfWaitMs),
    kdfRunMs: of((r) => r.kdfRunMs),
    dynamoCalls: of((r) => r.dynamoCalls),
    dynamoMs: of((r) => r.dynamoMs),
    dynamoRefused: of((r) => r.dynamoRefused),
    dynamoUnanswered: of((r) => r.dynamoUnanswered),
    fileMs: of((r) => r.fileMs),
    otherMs: of((r) => Math.max(0, r.ms - r.kdfWaitMs - r.kdfRunMs - r.dynamoMs - r.fileMs)),
  };
};

/**
 * Where the server's time went, per route and for the slowest 1 % of all requests (what makes the p99): mean
 * milliseconds per request in each phase, as the probe measured them inside the local server (load-probe.ts).
 */
export const loadBreakdown = (report: ProbeReport) => {
  const routes = [...new Set(report.requests.map((r) => r.route))].sort();
  const slowestFrom = percentile(
    report.requests.map((r) => r.ms),
    99,
  );
  const rows: [string, PhaseMeans][] = [
    ...routes.map((route): [string, PhaseMeans] => [
      route,
      meansOf(report.requests.filter((r) => r.route === route)),
    ]),
    ['slowest 1 % (all routes)', meansOf(report.requests.filter((r) => r.ms >= slowestFrom))],
    ['all requests', meansOf(report.requests)],
  ];
  const text = table(
    [
      'server side, mean ms per request',
      'requests',
      'p50',
      'p99',
      'KDF wait',
      'KDF run',
      'DynamoDB',
      'calls',
      'refused',
      'unanswered',
      'file',
      'other',
    ],
    rows.map(([name, m]) => [
      name,
      m.requests,
      m.p50Ms,
      m.p99Ms,
      m.kdfWaitMs,
      m.kdfRunMs,
      m.dynamoMs,
      m.dynamoCalls,
      m.dynamoRefused,
      m.dynamoUnanswered,
      m.fileMs,
      m.otherMs,
    ]),
  );
  return {
    text:
      `${text}\n(thread pool ${report.threadPoolSize}; event loop delay p99 ` +
      `${round(report.eventLoopDelayP99Ms, 1)} ms, max ${round(report.eventLoopDelayMaxMs, 1)} ms)`,
    phases: {
      threadPoolSize: report.threadPoolSize,
      eventLoopDelayP99Ms: round(report.eventLoopDelayP99Ms, 1),
      byRoute: Object.fromEntries(rows),
    },
  };
};
