import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { PortalMetrics } from '../../domain/ports';
import type { CallTally } from '../service-calls';

/** The CloudWatch namespace of the portal's business metrics (registrations, logins, reports, …). */
export const metricsNamespace = 'SrsPortal';

/**
 * What each invocation's DynamoDB calls add up to, per route (dimension `route`: the route's operation, or the
 * operator's command or job), beside Powertools' `service`: the dashboard's view of where store time goes.
 */
export const storeCallMetrics = { calls: 'StoreCalls', time: 'StoreCallTime', dimension: 'route' } as const;

/** Metrics that a handler flushes once its work is done. */
export interface FlushablePortalMetrics extends PortalMetrics {
  /** The invocation's store calls, under {@link storeCallMetrics}: written at once. */
  storeCalls(route: string, store: CallTally): void;
  /** Sends what was counted since the last flush; call it at the end of every invocation. */
  flush(): void;
}

/** Whether `metrics` also writes store calls and flushes (the operators' dependencies type it as the domain's port). */
export const isFlushable = (metrics: PortalMetrics): metrics is FlushablePortalMetrics =>
  typeof (metrics as Partial<FlushablePortalMetrics>).flush === 'function' &&
  typeof (metrics as Partial<FlushablePortalMetrics>).storeCalls === 'function';

/** @throws RangeError unless `value` is a finite count of zero or more */
const assertCount = (value: number): void => {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError('A count is a finite number of zero or more');
};

/**
 * Business metrics in AWS, through Powertools Metrics: CloudWatch embedded metric format (EMF) written to the
 * function's log, namespace `SrsPortal`, dimension `service`. Counts without dimensions are buffered until
 * {@link flush}; counts with dimensions are written at once, each with its own dimensions.
 *
 * @example
 * // dependencies.ts: bound once per cold start
 * export const metrics = new PowertoolsPortalMetrics();
 * // handler.ts: after the work, also when it failed
 * try { … } finally { metrics.flush(); } // or middy: .use(logMetrics(metrics.powertools))
 */
export class PowertoolsPortalMetrics implements FlushablePortalMetrics {
  /** The Powertools instance, for its middy middleware (`logMetrics`) and cold-start metric. */
  readonly powertools: Metrics;

  constructor(options: { serviceName?: string } = {}) {
    this.powertools = new Metrics({
      namespace: metricsNamespace,
      serviceName: options.serviceName ?? process.env.POWERTOOLS_SERVICE_NAME ?? 'srs-portal',
    });
  }

  count(name: string, value = 1, dimensions: Readonly<Record<string, string>> = {}): void {
    assertCount(value);
    if (Object.keys(dimensions).length === 0) {
      this.powertools.addMetric(name, MetricUnit.Count, value);
      return;
    }
    this.writeNow(name, MetricUnit.Count, value, dimensions);
  }

  storeCalls(route: string, store: CallTally): void {
    const dimensions = { [storeCallMetrics.dimension]: route };
    this.writeNow(storeCallMetrics.calls, MetricUnit.Count, store.calls, dimensions);
    this.writeNow(storeCallMetrics.time, MetricUnit.Milliseconds, store.ms, dimensions);
  }

  flush(): void {
    if (this.powertools.hasStoredMetrics()) this.powertools.publishStoredMetrics();
  }

  /** One metric with its own dimensions, written at once (a single metric clears its dimensions when written). */
  private writeNow(
    name: string,
    unit: (typeof MetricUnit)[keyof typeof MetricUnit],
    value: number,
    dimensions: Readonly<Record<string, string>>,
  ): void {
    this.powertools
      .singleMetric()
      .addDimensions({ ...dimensions })
      .addMetric(name, unit, value);
  }
}

export interface CountedMetric {
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly total: number;
}

/**
 * Business metrics kept in memory, for tests and local mode: totals per name and dimensions, nothing sent.
 *
 * @example
 * const metrics = new InMemoryPortalMetrics();
 * metrics.count('registrations', 1, { applicantType: 'individual' });
 * metrics.total('registrations'); // 1
 */
export class InMemoryPortalMetrics implements FlushablePortalMetrics {
  private readonly totals = new Map<string, CountedMetric>();

  count(name: string, value = 1, dimensions: Readonly<Record<string, string>> = {}): void {
    assertCount(value);
    const sorted = Object.fromEntries(Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b)));
    const key = JSON.stringify([name, sorted]);
    const total = (this.totals.get(key)?.total ?? 0) + value;
    this.totals.set(key, { name, dimensions: sorted, total });
  }

  /** The total counted under `name`, over every dimension set that includes `dimensions`. */
  total(name: string, dimensions: Readonly<Record<string, string>> = {}): number {
    return this.counted()
      .filter((metric) => metric.name === name)
      .filter((metric) =>
        Object.entries(dimensions).every(([key, value]) => metric.dimensions[key] === value),
      )
      .reduce((sum, metric) => sum + metric.total, 0);
  }

  /** Store calls count as two totals (calls, milliseconds) under {@link storeCallMetrics}. */
  storeCalls(route: string, store: CallTally): void {
    const dimensions = { [storeCallMetrics.dimension]: route };
    this.count(storeCallMetrics.calls, store.calls, dimensions);
    this.count(storeCallMetrics.time, store.ms, dimensions);
  }

  /** Every total, one per name and dimension set. */
  counted(): CountedMetric[] {
    return [...this.totals.values()];
  }

  /** Nothing to send: the totals stay until {@link reset}. */
  flush(): void {}

  reset(): void {
    this.totals.clear();
  }
}
