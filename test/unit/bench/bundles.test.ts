import { lambdaEntries } from '../../../bench/bundles';
import { checkFunctionGoals, functionGoal, missing } from '../../../bench/function-goals';

describe('lambdaEntries', () => {
  it('names every route group and operator function, never a library or composition root', () => {
    const names = lambdaEntries().map((entry) => entry.name);
    expect(names).toEqual(
      expect.arrayContaining(['cabinet', 'id-card', 'operators/commands', 'operators/jobs']),
    );
    expect(names.filter((name) => /^(adapters|commons|domain|wiring)\//.test(name))).toEqual([]);
  });
});

/** Issue 20's goals, per function, against the bare baseline of the same run. */
describe('checkFunctionGoals', () => {
  it('holds every function to 1.8× in size and 1.5× in cold start, id-card to 2.2× and 1.8×', () => {
    expect(functionGoal('cabinet')).toEqual({ bundle: 1.8, init: 1.5 });
    expect(functionGoal('id-card')).toEqual({ bundle: 2.2, init: 1.8 });
  });

  it('passes a function within both goals and names one that misses either', () => {
    const checks = checkFunctionGoals(
      [
        { name: 'cabinet', ratio: 1.8 },
        { name: 'id-card', ratio: 2.1 },
        { name: 'sessions', ratio: 1.81 },
      ],
      [
        { name: 'cabinet', ratio: 1.5 },
        { name: 'id-card', ratio: 1.9 },
        { name: 'sessions', ratio: 1.2 },
      ],
    );
    expect(checks.map(({ name, bundlePass, initPass }) => [name, bundlePass, initPass])).toEqual([
      ['cabinet', true, true],
      ['id-card', true, false],
      ['sessions', false, true],
    ]);
    expect(missing(checks, 'bundle')).toBe('sessions');
    expect(missing(checks, 'init')).toBe('id-card');
    expect(missing(checks.slice(0, 1), 'init')).toBe('none');
  });

  it('counts a function whose cold start was not timed as a miss', () => {
    expect(checkFunctionGoals([{ name: 'public', ratio: 1 }], [])[0]!.initPass).toBe(false);
  });
});
