import { createJobHandler } from '../../../functions/operators/jobs';
import { shreddedNetworkData } from '../../../functions/domain/network-data';
import { accountTestDependencies } from '../../support/accounts';
import { createTestTables } from '../../support/dynamo';
import { testPortal } from '../../support/portal';
import { itemsOf, logIn, operatorTestDependencies, registerApplicant } from './support';

const day = 24 * 60 * 60;
const networkDataRetentionDays = 365;

/** The first instant of the calendar month (UTC) after the one of `now`. */
const nextMonthOf = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);

describe('Network data retention by crypto-shredding (2.4), against DynamoDB Local', () => {
  it('keeps IP addresses and user agents only sealed; past retention the activity shows “—” for that month, the clear values for later ones, and the entries stay', async () => {
    const tables = await createTestTables();
    const accounts = accountTestDependencies(tables);
    const portal = testPortal(accounts);
    const operators = operatorTestDependencies(tables, accounts, { networkDataRetentionDays });
    const purge = createJobHandler(operators, 'purge-deleted');
    const clock = accounts.clock;
    const activity = async (ip: string) => {
      const token = (await logIn(portal, applicant, ip)).body.token as string;
      const answer = await portal.call('GET', '/v1/me/activity', { token, query: { limit: '50' } });
      return (
        answer.body.items as { at: string; action: string; ip?: string; userAgent?: string }[]
      ).reverse();
    };

    // Month 1: registration and a login; month 2: a login.
    const applicant = await registerApplicant(portal, accounts);
    await logIn(portal, applicant, '198.51.100.11');
    const firstMonthEnd = nextMonthOf(clock.now());
    const secondsUntil = (instant: number) => (instant - clock.now().getTime()) / 1000;
    clock.advance(secondsUntil(firstMonthEnd) + day);
    const secondMonth = await activity('198.51.100.22');
    expect(secondMonth.map((entry) => entry.ip)).toEqual([
      expect.any(String),
      '198.51.100.11',
      '198.51.100.22',
    ]);

    // Not readable in the raw items.
    const raw = await itemsOf(tables, `AUDIT#${applicant.accountId}`);
    expect(raw).toHaveLength(3);
    for (const item of raw) {
      expect(item).not.toHaveProperty('ip');
      expect(item).not.toHaveProperty('userAgent');
      expect(item.sealedOrigin).toMatch(/^n1\.\d{4}-\d{2}\./);
    }
    expect(JSON.stringify(raw)).not.toMatch(/198\.51\.100/);

    // The first month ended more than the retention ago; the second has not.
    clock.advance(secondsUntil(firstMonthEnd) + (networkDataRetentionDays + 1) * day);
    expect((await purge({})).details).toMatchObject({
      networkDataRetentionDays,
      networkDataMonthsShredded: 1,
    });

    const after = await activity('198.51.100.33');
    expect(after.map(({ ip, userAgent }) => [ip, userAgent !== shreddedNetworkData])).toEqual([
      [shreddedNetworkData, false],
      [shreddedNetworkData, false],
      ['198.51.100.22', true],
      ['198.51.100.33', true],
    ]);
    // The entries themselves are as they were written (2.6: append-only).
    const kept = await itemsOf(tables, `AUDIT#${applicant.accountId}`);
    expect(kept.filter((item) => raw.some((before) => before.sk === item.sk))).toEqual(
      expect.arrayContaining(raw),
    );
    expect((await purge({})).details).toMatchObject({ networkDataMonthsShredded: 0 });
  });
});
