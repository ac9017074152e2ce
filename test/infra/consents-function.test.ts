import { idempotencyTable } from '../../contract/tables';
import { synthesize } from '../support/synth';
import { portalFunctions, refersTo, statementsWith, type DeployedFunction } from './template-queries';

/**
 * 2.4: the consents function seals the consent's IP address and user agent under the month's key, wrapped by the
 * vault of the keys secret: it reads that secret and the month keys, and still sends no SMS and replays nothing.
 */
describe('The consents function’s grants (2.4)', () => {
  let consents: DeployedFunction;

  beforeAll(() => {
    const portal = synthesize('dev', { bundle: false, name: 'consents-function' });
    consents = portalFunctions(portal.api).find((fn) => fn.name === 'consents')!;
  });

  it('reads the keys secret, named in its environment, with GetSecretValue only', () => {
    const secrets = consents.statements.filter((s) => s.actions.some((a) => a.startsWith('secretsmanager:')));
    expect(secrets).toHaveLength(1);
    expect(secrets[0]!.actions).toEqual(['secretsmanager:GetSecretValue']);
    expect(refersTo(secrets[0]!.resources, 'KeysSecret')).toBe(true);
    expect(refersTo(consents.properties.Environment.Variables.PORTAL_KEYS_SECRET_ID, 'KeysSecret')).toBe(
      true,
    );
  });

  it('reads a month key and writes consents and new month keys on the portal table, nothing more', () => {
    const onTable = consents.statements.filter(
      (s) => s.Effect === 'Allow' && s.actions.some((a) => a.startsWith('dynamodb:')),
    );
    expect(onTable.flatMap((s) => s.actions).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
  });

  it('publishes nothing and has no idempotency table', () => {
    expect(statementsWith(consents, 'sns:Publish')).toEqual([]);
    expect(Object.keys(consents.properties.Environment.Variables)).not.toContain(idempotencyTable.envVar);
  });
});
