import { auditActions } from '../../../functions/domain/audit';
import { actionNames } from '../../../web/src/action-names';

/** 2.6: the cabinet's activity list names every action the audit log can hold, in each of the page's languages. */
describe('The activity list’s names of audit actions', () => {
  it.each(auditActions.map((action) => [action]))('names %s in Kyrgyz, Russian and English', (action) => {
    expect(Object.keys(actionNames[action] ?? {}).sort()).toEqual(['en', 'ky', 'ru']);
    expect(Object.values(actionNames[action]!).every((name) => name.trim().length > 0)).toBe(true);
  });
});
