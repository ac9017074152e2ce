import { accountTestDependencies, TestClock } from '../support/accounts';
import { createTestTables } from '../support/dynamo';
import { newApplicant, testPortal } from '../support/portal';

/**
 * Two instances of the portal whose clocks differ by minutes share one store. Lifetimes are fixed when a session or
 * code is issued, so the instance that runs ahead cannot keep them alive past those times.
 */
describe('Clock skew between instances', () => {
  it('does not extend a session past its 12 hours or a code past its 10 minutes', async () => {
    const tables = await createTestTables();
    const onTime = accountTestDependencies(tables);
    const ahead = {
      ...onTime,
      accounts: {
        ...onTime.accounts,
        clock: new TestClock(new Date(onTime.clock.now().getTime() + 5 * 60_000)),
      },
    };
    const portalOnTime = testPortal(onTime);
    const portalAhead = testPortal(ahead as typeof onTime);

    const { applicant } = await portalOnTime.register();
    const password = onTime.phones.lastTo(applicant.phone)!.secret;
    const token = (
      await portalOnTime.call('POST', '/v1/sessions', { body: { phone: applicant.phone, password } })
    ).body.token as string;

    // The instance ahead serves the session every 25 minutes (its clock) until the session's 12 hours are over.
    for (let minutes = 0; minutes < 12 * 60 - 25; minutes += 25) {
      onTime.clock.advance(25 * 60);
      (ahead.accounts.clock as TestClock).advance(25 * 60);
      await portalAhead.call('GET', '/v1/me', { token });
    }
    onTime.clock.advance(30 * 60);
    expect((await portalOnTime.call('GET', '/v1/me', { token })).status).toBe(401);

    // A code issued by the instance on time lapses after 10 minutes, whichever instance checks it.
    const fresh = (
      await portalOnTime.call('POST', '/v1/sessions', { body: { phone: applicant.phone, password } })
    ).body.token as string;
    const newPhone = newApplicant().phone;
    await portalOnTime.call('POST', '/v1/me/phone-changes', {
      token: fresh,
      body: { newPhone, currentPassword: password },
    });
    const code = onTime.phones.lastTo(newPhone)!.secret;
    onTime.clock.advance(10 * 60 + 1);
    const late = await portalOnTime.call('POST', '/v1/me/phone-changes/confirm', {
      token: fresh,
      body: { code },
    });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('invalid_code');
  });
});
