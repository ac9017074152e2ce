import { createIdCardVerifier } from '../../../functions/adapters/id-card';
import { signChallenge } from '../../../lib/local/virtual-card/card';
import { createDevCa, issueCardCertificate } from '../../../lib/local/virtual-card/dev-ca';
import { accountTestDependencies } from '../../support/accounts';
import { createTestTables } from '../../support/dynamo';
import { testPortal } from '../../support/portal';

const origin = 'https://portal.example.kg';

describe('ID-card challenges (2.1) against DynamoDB Local', () => {
  it('refuses a challenge older than 5 minutes, even with a valid card signature', async () => {
    const ca = await createDevCa();
    const tables = await createTestTables();
    const deps = accountTestDependencies(
      tables,
      {},
      createIdCardVerifier({ origin, trustedCAs: [ca.certificate] }),
    );
    const portal = testPortal(deps);
    const { applicant } = await portal.register();
    const card = await issueCardCertificate(ca, { pin: applicant.pin });

    const fresh = (await portal.call('POST', '/v1/id-card/challenges')).body as {
      challengeId: string;
      nonce: string;
    };
    const onTime = await signChallenge(card, { origin, nonce: fresh.nonce });
    expect(
      (
        await portal.call('POST', '/v1/id-card/sessions', {
          body: { challengeId: fresh.challengeId, authToken: onTime },
        })
      ).status,
    ).toBe(201);

    const stale = (await portal.call('POST', '/v1/id-card/challenges')).body as {
      challengeId: string;
      nonce: string;
    };
    deps.clock.advance(5 * 60 + 1);
    const late = await signChallenge(card, { origin, nonce: stale.nonce });
    const answer = await portal.call('POST', '/v1/id-card/sessions', {
      body: { challengeId: stale.challengeId, authToken: late },
    });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('invalid_id_card');
  });

  it('answers 403 account_blocked for the card of a blocked account, like password login', async () => {
    const ca = await createDevCa();
    const tables = await createTestTables();
    const deps = accountTestDependencies(
      tables,
      {},
      createIdCardVerifier({ origin, trustedCAs: [ca.certificate] }),
    );
    const portal = testPortal(deps);
    const { applicant, answer } = await portal.register();
    const accountId = answer.body.accountId as string;
    const account = (await deps.accounts.accounts.get(accountId))!;
    await deps.accounts.accounts.commit({
      account: { ...account, status: 'blocked', version: account.version + 1 },
      expectedVersion: account.version,
      audit: [],
    });
    const card = await issueCardCertificate(ca, { pin: applicant.pin });
    const { challengeId, nonce } = (await portal.call('POST', '/v1/id-card/challenges')).body as {
      challengeId: string;
      nonce: string;
    };
    const authToken = await signChallenge(card, { origin, nonce });
    const refused = await portal.call('POST', '/v1/id-card/sessions', { body: { challengeId, authToken } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('account_blocked');
  });
});
