import { createIdCardVerifier } from '../../../functions/adapters/id-card';
import { signChallenge } from '../../../lib/local/virtual-card/card';
import { createDevCa, issueCardCertificate } from '../../../lib/local/virtual-card/dev-ca';
import { accountTestDependencies } from '../../support/accounts';
import { createTestTables } from '../../support/dynamo';
import { testPortal } from '../../support/portal';

const origin = 'https://portal.example.kg';

/** A registered applicant with a virtual card from a CA the portal trusts, and the card's way in. */
const applicantWithCard = async () => {
  const ca = await createDevCa();
  const deps = accountTestDependencies(
    await createTestTables(),
    {},
    createIdCardVerifier({ origin, trustedCAs: [ca.certificate] }),
  );
  const portal = testPortal(deps);
  const { applicant, answer } = await portal.register();
  const card = await issueCardCertificate(ca, { pin: applicant.pin });
  const challenge = async () =>
    (await portal.call('POST', '/v1/id-card/challenges')).body as { challengeId: string; nonce: string };
  const answerChallenge = async ({ challengeId, nonce }: { challengeId: string; nonce: string }) =>
    portal.call('POST', '/v1/id-card/sessions', {
      body: { challengeId, authToken: await signChallenge(card, { origin, nonce }) },
    });
  return { deps, accountId: answer.body.accountId as string, challenge, answerChallenge };
};

describe('ID-card challenges (2.1) against DynamoDB Local', () => {
  it('refuses a challenge older than 5 minutes, even with a valid card signature', async () => {
    const { deps, challenge, answerChallenge } = await applicantWithCard();
    expect((await answerChallenge(await challenge())).status).toBe(201);

    const stale = await challenge();
    deps.clock.advance(5 * 60 + 1);
    const answer = await answerChallenge(stale);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('invalid_id_card');
  });

  it('answers 403 account_blocked for the card of a blocked account, like password login', async () => {
    const { deps, accountId, challenge, answerChallenge } = await applicantWithCard();
    const account = (await deps.accounts.accounts.get(accountId))!;
    await deps.accounts.accounts.commit({
      account: { ...account, status: 'blocked', version: account.version + 1 },
      expectedVersion: account.version,
      audit: [],
    });
    const refused = await answerChallenge(await challenge());
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('account_blocked');
  });
});
