import type { OperatorDependencies } from '../dependencies';
import type { DueKind, DueMarker } from '../store';
import { pageThrough, type JobBudget } from './job';

/**
 * Works through the markers of `kind` due by `until`, earliest first, a bounded number of pages per invocation.
 * `handle` settles each marker (acts, moves or clears it), so the next invocation starts with what is left.
 */
export const workThroughDue = async (
  deps: OperatorDependencies,
  budget: JobBudget,
  kind: DueKind,
  until: string,
  handle: (marker: DueMarker) => Promise<boolean>,
): Promise<{ complete: boolean; pages: number; examined: number; changed: number }> => {
  let examined = 0;
  let changed = 0;
  const { pages, cursor } = await pageThrough(budget, undefined, async (cursor) => {
    const page = await deps.operators.dueMarkers(kind, until, { limit: budget.pageSize, cursor });
    for (const marker of page.items) {
      examined += 1;
      if (await handle(marker)) changed += 1;
    }
    return page.cursor;
  });
  return { complete: cursor === undefined, pages, examined, changed };
};
