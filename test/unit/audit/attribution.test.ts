import { attribute, type ReportWindow } from '../../../functions/domain/attribution';

const report: ReportWindow = {
  suspectedSince: '2026-03-01T10:00:00.000Z',
  reportedAt: '2026-03-01T12:00:00.000Z',
};
const at = (time: string, credentialIssuedAt?: string) => ({
  at: `2026-03-01T${time}:00.000Z`,
  credentialIssuedAt,
});

/**
 * 2.6: "All actions under the account are deemed to be the Applicant's own, except after the Applicant has notified
 * the Operator of unauthorized access." The window the applicant reports is flagged for review, not disowned.
 */
describe('attributing an action to the applicant (2.6)', () => {
  it('is the applicant’s before any report', () => {
    expect(attribute(at('09:00'), [])).toBe('applicant');
    expect(attribute(at('09:59'), [report])).toBe('applicant');
  });

  it('is disputed inside the window the applicant reported, up to the report', () => {
    expect(attribute(at('10:00'), [report])).toBe('disputed');
    expect(attribute(at('11:59'), [report])).toBe('disputed');
  });

  it('is not the applicant’s after the report when done with a credential issued before it (revoked by it)', () => {
    expect(attribute(at('12:00', '2026-03-01T08:00:00.000Z'), [report])).toBe('revoked_credential');
    expect(attribute(at('13:00', '2026-03-01T11:00:00.000Z'), [report])).toBe('revoked_credential');
  });

  it('is the applicant’s after the report with a credential issued since', () => {
    expect(attribute(at('13:00', '2026-03-01T12:30:00.000Z'), [report])).toBe('applicant');
    expect(attribute(at('13:00'), [report])).toBe('applicant');
  });

  it('without a suspected start, flags nothing before the report', () => {
    expect(attribute(at('11:00'), [{ reportedAt: report.reportedAt }])).toBe('applicant');
  });

  it('weighs every report: a later report’s window is disputed too', () => {
    const later: ReportWindow = {
      suspectedSince: '2026-03-01T14:00:00.000Z',
      reportedAt: '2026-03-01T15:00:00.000Z',
    };
    expect(attribute(at('14:30', '2026-03-01T13:00:00.000Z'), [report, later])).toBe('disputed');
  });
});
