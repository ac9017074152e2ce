import type {
  AccountLook,
  DocumentsLook,
  OpenReportsList,
} from '../../../functions/domain/operators/queries';
import { documentLimits } from '../../../functions/domain/verification/documents';
import { createCommandHandler } from '../../../functions/operators/commands';
import { createQueryHandler, type QueryHandler } from '../../../functions/operators/queries';
import { accountTestDependencies } from '../../support/accounts';
import { createTestTables, type TestTables } from '../../support/dynamo';
import { testPortal } from '../../support/portal';
import {
  itemsOf,
  logIn,
  operator,
  operatorTestDependencies,
  operatorEvent,
  registerApplicant,
  reportAccess,
} from './support';

describe('Operator look-ups, against DynamoDB Local', () => {
  let tables: TestTables;
  let accounts: ReturnType<typeof accountTestDependencies>;
  let portal: ReturnType<typeof testPortal>;
  let ask: QueryHandler;
  let command: ReturnType<typeof createCommandHandler>;

  beforeAll(async () => {
    tables = await createTestTables();
    accounts = accountTestDependencies(tables);
    portal = testPortal(accounts);
    const operators = operatorTestDependencies(tables, accounts);
    const { documents, presigner } = accounts.documents;
    ask = createQueryHandler({ ...operators, documents, presigner });
    command = createCommandHandler(operators);
  });

  const applicantWithSession = async () => {
    const applicant = await registerApplicant(portal, accounts);
    const session = await logIn(portal, applicant);
    return { ...applicant, token: session.body.token as string };
  };

  const looks = async (accountId: string) =>
    (await itemsOf(tables, `AUDIT#${accountId}`)).filter((entry) => entry.action === 'viewed_by_operator');

  it("shows status, masked personal data, open reports and recent activity, and the look is in the audit log and the applicant's activity (2.4, 2.6)", async () => {
    // Prepare
    const applicant = await applicantWithSession();
    const { reportId } = await reportAccess(portal, applicant.token);
    accounts.clock.advance(1);

    // Act
    const look = (await ask({
      query: 'ShowAccount',
      detail: { ...operator, phone: applicant.phone },
    })) as AccountLook;

    // Assess
    expect(look).toMatchObject({
      accountId: applicant.accountId,
      status: 'active',
      shown: 'masked',
      personalData: {
        phone: `+996 *** *** ${applicant.phone.slice(-3)}`,
        passportNumber: expect.stringMatching(/^[A-Z]{2}\*{5}\d{2}$/),
        pin: expect.stringMatching(/^\d\*{11}\d{2}$/),
      },
      openReports: [expect.objectContaining({ reportId })],
    });
    expect(JSON.stringify(look)).not.toContain(applicant.pin);
    expect(look.recentActivity[0]).toMatchObject({ action: 'viewed_by_operator', operatorId: 'op.aibek' });
    expect(look.recentActivity.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['access_reported', 'registration']),
    );
    expect(await looks(applicant.accountId)).toEqual([
      expect.objectContaining({ operatorId: operator.operatorId, reason: operator.reason, detail: 'masked' }),
    ]);
    const { token } = await logInAgain(applicant);
    const activity = await portal.call('GET', '/v1/me/activity', { token });
    expect(activity.body.items).toContainEqual(expect.objectContaining({ action: 'viewed_by_operator' }));
  });

  /** After the report (2.7) the password was replaced: the new one came by SMS. */
  const logInAgain = async (applicant: Awaited<ReturnType<typeof applicantWithSession>>) => {
    const password = accounts.phones.lastTo(applicant.phone)!.secret;
    const session = await logIn(portal, { ...applicant, password });
    return { token: session.body.token as string };
  };

  it('shows the data unmasked only when asked, and audits the look as unmasked (2.4)', async () => {
    // Prepare
    const applicant = await applicantWithSession();

    // Act
    const look = (await ask({
      query: 'ShowAccount',
      detail: { ...operator, accountId: applicant.accountId, unmasked: true },
    })) as AccountLook;

    // Assess
    expect(look.personalData).toMatchObject({ phone: applicant.phone, pin: applicant.pin });
    expect(await looks(applicant.accountId)).toEqual([expect.objectContaining({ detail: 'unmasked' })]);
  });

  it.each([
    ['no reason', { operatorId: 'op.aibek' }, 'detail.reason'],
    ['no operator', { reason: operator.reason }, 'detail.operatorId'],
  ])('refuses a look with %s, showing and recording nothing', async (_name, actor, field) => {
    // Prepare
    const applicant = await applicantWithSession();

    // Act
    const refused = ask({ query: 'ShowAccount', detail: { ...actor, phone: applicant.phone } });

    // Assess
    await expect(refused).rejects.toMatchObject({
      code: 'invalid_command',
      fields: expect.arrayContaining([expect.objectContaining({ field })]),
    });
    expect(await looks(applicant.accountId)).toEqual([]);
  });

  it('lists the open access reports, oldest first, with their age in hours, and no personal data (2.6)', async () => {
    // Prepare
    const first = await applicantWithSession();
    const older = await reportAccess(portal, first.token);
    accounts.clock.advance(3 * 3600);
    const second = await applicantWithSession();
    const newer = await reportAccess(portal, second.token);
    accounts.clock.advance(2 * 3600);

    // Act
    const list = (await ask({ query: 'ListReports', detail: { status: 'open' } })) as OpenReportsList;

    // Assess
    const ours = list.reports.filter((r) => [older.reportId, newer.reportId].includes(r.reportId));
    expect(ours).toEqual([
      {
        reportId: older.reportId,
        accountId: first.accountId,
        reportedAt: older.reportedAt,
        channel: 'cabinet',
        ageHours: 5,
      },
      {
        reportId: newer.reportId,
        accountId: second.accountId,
        reportedAt: newer.reportedAt,
        channel: 'cabinet',
        ageHours: 2,
      },
    ]);
    expect(JSON.stringify(list)).not.toContain(first.phone);
  });

  describe('ListDocuments (2.3)', () => {
    const demand = (phone: string) =>
      command(operatorEvent('RequestVerification', { ...operator, phone, deadline: '2099-12-31' }));
    const announce = async (token: string, fileName: string) => {
      const answer = await portal.call('POST', '/v1/me/verification-documents', {
        token,
        body: { fileName, contentType: 'application/pdf', size: 1000 },
      });
      if (answer.status !== 201) throw new Error(`upload refused: ${JSON.stringify(answer.body)}`);
      accounts.clock.advance(1);
      return answer.body.documentId as string;
    };
    const documentLooks = async (accountId: string) =>
      (await itemsOf(tables, `AUDIT#${accountId}`)).filter(
        (entry) => entry.action === 'documents_viewed_by_operator',
      );

    it("lists the current demand's documents oldest first, links only the received ones for minutes, and the look is audited and in the applicant's activity", async () => {
      // Prepare: a document of an earlier demand, then the current demand's three
      const applicant = await applicantWithSession();
      await demand(applicant.phone);
      const earlier = await announce(applicant.token, 'old.pdf');
      accounts.clock.advance(60);
      await demand(applicant.phone);
      const received = await announce(applicant.token, 'passport.pdf');
      const rejected = await announce(applicant.token, 'photo.pdf');
      const waiting = await announce(applicant.token, 'later.pdf');
      const { documents } = accounts.documents;
      const at = accounts.clock.now().toISOString();
      await documents.recordScan(applicant.accountId, earlier, 'received', at);
      await documents.recordScan(applicant.accountId, received, 'received', at);
      await documents.recordScan(applicant.accountId, rejected, 'rejected', at);

      // Act
      const look = (await ask({
        query: 'ListDocuments',
        detail: { ...operator, phone: applicant.phone },
      })) as DocumentsLook;

      // Assess
      expect(look.accountId).toBe(applicant.accountId);
      expect(look.verification).toMatchObject({ status: 'pending' });
      expect(look.documents.map((d) => [d.documentId, d.fileName, d.status])).toEqual([
        [received, 'passport.pdf', 'received'],
        [rejected, 'photo.pdf', 'rejected'],
        [waiting, 'later.pdf', 'awaiting_upload'],
      ]);
      const [link, ...others] = look.documents.map((d) => d.download);
      expect(others).toEqual([undefined, undefined]);
      const url = new URL(link!.url);
      expect(url.pathname).toContain(`documents/${applicant.accountId}/${received}`);
      expect(url.searchParams.get('X-Amz-Expires')).toBe(String(documentLimits.downloadSeconds));
      expect(Date.parse(link!.expiresAt) - accounts.clock.now().getTime()).toBe(
        documentLimits.downloadSeconds * 1000,
      );
      expect(link!.url).not.toMatch(new RegExp(`${applicant.phone.slice(4)}|passport`));
      expect(await documentLooks(applicant.accountId)).toEqual([
        expect.objectContaining({ operatorId: operator.operatorId, reason: operator.reason }),
      ]);
      const activity = await portal.call('GET', '/v1/me/activity', { token: applicant.token });
      expect(activity.body.items).toContainEqual(
        expect.objectContaining({ action: 'documents_viewed_by_operator' }),
      );
    });

    it('answers an account without a demand with no documents, the look still audited', async () => {
      const applicant = await applicantWithSession();

      const look = (await ask({
        query: 'ListDocuments',
        detail: { ...operator, accountId: applicant.accountId },
      })) as DocumentsLook;

      expect(look).toEqual({ accountId: applicant.accountId, documents: [] });
      expect(await documentLooks(applicant.accountId)).toHaveLength(1);
    });

    it('refuses a look without a reason, or at an unknown account, recording nothing', async () => {
      const applicant = await applicantWithSession();

      await expect(
        ask({ query: 'ListDocuments', detail: { operatorId: 'op.aibek', phone: applicant.phone } }),
      ).rejects.toMatchObject({ code: 'invalid_command' });
      await expect(
        ask({ query: 'ListDocuments', detail: { ...operator, accountId: 'no-such-account' } }),
      ).rejects.toMatchObject({ code: 'account_not_found' });
      expect(await documentLooks(applicant.accountId)).toEqual([]);
    });
  });
});
