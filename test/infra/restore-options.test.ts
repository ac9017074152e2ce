import { synthesize } from '../support/synth';
import { portalFunctions, resourcesOf } from './template-queries';

const restored = 'srs-portal-prod-portal-restored-20261204';

describe('A stage switched to a restored table (docs/runbook-restore.md)', () => {
  it('creates no portal table, names the restored one to every function, and keeps the idempotency table', () => {
    const portal = synthesize('prod', {
      bundle: false,
      name: 'restore-options',
      context: { restoredTables: `Portal=${restored}` },
    });
    expect(portal.nagViolations).toEqual([]);
    const created = resourcesOf(portal.data, 'AWS::DynamoDB::GlobalTable');
    expect(created).toHaveLength(1);
    expect(created[0]![0]).toMatch(/^IdempotencyTable/);
    const functions = [...portal.templates.values()].flatMap(portalFunctions);
    const withTable = functions.filter((fn) => fn.properties.Environment.Variables.PORTAL_TABLE_NAME);
    expect(withTable.length).toBeGreaterThan(0);
    for (const fn of withTable) {
      expect(fn.properties.Environment.Variables.PORTAL_TABLE_NAME).toBe(restored);
      const tableGrants = fn.statements.filter((s) => s.actions.some((a) => a.startsWith('dynamodb:')));
      expect(JSON.stringify(tableGrants)).toContain(`:table/${restored}`);
    }
  });

  it('refuses a table id that contract/tables.ts does not declare, and a name DynamoDB would refuse', () => {
    for (const restoredTables of ['Accounts=srs-portal-x', 'Portal=no spaces allowed'])
      expect(() =>
        synthesize('dev', { bundle: false, name: 'restore-refused', context: { restoredTables } }),
      ).toThrow(/Invalid CDK context: [\s\S]*restoredTables/);
  });
});
