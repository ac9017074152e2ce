import type { Deployment } from './deployment';
import { replayRaw } from './dynamo';
import type { PoolAccount } from './load';
import type { Scenario, ScenarioContext } from './scenario-steps';
import { median, percentile, ratio, round } from './stats';

/** What one deployment measured for one route. */
export interface RouteSample {
  readonly ms: number[];
  readonly requests: number[];
  readonly readUnits: number[];
  readonly writeUnits: number[];
  readonly logBytes: number[];
  readonly sms: number[];
  readonly rawMs: number[];
  replaysRefused: number;
  errors: number;
  firstError?: string;
  /** The DynamoDB operations of the first measured call, in order. */
  operations?: string;
}

export interface RouteResult {
  readonly route: string;
  readonly calls: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** DynamoDB requests of one call (median), at 1,000 and at 50,000 accounts. */
  readonly dynamoRequests: number;
  readonly dynamoRequestsAtScale: number;
  readonly rawDynamoP50Ms: number;
  /** p50 over the raw p50 of the same DynamoDB requests. */
  readonly ratio: number;
  readonly scaleP50Ms: number;
  readonly scaleP99Ms: number;
  readonly scaleRatio: number;
  readonly readUnitsPerCall: number;
  readonly writeUnitsPerCall: number;
  readonly logBytesPerCall: number;
  readonly kdfPerCall: number;
  /** SMS the call itself sent (its setup's not counted). */
  readonly smsSentPerCall: number;
  readonly operations: string;
  readonly replaysRefused: number;
  readonly errors: number;
  readonly firstError?: string;
}

const emptySample = (): RouteSample => ({
  ms: [],
  requests: [],
  readUnits: [],
  writeUnits: [],
  logBytes: [],
  sms: [],
  rawMs: [],
  replaysRefused: 0,
  errors: 0,
});

const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

const resultOf = (scenario: Scenario, s: RouteSample, l: RouteSample): RouteResult => ({
  route: scenario.route,
  calls: s.ms.length,
  p50Ms: round(median(s.ms), 3),
  p99Ms: round(percentile(s.ms, 99), 3),
  dynamoRequests: median(s.requests),
  dynamoRequestsAtScale: median(l.requests),
  rawDynamoP50Ms: round(median(s.rawMs), 3),
  ratio: ratio(median(s.ms), median(s.rawMs)),
  scaleP50Ms: round(median(l.ms), 3),
  scaleP99Ms: round(percentile(l.ms, 99), 3),
  scaleRatio: ratio(median(l.ms), median(s.ms)),
  readUnitsPerCall: round(mean(s.readUnits), 3),
  writeUnitsPerCall: round(mean(s.writeUnits), 3),
  logBytesPerCall: Math.round(mean(s.logBytes)),
  kdfPerCall: scenario.kdfPerCall,
  smsSentPerCall: round(mean(s.sms), 3),
  operations: s.operations ?? '',
  replaysRefused: s.replaysRefused,
  errors: s.errors + l.errors,
  ...((s.firstError ?? l.firstError) && { firstError: s.firstError ?? l.firstError }),
});

/** Hands out bulk applicants of one deployment, each once. */
export const poolOf = (accounts: readonly PoolAccount[]): ((count: number) => PoolAccount[]) => {
  let next = 0;
  return (count) => {
    if (next + count > accounts.length)
      throw new Error('the bench ran out of bulk applicants for its scenarios');
    next += count;
    return accounts.slice(next - count, next);
  };
};

interface Side {
  readonly deployment: Deployment;
  readonly context: ScenarioContext;
}

export interface LatencyOptions {
  readonly calls: number;
  readonly warmup: number;
  /** When the last route must end (epoch ms); routes share the time left equally. */
  readonly deadline: number;
  readonly progress: (line: string) => void;
}

