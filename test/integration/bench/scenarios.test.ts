import { randomBytes } from 'node:crypto';
import { createDeployment, type Deployment } from '../../../bench/deployment';
import { poolOf } from '../../../bench/latency';
import { loadAccounts } from '../../../bench/load';
import { callsPerPooledApplicant, poolNeeded, type ScenarioContext } from '../../../bench/scenario-steps';
import { scenarios } from '../../../bench/scenarios';
import { createIdCardVerifier } from '../../../functions/adapters/id-card';
import { CryptoVault } from '../../../functions/adapters/keys/crypto-vault';
import { scryptPasswordHasher } from '../../../functions/adapters/passwords';
import { lockoutThreshold } from '../../../functions/domain/accounts/account';
import type { PasswordHasher } from '../../../functions/domain/accounts/dependencies';
import { createDevCa } from '../../../lib/local/virtual-card/dev-ca';

/** Counts the KDF runs (hash, verify, verifyDummy) the portal asks of the hasher. */
const countingHasher = (inner: PasswordHasher) => {
  const counter = { runs: 0 };
  const hasher: PasswordHasher = {
    hash: (password) => ((counter.runs += 1), inner.hash(password)),
    verify: (password, hash) => ((counter.runs += 1), inner.verify(password, hash)),
    verifyDummy: (password) => ((counter.runs += 1), inner.verifyDummy(password)),
    needsRehash: (hash) => inner.needsRehash(hash),
    generate: () => inner.generate(),
  };
  return { hasher, counter };
};

/**
 * Calls per scenario: past the lockout threshold (an applicant who proves the password on every call, as a phone
 * change asks, must not lock), and past one pooled applicant's share (the next one is taken).
 */
const calls = Math.max(lockoutThreshold + 2, callsPerPooledApplicant + 1);

/**
 * `npm run bench` calls every route 300 times with what its scenarios prepare, and stops a route at its first
 * surprise; it runs outside `npm test`. This keeps each scenario working when the API changes: a few calls each,
 * on a small pool of bulk applicants, answered as the scenario expects, with the SMS and KDF runs it declares.
 */
describe('The bench’s scenarios', () => {
  const { hasher, counter } = countingHasher(scryptPasswordHasher({ ln: 10, r: 8, p: 1 }));
  const origin = 'https://portal.example.kg';
  let deployment: Deployment;
  let context: ScenarioContext;

  beforeAll(async () => {
    const ca = await createDevCa();
    deployment = await createDeployment({
      label: 'scenarios',
      endpoint: process.env.TEST_DYNAMODB_ENDPOINT!,
      vault: new CryptoVault({ lookupKey: randomBytes(32), dataKey: randomBytes(32) }),
      passwords: hasher,
      idCard: createIdCardVerifier({ origin, trustedCAs: [ca.certificate] }),
    });
    const bulkPassword = `bench-${randomBytes(6).toString('hex')}`;
    const pool = await loadAccounts(
      deployment,
      { from: 0, to: poolNeeded(scenarios, calls) },
      await hasher.hash(bulkPassword),
      Date.now() + 60_000,
    );
    context = { bulkPassword, idCard: { ca, origin }, takeFromPool: poolOf(pool) };
  }, 120_000);

  afterAll(() => deployment?.close());

  it.each(scenarios.map((scenario) => [scenario.route, scenario] as const))(
    '%s answers as expected, with the SMS and KDF runs it declares',
    async (route, scenario) => {
      const [method, path] = route.split(' ') as [string, string];
      const next = await scenario.prepare(deployment, context);
      for (let call = 0; call < calls; call += 1) {
        const smsBefore = deployment.phones.sent;
        const options = await next(call);
        const kdfBefore = counter.runs;
        const answer = await deployment.call(method, path, options);
        const refusal = answer.status !== scenario.expect && { code: answer.body.code };
        expect({ call, status: answer.status, ...refusal }).toEqual({ call, status: scenario.expect });
        expect({ call, kdf: counter.runs - kdfBefore }).toEqual({ call, kdf: scenario.kdfPerCall });
        expect({ call, sms: deployment.phones.sent - smsBefore }).toEqual({ call, sms: scenario.smsPerCall });
      }
    },
    60_000,
  );
});
