import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Bundle } from './bundles';
import { median, ratio, round } from './stats';

const run = promisify(execFile);

/**
 * Runs in a fresh Node process per sample: loads one bundle as the Lambda runtime does (`require` of index.js,
 * which runs every module's top-level code) and reports how long that took, until its handler can be called.
 */
const harness = `'use strict';
const { performance } = require('node:perf_hooks');
const started = performance.now();
const loaded = require(process.argv[2]);
if (!Object.values(loaded).some((value) => typeof value === 'function')) throw new Error('the bundle exports no handler');
const ready = performance.now();
process.stdout.write(JSON.stringify({ initMs: ready - started, sinceProcessStartMs: ready }));
`;

export interface InitResult {
  readonly name: string;
  readonly medianMs: number;
  /** From the process's own start (Node's boot included), for reference. */
  readonly medianSinceStartMs: number;
  readonly ratio: number;
}

/**
 * The environment of the deployed functions (lib/constructs/portal-function.ts), source maps included: with
 * `--enable-source-maps` Node reads each bundle's map when it loads, which is part of a real cold start.
 */
const lambdaEnvironment = (name: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  NODE_OPTIONS: '--enable-source-maps',
  AWS_REGION: 'eu-central-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  PORTAL_RUNTIME: 'aws',
  POWERTOOLS_SERVICE_NAME: `srs-portal-${name}`,
  POWERTOOLS_LOG_LEVEL: 'INFO',
  POWERTOOLS_LOGGER_LOG_EVENT: 'false',
  PORTAL_TABLE_NAME: 'bench-portal',
  PORTAL_IDEMPOTENCY_TABLE_NAME: 'bench-portal-idempotency',
  AWS_LAMBDA_FUNCTION_NAME: `bench-${name}`,
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
});

/**
 * Cold initialization: each bundle loaded in a fresh process, `rounds` times, the baseline, every function and
 * the references (bundles shown beside the functions, outside the goals) once per round in turn, so that a busy
 * moment of the machine touches all of them alike. Bounded by `deadline`.
 */
export const measureInit = async (
  bundles: { baseline: Bundle; functions: readonly Bundle[]; references?: readonly Bundle[] },
  outDir: string,
  options: { rounds: number; deadline: number },
): Promise<{
  baseline: InitResult;
  functions: InitResult[];
  references: InitResult[];
  ratioMax: number;
  rounds: number;
}> => {
  const harnessPath = join(outDir, 'init-harness.cjs');
  writeFileSync(harnessPath, harness);
  const references = bundles.references ?? [];
  const all = [bundles.baseline, ...bundles.functions, ...references];
  const samples = new Map(all.map((b) => [b.name, [] as { initMs: number; sinceProcessStartMs: number }[]]));
  let rounds = 0;
  for (; rounds < options.rounds; rounds += 1) {
    if (Date.now() > options.deadline) break;
    const order = [...all.slice(rounds % all.length), ...all.slice(0, rounds % all.length)];
    for (const bundle of order) {
      const { stdout } = await run(process.execPath, [harnessPath, bundle.outfile], {
        env: lambdaEnvironment(bundle.name),
        timeout: 20_000,
      });
      samples.get(bundle.name)!.push(JSON.parse(stdout) as { initMs: number; sinceProcessStartMs: number });
    }
  }
  const resultOf = (bundle: Bundle, baselineMs: number): InitResult => {
    const own = samples.get(bundle.name)!;
    const medianMs = median(own.map((s) => s.initMs));
    return {
      name: bundle.name,
      medianMs: round(medianMs, 1),
      medianSinceStartMs: round(median(own.map((s) => s.sinceProcessStartMs)), 1),
      ratio: ratio(medianMs, baselineMs),
    };
  };
  const baselineMs = median(samples.get(bundles.baseline.name)!.map((s) => s.initMs));
  const functions = bundles.functions.map((b) => resultOf(b, baselineMs));
  return {
    baseline: resultOf(bundles.baseline, baselineMs),
    functions,
    references: references.map((b) => resultOf(b, baselineMs)),
    ratioMax: Math.max(...functions.map((f) => f.ratio)),
    rounds,
  };
};
