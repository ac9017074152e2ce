import type { Bundle } from './bundles';
import type { CostModel } from './cost';
import { checkFunctionGoals } from './function-goals';
import type { InitResult } from './init';
import type { JobsResult } from './jobs';
import type { RouteResult } from './latency';
import type { LoginResult } from './login';
import type { ThroughputResult } from './throughput';

export interface Goal {
  readonly goal: string;
  readonly value: number | string;
  readonly target: string;
  readonly pass: boolean;
}

export interface BenchReport {
  readonly bundles: {
    readonly baseline: Bundle;
    /** The baseline's handler bundled as the functions are (bench/bundles.ts): shown, outside the goals. */
    readonly bareAsFunctions: Bundle;
    readonly functions: readonly Bundle[];
  };
  readonly init: {
    readonly baseline: InitResult;
    readonly functions: readonly InitResult[];
    readonly references: readonly InitResult[];
    readonly rounds: number;
  };
  readonly routes: readonly RouteResult[];
  readonly scale: { readonly smallAccounts: number; readonly largeAccounts: number };
  readonly login: LoginResult;
  readonly kdf: { readonly peakDeltaMiB: number; readonly peakMiB: number; readonly ms: number };
  readonly throughput?: ThroughputResult;
  readonly cost: CostModel;
  readonly goals: readonly Goal[];
  readonly notes: readonly string[];
  readonly jobs?: JobsResult;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–');
const p99 = (value: number) => (value < 1 ? '< 1 ms' : `${value} ms`);
const x = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

/** A Markdown table with padded columns: readable on a terminal, and pasted as is into the README. */
export const table = (
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string => {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, column) => Math.max(3, ...cells.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(cells[0]!),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...cells.slice(1).map(line),
  ].join('\n');
};

/** Issue 20: what one run of each scheduled job reads, at both table sizes. */
const jobsSection = (jobs: JobsResult): string[] => [
  `### Scheduled jobs, one run each (reads; ${jobs.smallAccounts.toLocaleString('en')} vs ` +
    `${jobs.largeAccounts.toLocaleString('en')} accounts outside the window)`,
  table(
    ['job', 'requests', 'RCU', 'requests at scale', 'RCU at scale', 'ratio'],
    jobs.jobs.map((j) => [
      j.job,
      j.small.requests,
      j.small.readUnits,
      j.large.requests,
      j.large.readUnits,
      x(j.ratio),
    ]),
  ),
];

/** The bench's results as text: goals first, then each measurement. */
export const renderReport = (report: BenchReport): string => {
  const sections: string[] = [];
  sections.push(
    '### Goals',
    table(
      ['goal', 'measured', 'target', ''],
      report.goals.map((g) => [g.goal, g.value, g.target, g.pass ? 'pass' : 'MISS']),
    ),
  );
  const initByName = new Map(report.init.functions.map((f) => [f.name, f]));
  const checks = new Map(
    checkFunctionGoals(report.bundles.functions, report.init.functions).map((c) => [c.name, c]),
  );
  const goalCheck = (name: string) => {
    const { goal, bundlePass, initPass } = checks.get(name)!;
    return `≤ ${x(goal.bundle)} / ≤ ${x(goal.init)}: ${bundlePass && initPass ? 'pass' : 'MISS'}`;
  };
  const heaviest = (bundle: Bundle) =>
    bundle.heaviest
      .slice(0, 3)
      .map((p) => `${p.name} ${kib(p.bytes)}`)
      .join(', ');
  const row = (label: string, bundle: Bundle, init: InitResult | undefined, goal: string) => [
    label,
    kib(bundle.bytes),
    x(bundle.ratio),
    init?.medianMs.toFixed(0) ?? '–',
    x(init?.ratio ?? Number.NaN),
    goal,
    heaviest(bundle),
  ];
  sections.push(
    `### Bundles and cold initialization (median of ${report.init.rounds} fresh processes each)`,
    table(
      ['function', 'bundle', 'ratio', 'init ms', 'ratio', 'goal (bundle / init)', 'heaviest packages'],
      [
        row('baseline (one GetItem)', report.bundles.baseline, report.init.baseline, '–'),
        row(
          'the same, bundled as the functions',
          report.bundles.bareAsFunctions,
          report.init.references.find((r) => r.name === report.bundles.bareAsFunctions.name),
          '–',
        ),
        ...report.bundles.functions.map((b) => row(b.name, b, initByName.get(b.name), goalCheck(b.name))),
      ],
    ),
  );
  sections.push(
    `### Warm latency per route (ms; ${report.scale.smallAccounts.toLocaleString('en')} vs ` +
      `${report.scale.largeAccounts.toLocaleString('en')} accounts)`,
    table(
      ['route', 'calls', 'p50', 'p99', 'DynamoDB req', 'raw p50', 'ratio', 'p50 at scale', 'scale ratio'],
      report.routes.map((r) => [
        r.route,
        r.calls,
        ms(r.p50Ms),
        ms(r.p99Ms),
        r.dynamoRequestsAtScale === r.dynamoRequests
          ? r.dynamoRequests
          : `${r.dynamoRequests} → ${r.dynamoRequestsAtScale}`,
        ms(r.rawDynamoP50Ms),
        x(r.ratio),
        ms(r.scaleP50Ms),
        x(r.scaleRatio),
      ]),
    ),
  );
  sections.push(
    '### Login, KDF and throughput',
    table(
      ['measure', 'value'],
      [
        ['password login p50 (real scrypt)', `${report.login.loginP50Ms.toFixed(0)} ms`],
        ['one KDF hash p50 (N=2^17, r=8, p=1)', `${report.login.kdfP50Ms.toFixed(0)} ms`],
        ['login / KDF', x(report.login.ratio)],
        ['KDF peak memory (RSS added)', `${report.kdf.peakDeltaMiB.toFixed(0)} MiB`],
        ...(report.throughput
          ? [
              [
                'GET /v1/me, local server',
                `${report.throughput.portalRps} req/s, p99 ${p99(report.throughput.portalP99Ms)}`,
              ],
              [
                'same bytes, bare Node server',
                `${report.throughput.bareRps} req/s, p99 ${p99(report.throughput.bareP99Ms)}`,
              ],
            ]
          : []),
      ],
    ),
  );
  const c = report.cost;
  sections.push(
    `### Monthly cost per 1,000 active applicants (USD, ${c.region} on-demand prices of ${c.date})`,
    table(
      ['item', 'USD'],
      [
        ...Object.entries(c.breakdownUsd).map(([name, usd]) => [name, usd.toFixed(2)]),
        ['portal (AWS, without SMS)', c.portalUsd.toFixed(2)],
        ['portal, KDF at the CPU share of each function’s memory', c.portalUsdKdfAtLambdaCpu.toFixed(2)],
        ['Amazon Cognito Essentials (per MAU)', c.cognitoUsd.toFixed(2)],
        ['Amazon Cognito Lite (per MAU)', c.cognitoLiteUsd.toFixed(2)],
        [
          `SMS apart (${c.smsPerMau} per MAU, ${c.smsSegmentsPerMessage} segments each, assumed price)`,
          c.smsUsd.toFixed(2),
        ],
      ],
    ),
  );
  if (report.jobs) sections.push(...jobsSection(report.jobs));
  if (report.notes.length > 0) sections.push('### Notes', report.notes.map((n) => `- ${n}`).join('\n'));
  return sections.join('\n\n');
};
