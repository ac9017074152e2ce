import { BenchPhones } from '../../../bench/phones';
import { callsPerPooledApplicant, poolNeeded } from '../../../bench/scenario-steps';
import { scenarios } from '../../../bench/scenarios';
import { findRoute } from '../../../contract/routes';
import { limits } from '../../../functions/domain/limits';
import { smsMessage } from '../../../functions/domain/sms-texts';

describe('The bench’s scenarios', () => {
  it('name routes of the route table, each once', () => {
    const routes = scenarios.map((s) => s.route);
    expect(new Set(routes).size).toBe(routes.length);
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      expect({ route, found: findRoute(method, path) !== undefined }).toEqual({ route, found: true });
    }
  });

  it('fit their bulk applicants in the smaller pool (run.ts: 3 warm-up and 300 calls, 1,000 applicants)', () => {
    expect(poolNeeded(scenarios, 303)).toBeLessThanOrEqual(1_000);
  });

  it('keep a shared applicant within a phone’s SMS allowances, so that no call meets 429 or a silent no-SMS', () => {
    const perPurposeAndNetwork = Math.min(
      limits.passwordResetsPerPhoneNetwork.max,
      limits.accessReportCodesPerPhoneNetwork.max,
      limits.phoneChangeCodesPerPhoneNetwork.max,
    );
    expect(callsPerPooledApplicant).toBeLessThanOrEqual(perPurposeAndNetwork);
    expect(callsPerPooledApplicant).toBeLessThanOrEqual(limits.smsPerPhoneNetwork.max);
    for (const { route, poolPerCall, smsPerCall } of scenarios.filter((s) => s.poolPerCall > 0)) {
      const callsPerApplicant = Math.round(1 / poolPerCall);
      expect({ route, fits: callsPerApplicant <= callsPerPooledApplicant }).toEqual({ route, fits: true });
      expect({ route, fits: callsPerApplicant * smsPerCall <= limits.smsPerPhoneDaily.max }).toEqual({
        route,
        fits: true,
      });
    }
  });
});

describe('The bench’s phones', () => {
  const phone = '+996700000001';

  it('keep the code for reading when a notice follows it, and count both', async () => {
    const phones = new BenchPhones();
    await phones.send(smsMessage('password_reset_code', 'ky', phone, '123456'));
    await phones.send(smsMessage('password_changed_notice', 'ky', phone));
    expect(phones.sent).toBe(2);
    expect(phones.texts).toHaveLength(2);
    expect(phones.secretFor(phone)).toBe('123456');
  });

  it('have no secret to read from a notice alone', async () => {
    const phones = new BenchPhones();
    await phones.send(smsMessage('phone_moved_notice', 'ru', phone));
    expect(() => phones.secretFor(phone)).toThrow('no SMS with a password or code reached this phone');
  });

  it('hand out a code once, so that a request that sent nothing is not given an older one', async () => {
    const phones = new BenchPhones();
    await phones.send(smsMessage('access_report_code', 'en', phone, '654321'));
    expect(phones.secretFor(phone)).toBe('654321');
    expect(() => phones.secretFor(phone)).toThrow('no SMS');
  });
});
