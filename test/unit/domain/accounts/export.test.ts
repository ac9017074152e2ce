import type { Authenticated } from '../../../../functions/domain/accounts/account';
import { exportAccount, exportedActivityLimit } from '../../../../functions/domain/accounts/export';
import { idCardProofSeconds } from '../../../../functions/domain/accounts/reauthentication';
import { reportFromCabinet } from '../../../../functions/domain/accounts/access-reports';
import { InvalidCredentials, ReauthenticationRequired } from '../../../../functions/domain/errors';
import type { VerificationDocument } from '../../../../functions/domain/verification/documents';
import { inMemoryAccountDependencies, type InMemoryDependencies } from '../../../support/fakes';
import {
  anotherSession,
  auditedActions,
  loggedIn,
  operatorChanges,
  origin,
  refusalOf,
  requestWith,
  storedAccount,
  type LoggedIn,
} from './applicants';

/** The same session, as if it had been opened with the ID card (2.1). */
const asIdCardSession = (auth: Authenticated): Authenticated => ({
  ...auth,
  session: { ...auth.session, method: 'id-card' },
});

/**
 * 2.4: subject access. The applicant gets everything the portal holds on them, unmasked, as one document, after
 * re-authentication (2.7); the export itself is in the activity (2.6).
 */
describe('Export of the applicant’s data', () => {
  let deps: InMemoryDependencies;
  let applicant: LoggedIn;
  /** 2.3: the documents' metadata held on any account; the export only lists it. */
  let documentsHeld: VerificationDocument[];

  const exportWith = (proof: { currentPassword?: string }, auth: Authenticated = applicant.auth) =>
    exportAccount(
      {
        ...deps,
        documents: { list: async (accountId) => documentsHeld.filter((d) => d.accountId === accountId) },
      },
      auth,
      proof.currentPassword,
      origin,
    );

  beforeEach(async () => {
    deps = inMemoryAccountDependencies();
    documentsHeld = [];
    applicant = await loggedIn(deps);
  });

  it('holds what was registered, unmasked, with the consent, sessions and reports (2.4)', async () => {
    const second = await anotherSession(deps, applicant);
    await reportFromCabinet(deps, second.auth, { description: 'Not me' }, origin);
    const fresh = await anotherSession(deps, {
      ...applicant,
      password: deps.sms.lastSecret(applicant.phone),
    });

    const exported = await exportWith({ currentPassword: fresh.password }, fresh.auth);

    expect(exported.account).toMatchObject({
      accountId: applicant.accountId,
      applicantType: 'individual',
      status: 'active',
      phone: applicant.phone,
      passportNumber: applicant.passportNumber,
      pin: applicant.pin,
      previousPhones: [],
    });
    expect(exported.consents).toEqual([
      expect.objectContaining({
        agreementVersion: '1',
        language: 'ru',
        ip: origin.ip,
        userAgent: origin.userAgent,
      }),
    ]);
    expect(exported.sessions.map((s) => s.current)).toEqual([true]);
    expect(exported.accessReports).toEqual([
      expect.objectContaining({ description: 'Not me', channel: 'cabinet', status: 'open', ip: origin.ip }),
    ]);
    expect(exported.accessReports[0]).not.toHaveProperty('accountId');
    expect(exported.exportedAt).toBe(deps.clock.now().toISOString());
  });

  it('holds the whole activity, the export itself first (2.6)', async () => {
    const exported = await exportWith({ currentPassword: applicant.password });

    expect(exported.activity.map((item) => item.action)).toEqual(['data_exported', 'login', 'registration']);
    expect(exported.activityComplete).toBe(true);
    expect(auditedActions(deps, applicant.accountId).at(-1)).toBe('data_exported:success');
  });

  it('pages through a long activity and says when the oldest entries were left out', async () => {
    for (let n = 0; n < exportedActivityLimit; n += 1)
      await deps.accounts.appendAudit({
        entryId: `filler-${String(n).padStart(5, '0')}`,
        accountId: applicant.accountId,
        at: deps.clock.now().toISOString(),
        action: 'login_failed',
        result: 'failure',
      });
    deps.clock.advance(1);

    const exported = await exportWith({ currentPassword: applicant.password });

    expect(exported.activity).toHaveLength(exportedActivityLimit);
    expect(exported.activity[0]!.action).toBe('data_exported');
    expect(exported.activityComplete).toBe(false);
  });

  it('holds the verification demand with the metadata of every document sent, oldest first, and no link (2.3, 2.4)', async () => {
    const demand = {
      status: 'pending',
      deadline: '2027-01-31',
      requestedAt: '2026-12-01T00:00:00.000Z',
    } as const;
    await operatorChanges(deps, applicant.accountId, { verification: demand });
    const document = (documentId: string, createdAt: string, demandRequestedAt: string) =>
      ({
        documentId,
        accountId: applicant.accountId,
        demandRequestedAt,
        fileName: `${documentId}.pdf`,
        contentType: 'application/pdf',
        size: 1000,
        status: 'received',
        createdAt,
        scannedAt: createdAt,
      }) as const;
    const earlierDemand = document('doc-old', '2026-10-02T00:00:00.000Z', '2026-10-01T00:00:00.000Z');
    const current = document('doc-new', '2026-12-02T00:00:00.000Z', demand.requestedAt);
    documentsHeld = [current, earlierDemand, { ...current, documentId: 'theirs', accountId: 'someone-else' }];

    const exported = await exportWith(
      { currentPassword: applicant.password },
      await requestWith(deps, applicant.token),
    );

    const { accountId: _owner, ...expected } = earlierDemand;
    expect(exported.verification).toEqual({
      ...demand,
      documents: [expected, expect.objectContaining({ documentId: 'doc-new' })],
    });
    expect(JSON.stringify(exported.verification)).not.toMatch(/url|https?:|someone-else/);
  });

  describe('needs re-authentication (2.7)', () => {
    it('none with a password session is 403, and nothing is exported or recorded as done', async () => {
      expect(await refusalOf(exportWith({}))).toBeInstanceOf(ReauthenticationRequired);
      expect(auditedActions(deps, applicant.accountId)).not.toContain('data_exported:success');
    });

    it('a wrong password is 401 and counts toward the lockout', async () => {
      expect(await refusalOf(exportWith({ currentPassword: 'not-the-password' }))).toBeInstanceOf(
        InvalidCredentials,
      );

      expect((await storedAccount(deps, applicant.accountId)).failedLogins).toBe(1);
      expect(auditedActions(deps, applicant.accountId).at(-1)).toBe('data_export_failed:failure');
    });

    it('an ID-card session of the last 15 minutes needs no password', async () => {
      await expect(exportWith({}, asIdCardSession(applicant.auth))).resolves.toMatchObject({
        account: { pin: applicant.pin },
      });
    });

    it('an older ID-card session needs the password again', async () => {
      deps.clock.advance(idCardProofSeconds);

      expect(await refusalOf(exportWith({}, asIdCardSession(applicant.auth)))).toBeInstanceOf(
        ReauthenticationRequired,
      );
    });
  });

  it('writes no personal data to the log (2.4)', async () => {
    await exportWith({ currentPassword: applicant.password });

    const logged = JSON.stringify(deps.log.lines);
    for (const value of [applicant.phone, applicant.passportNumber, applicant.pin, applicant.password])
      expect(logged).not.toContain(value);
  });
});
