import type { Bundle } from './bundles';
import type { InitResult } from './init';

/** Ratios over the bare GetItem baseline of the same run (issue 20); ID-card login carries X.509 and ASN.1. */
export interface FunctionGoal {
  readonly bundle: number;
  readonly init: number;
}

const everyFunction: FunctionGoal = { bundle: 1.8, init: 1.5 };
const exceptions: Readonly<Record<string, FunctionGoal>> = { 'id-card': { bundle: 2.2, init: 1.8 } };

export const functionGoal = (name: string): FunctionGoal => exceptions[name] ?? everyFunction;

/** One function held to its goals: what the report prints on its row. */
export interface FunctionGoalCheck {
  readonly name: string;
  readonly goal: FunctionGoal;
  readonly bundlePass: boolean;
  readonly initPass: boolean;
}

/** Each function's bundle and cold-initialization ratios against its goals; a function not timed misses. */
export const checkFunctionGoals = (
  bundles: readonly Pick<Bundle, 'name' | 'ratio'>[],
  init: readonly Pick<InitResult, 'name' | 'ratio'>[],
): FunctionGoalCheck[] =>
  bundles.map(({ name, ratio }) => {
    const goal = functionGoal(name);
    const initRatio = init.find((f) => f.name === name)?.ratio ?? Number.NaN;
    return { name, goal, bundlePass: ratio <= goal.bundle, initPass: initRatio <= goal.init };
  });

/** The functions that miss one of their goals, for the goals table: `none`, or their names. */
export const missing = (checks: readonly FunctionGoalCheck[], kind: 'bundle' | 'init'): string =>
  checks
    .filter((check) => !(kind === 'bundle' ? check.bundlePass : check.initPass))
    .map((check) => check.name)
    .join(', ') || 'none';
