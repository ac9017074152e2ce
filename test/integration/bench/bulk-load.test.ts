import { randomBytes } from 'node:crypto';
import { createDeployment } from '../../../bench/deployment';
import { loadAccounts } from '../../../bench/load';
import { CryptoVault } from '../../../functions/adapters/keys/crypto-vault';
import { scryptPasswordHasher } from '../../../functions/adapters/passwords';

/**
 * `npm run bench` loads its applicants as the registration code shapes them, outside the route path; this keeps it
 * working when registration changes (the bench itself runs outside `npm test`).
 */
describe('The bench’s bulk load', () => {
  it('loads applicants who can then log in through the routes', async () => {
    const passwords = scryptPasswordHasher({ ln: 10, r: 8, p: 1 });
    const deployment = await createDeployment({
      label: 'test',
      endpoint: process.env.TEST_DYNAMODB_ENDPOINT!,
      vault: new CryptoVault({ lookupKey: randomBytes(32), dataKey: randomBytes(32) }),
      passwords,
      idCard: { verify: async () => ({ ok: false, reason: 'untrusted_chain' }) },
    });
    try {
      const password = 'Bench-load-2026';
      const loaded = await loadAccounts(
        deployment,
        { from: 0, to: 3 },
        await passwords.hash(password),
        Date.now() + 60_000,
      );
      expect(loaded).toHaveLength(3);
      const login = await deployment.call('POST', '/v1/sessions', {
        body: { phone: loaded[0]!.phone, password },
      });
      expect(login.status).toBe(201);
    } finally {
      deployment.close();
    }
  });
});
