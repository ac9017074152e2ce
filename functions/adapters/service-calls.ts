import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import type { InitializeMiddleware, MiddlewareStack } from '@smithy/types';

/** The AWS services an invocation may call, as its log line names them. */
export const calledServices = ['dynamodb', 'sns', 'secretsManager'] as const;
export type CalledService = (typeof calledServices)[number];

/** How many calls an invocation made to one service, and how long they took in all (retries included). */
export interface CallTally {
  readonly calls: number;
  readonly ms: number;
}

const roundMs = (ms: number) => Math.round(ms * 10) / 10;

/** The AWS calls of one invocation, per service. */
export class InvocationCalls {
  private readonly tallies = new Map<CalledService, CallTally>();
  private readonly started = performance.now();

  add(service: CalledService, ms: number): void {
    const { calls, ms: total } = this.of(service);
    this.tallies.set(service, { calls: calls + 1, ms: total + ms });
  }

  of(service: CalledService): CallTally {
    return this.tallies.get(service) ?? { calls: 0, ms: 0 };
  }

  /**
   * The invocation's time so far (`ms`) and its calls per service (`dynamodbCalls`, `dynamodbMs`, …) as log
   * attributes: numbers only, nothing of the calls' data.
   */
  logAttributes(): Record<'ms' | `${CalledService}${'Calls' | 'Ms'}`, number> {
    return Object.fromEntries([
      ['ms', roundMs(performance.now() - this.started)],
      ...calledServices.flatMap((service) => {
        const { calls, ms } = this.of(service);
        return [
          [`${service}Calls`, calls],
          [`${service}Ms`, roundMs(ms)],
        ];
      }),
    ]) as Record<'ms' | `${CalledService}${'Calls' | 'Ms'}`, number>;
  }
}

/**
 * Whose calls are being counted: one {@link InvocationCalls} per invocation, carried by the async context, so that
 * the many requests the local server runs at once in one process never count each other's calls.
 */
const invocation = new AsyncLocalStorage<InvocationCalls>();

/**
 * Runs one invocation's work with its own count of AWS calls. Nested runs share the outer one's count: a handler
 * that loads its dependencies (Secrets Manager) before the route's handler runs counts both on one line.
 */
export const countingCalls = <T>(work: (calls: InvocationCalls) => Promise<T>): Promise<T> => {
  const current = invocation.getStore();
  if (current) return work(current);
  const calls = new InvocationCalls();
  return invocation.run(calls, () => work(calls));
};

/**
 * Counts each command `client` sends toward the invocation it is sent for (outside {@link countingCalls}, not at
 * all): a middleware first in the client's stack, so that the time is the whole call, retries included.
 */
export const countCalls = <Client extends { middlewareStack: object }>(
  service: CalledService,
  client: Client,
): Client => {
  const middleware: InitializeMiddleware<object, object> = (next) => async (args) => {
    const calls = invocation.getStore();
    if (!calls) return next(args);
    const started = performance.now();
    try {
      return await next(args);
    } finally {
      calls.add(service, performance.now() - started);
    }
  };
  (client.middlewareStack as MiddlewareStack<object, object>).add(middleware, {
    step: 'initialize',
    priority: 'high',
    name: 'portalCallCount',
  });
  return client;
};
