/** Small statistics for the bench: nearest-rank percentiles over a sample of durations. */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
};

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** A ratio rounded for reports; NaN when the baseline is missing or zero. */
export const ratio = (value: number, baseline: number): number =>
  baseline > 0 && Number.isFinite(value) ? round(value / baseline, 3) : Number.NaN;

export const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Milliseconds since `started` (a `performance.now()` value). */
export const since = (started: number): number => performance.now() - started;
