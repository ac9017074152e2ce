/**
 * Runs `work` to its end while its pauses pass at once: the domain backs off with `setTimeout` between retries
 * (updateAccount), and under {@link pausesPassAtOnce} no test waits on the machine's clock for them.
 */
export const withoutPauses = async <T>(work: Promise<T>): Promise<T> => {
  let outcome: { value: T } | { error: unknown } | undefined;
  void work.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  // Each step yields one real macrotask, so work waiting on I/O (scrypt) moves on too.
  while (outcome === undefined) await jest.advanceTimersToNextTimerAsync();
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
};

/** Timers jest leaves real: promises, I/O callbacks and Date (the rules' time is the FakeClock's) are untouched. */
const keptReal = [
  'Date',
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
] as const;

/**
 * For the tests of one describe: `setTimeout` is fake (driven by {@link withoutPauses}) and the back-off's random
 * jitter is fixed, so requests in parallel interleave the same way in every run, whatever the machine's speed.
 */
export const pausesPassAtOnce = (): void => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: [...keptReal] });
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });
};
