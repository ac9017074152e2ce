import { DynamoDbRateLimiter } from '../../../functions/adapters/rate-limit/dynamodb-rate-limiter';
import { consumeRequestAllowances, withinDailyCeiling } from '../../../functions/domain/accounts/sms';
import { TooManyRequests } from '../../../functions/domain/errors';
import { limits } from '../../../functions/domain/limits';
import { accountTestDependencies, TestClock } from '../../support/accounts';
import { createTestTables, type TestTables } from '../../support/dynamo';
import { newApplicant, testPortal } from '../../support/portal';

/** 10:00 UTC: every window used below (an hour, a day) lies well inside its fixed window, whatever the wall time. */
const start = new Date('2026-11-25T10:00:00.000Z');

const outcomeOf = (attempt: Promise<void>): Promise<'counted' | 'refused'> =>
  attempt.then(
    () => 'counted' as const,
    (error: unknown) => {
      if (error instanceof TooManyRequests) return 'refused' as const;
      throw error;
    },
  );

/**
 * 2.7, 2.8 (DESIGN Codes): a phone's SMS allowances count per requesting network, under a per-phone daily
 * ceiling, so that a stranger who knows a phone (and PIN) cannot use up its owner's codes. Against DynamoDB Local.
 */
describe('SMS allowances per requesting network (2.7, 2.8), against DynamoDB Local', () => {
  let tables: TestTables;
  let clock: TestClock;
  let deps: ReturnType<typeof accountTestDependencies>;
  let portal: ReturnType<typeof testPortal>;

  const codesTo = (phone: string) => deps.phones.sent.filter((m) => m.phone === phone && m.secret).length;
  const resetFrom = (sourceIp: string, body: { phone: string; pin: string }) =>
    portal.call('POST', '/v1/password-resets', { body, sourceIp });
  const reportCodeFrom = (sourceIp: string, body: { phone: string; pin: string }) =>
    portal.call('POST', '/v1/access-reports', { body, sourceIp });

  beforeAll(async () => {
    tables = await createTestTables();
    clock = new TestClock(start);
    deps = accountTestDependencies(tables, { clock });
    portal = testPortal(deps);
  });
  beforeEach(() => clock.advance(2 * 86_400)); // a fresh day for every test, still 10:00 UTC

  describe('Function: consumeRequestAllowances', () => {
    const allowances = () => ({
      limits: new DynamoDbRateLimiter(tables.client, tables.tableName),
      vault: deps.accounts.vault,
      clock,
    });

    it("a stranger who uses up a phone's allowance from one network leaves the owner's network untouched", async () => {
      const phone = newApplicant().phone;
      const ask = (ip: string) =>
        outcomeOf(consumeRequestAllowances(allowances(), { phone, ip, purpose: 'password_reset' }));
      const stranger = [];
      for (let i = 0; i <= limits.passwordResetsPerPhoneNetwork.max; i += 1)
        stranger.push(await ask('198.51.100.7'));

      expect(stranger).toEqual(['counted', 'counted', 'counted', 'refused']);
      expect(await ask('::ffff:198.51.100.7')).toBe('refused');
      expect(await ask('203.0.113.50')).toBe('counted');
      expect(await ask('2001:db8:7:1::1')).toBe('counted');
    });

    it('lets parallel requests from one network through only up to the allowance (atomic counters)', async () => {
      const phone = newApplicant().phone;
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, () =>
          outcomeOf(
            consumeRequestAllowances(allowances(), { phone, ip: '198.51.100.8', purpose: 'access_report' }),
          ),
        ),
      );
      expect(outcomes.filter((o) => o === 'counted')).toHaveLength(
        limits.accessReportCodesPerPhoneNetwork.max,
      );
    });

    it("stops a stranger walking through the /64s of one IPv6 /48 at the site's allowance; another site still counts", async () => {
      const phone = newApplicant().phone;
      const outcomes = [];
      for (let subnet = 1; subnet <= limits.smsPerPhoneSite.max + 2; subnet += 1)
        outcomes.push(
          await outcomeOf(
            consumeRequestAllowances(allowances(), {
              phone,
              ip: `2001:db8:1:${subnet.toString(16)}::1`,
              purpose: 'access_report',
            }),
          ),
        );

      expect(outcomes.filter((o) => o === 'counted')).toHaveLength(limits.smsPerPhoneSite.max);
      expect(
        await outcomeOf(
          consumeRequestAllowances(allowances(), { phone, ip: '2001:db8:2:1::1', purpose: 'access_report' }),
        ),
      ).toBe('counted');
    });

    it('counts the daily ceiling per phone, for SMS about to go, and says false past it instead of refusing', async () => {
      const phone = newApplicant().phone;
      const within = [];
      for (let i = 0; i <= limits.smsPerPhoneDaily.max; i += 1)
        within.push(await withinDailyCeiling(allowances(), phone));

      expect(within.filter(Boolean)).toHaveLength(limits.smsPerPhoneDaily.max);
      expect(within.at(-1)).toBe(false);
      expect(await withinDailyCeiling(allowances(), newApplicant().phone)).toBe(true);
    });
  });

  describe('POST /v1/password-resets and POST /v1/access-reports', () => {
    it('answers a matching and a mismatching PIN, and an unknown phone, with the same statuses: 202 ×3, then 429', async () => {
      const { applicant } = await portal.register();
      const cases = [
        { ip: '198.51.100.21', body: { phone: applicant.phone, pin: applicant.pin } },
        { ip: '198.51.100.22', body: { phone: applicant.phone, pin: newApplicant().pin } },
        { ip: '198.51.100.23', body: (({ phone, pin }) => ({ phone, pin }))(newApplicant()) },
      ];
      const seen = [];
      for (const { ip, body } of cases) {
        const answers = [];
        for (let i = 0; i < 5; i += 1) {
          const answer = await resetFrom(ip, body);
          answers.push({
            status: answer.status,
            retryAfter: answer.headers['retry-after'],
            keys: Object.keys(answer.body).sort(),
          });
        }
        seen.push(answers);
      }

      expect(seen[0]!.map((a) => a.status)).toEqual([202, 202, 202, 429, 429]);
      expect(seen[1]).toEqual(seen[0]);
      expect(seen[2]).toEqual(seen[0]);
    });

    it("lets the owner ask from another network after a stranger used up the allowance of the stranger's network", async () => {
      const { applicant } = await portal.register();
      const stranger = { phone: applicant.phone, pin: applicant.pin }; // knows phone and PIN
      for (let i = 0; i < limits.passwordResetsPerPhoneNetwork.max; i += 1)
        expect((await resetFrom('198.51.100.31', stranger)).status).toBe(202);
      for (let i = 0; i < limits.accessReportCodesPerPhoneNetwork.max; i += 1)
        expect((await reportCodeFrom('2001:db8:31:1::1', stranger)).status).toBe(202);
      expect((await resetFrom('198.51.100.31', stranger)).status).toBe(429);
      expect((await reportCodeFrom('2001:db8:31:1::2', stranger)).status).toBe(429);
      const sentBefore = codesTo(applicant.phone);

      const owner = await resetFrom('203.0.113.31', { phone: applicant.phone, pin: applicant.pin });
      const ownerReport = await reportCodeFrom('203.0.113.31', {
        phone: applicant.phone,
        pin: applicant.pin,
      });

      expect([owner.status, ownerReport.status]).toEqual([202, 202]);
      expect(codesTo(applicant.phone)).toBe(sentBefore + 2);
    });

    it('past the daily ceiling still answers 202 with a requestId, alike, and sends nothing', async () => {
      const { applicant } = await portal.register();
      const mine = { phone: applicant.phone, pin: applicant.pin };
      const sentBefore = codesTo(applicant.phone);
      const answers = [];
      for (let network = 1; answers.length <= limits.smsPerPhoneDaily.max; network += 1) {
        const ip = `192.0.2.${network}`;
        answers.push(await resetFrom(ip, mine), await reportCodeFrom(ip, mine));
      }

      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
      expect(codesTo(applicant.phone)).toBe(sentBefore + limits.smsPerPhoneDaily.max);
      const [first, past] = [answers[0]!, answers.at(-1)!];
      expect(Object.keys(past.body)).toEqual(Object.keys(first.body));
      expect(past.body).toEqual({ requestId: expect.any(String) });
      expect(Object.keys(past.headers).sort()).toEqual(Object.keys(first.headers).sort());

      clock.advance(86_400);
      expect((await resetFrom('192.0.2.200', mine)).status).toBe(202);
      expect(codesTo(applicant.phone)).toBe(sentBefore + limits.smsPerPhoneDaily.max + 1);
    });
  });
});