/** Calls one route on both deployments in turn until `calls` are measured or its deadline passes. */
const measureRoute = async (
  scenario: Scenario,
  small: Side,
  large: Side,
  samples: { small: RouteSample; large: RouteSample },
  options: LatencyOptions,
): Promise<void> => {
  const total = options.warmup + options.calls;
  const [method, path] = scenario.route.split(' ') as [string, string];
  const next = {
    small: await scenario.prepare(small.deployment, small.context),
    large: await scenario.prepare(large.deployment, large.context),
  };
  calls: for (let call = 0; call < total; call += 1) {
    if (Date.now() > options.deadline) break;
    const order = call % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
    for (const which of order) {
      const { deployment } = which === 'small' ? small : large;
      if (!(await deployment.fuse.roomFor(scenario.smsPerCall, options.deadline))) break calls;
      const callOptions = await next[which](call);
      const answer = await deployment.call(method, path, callOptions);
      if (call < options.warmup) continue;
      const sample = samples[which];
      if (answer.status !== scenario.expect) {
        sample.errors += 1;
        sample.firstError ??= `${answer.status} ${String(answer.body.code ?? '')}`;
        continue;
      }
      sample.ms.push(answer.ms);
      sample.requests.push(answer.requests.length);
      sample.readUnits.push(answer.requests.reduce((sum, r) => sum + r.readUnits, 0));
      sample.writeUnits.push(answer.requests.reduce((sum, r) => sum + r.writeUnits, 0));
      sample.logBytes.push(answer.logBytes);
      sample.sms.push(answer.smsSent);
      sample.operations ??= answer.requests.map((r) => r.operation).join(' ');
      if (which === 'small' && call % (scenario.replayEvery ?? 2) === 0) {
        const replay = await replayRaw(deployment.rawClient, answer.requests, deployment.scratchTables);
        sample.rawMs.push(replay.ms);
        sample.replaysRefused += replay.refused;
      }
    }
  }
};

/**
 * Measures every scenario on the small and the large deployment, call by call in turn (which one goes first
 * alternates), so that both see the same machine. Only the handler invocation is timed; calls on the small
 * deployment are followed by the raw replay of their DynamoDB requests (every call, or every other one).
 */
export const measureRoutes = async (
  scenarioList: readonly Scenario[],
  small: Side,
  large: Side,
  options: LatencyOptions,
): Promise<RouteResult[]> => {
  const { progress } = options;
  const results: RouteResult[] = [];
  const total = options.warmup + options.calls;
  const fuses = [small.deployment.fuse, large.deployment.fuse];
  // A few more for the set-up's own registrations.
  const fits = (scenario: Scenario) => fuses.every((fuse) => scenario.smsPerCall * total + 5 <= fuse.room());
  const pending = [...scenarioList];
  while (pending.length > 0) {
    // The SMS fuse counts per minute and table: an SMS-sending route runs when its SMS fit in this minute, the
    // routes without SMS fill the minutes between, and only when nothing else is left does the bench wait.
    let scenario =
      pending.find((s) => s.smsPerCall > 0 && fits(s)) ?? pending.find((s) => s.smsPerCall === 0);
    if (scenario === undefined) {
      const next = Math.max(...fuses.map((fuse) => fuse.nextWindow()));
      if (next > options.deadline) break;
      progress(`  waiting ${((next - Date.now()) / 1000).toFixed(0)} s for the SMS fuse's next minute`);
      fuses[0]!.waitedMs += next - Date.now();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
      scenario = pending[0]!;
    }
    pending.splice(pending.indexOf(scenario), 1);
    // Each route gets its share of the time left (by weight), so that a slow machine shortens routes, not skips them.
    const weightLeft = [scenario, ...pending].reduce((sum, s) => sum + s.weight, 0);
    const routeDeadline = Date.now() + ((options.deadline - Date.now()) * scenario.weight) / weightLeft;
    const samples = { small: emptySample(), large: emptySample() };
    const started = Date.now();
    try {
      await measureRoute(scenario, small, large, samples, { ...options, deadline: routeDeadline });
    } catch (error) {
      // A set-up that fails (a refusal the bench did not expect) costs this route, not the whole run.
      samples.small.errors += 1;
      samples.small.firstError ??= error instanceof Error ? error.message : String(error);
    }
    const result = resultOf(scenario, samples.small, samples.large);
    results.push(result);
    progress(
      `  ${scenario.route.padEnd(36)} p50 ${result.p50Ms.toFixed(2)} ms (raw ${result.rawDynamoP50Ms.toFixed(2)}), ` +
        `at scale ${result.scaleP50Ms.toFixed(2)} ms, ${result.dynamoRequests} requests, ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s${result.errors > 0 ? `, ${result.errors} errors (${result.firstError})` : ''}`,
    );
  }
  for (const scenario of pending) {
    progress(`  ${scenario.route}: no time left, not measured`);
    results.push(resultOf(scenario, emptySample(), emptySample()));
  }
  return results;
};
