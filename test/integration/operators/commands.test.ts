import { createCommandHandler, type CommandHandler } from '../../../functions/operators/commands';
import { accountTestDependencies } from '../../support/accounts';
import { createTestTables, type TestTables } from '../../support/dynamo';
import { newApplicant, testPortal } from '../../support/portal';
import {
  itemsOf,
  logIn,
  operator,
  operatorEvent,
  operatorTestDependencies,
  registerApplicant,
  reportAccess,
  type Applicant,
} from './support';

describe('Operator commands on the operations bus, against DynamoDB Local', () => {
  let tables: TestTables;
  let accounts: ReturnType<typeof accountTestDependencies>;
  let portal: ReturnType<typeof testPortal>;
  let handle: CommandHandler;

  beforeAll(async () => {
    tables = await createTestTables();
    accounts = accountTestDependencies(tables);
    portal = testPortal(accounts);
    handle = createCommandHandler(operatorTestDependencies(tables, accounts));
  });

  const applicantWithSession = async (): Promise<Applicant & { token: string }> => {
    const applicant = await registerApplicant(portal, accounts);
    const session = await logIn(portal, applicant);
    expect(session.status).toBe(201);
    return { ...applicant, token: session.body.token as string };
  };

  const cabinet = (token: string) => portal.call('GET', '/v1/me', { token });
  /** 2.6: when the portal received a command, by its own clock: the command's time everywhere. */
  const receivedAt = () => accounts.clock.now().toISOString();
  const auditOf = async (accountId: string) => itemsOf(tables, `AUDIT#${accountId}`);

  describe('BlockAccount (2.2)', () => {
    it('blocks the account and ends every session at once, in one commit with the audit entry', async () => {
      // Prepare
      const applicant = await applicantWithSession();
      const second = await logIn(portal, applicant);
      const event = operatorEvent('BlockAccount', { ...operator, phone: applicant.phone });

      // Act
      const outcome = await handle(event);

      // Assess
      expect(outcome).toMatchObject({
        command: 'BlockAccount',
        accountId: applicant.accountId,
        outcome: 'applied',
        effect: { status: 'blocked', sessionsEnded: 2, notice: 'sent' },
      });
      expect((await cabinet(applicant.token)).status).toBe(401);
      expect((await cabinet(second.body.token as string)).status).toBe(401);
      const login = await logIn(portal, applicant);
      expect(login.status).toBe(403);
      expect(login.body.code).toBe('account_blocked');
      expect(await auditOf(applicant.accountId)).toContainEqual(
        expect.objectContaining({
          action: 'account_blocked',
          entryId: event.id,
          at: receivedAt(),
          eventTime: event.time,
          operatorId: operator.operatorId,
          reason: operator.reason,
        }),
      );
      const sessionItems = (await itemsOf(tables, 'SESSION#')).filter(
        (s) => s.accountId === applicant.accountId,
      );
      expect(sessionItems).toEqual([]);
    });

    it('changes nothing when the same event is delivered again', async () => {
      // Prepare
      const applicant = await applicantWithSession();
      const event = operatorEvent('BlockAccount', { ...operator, phone: applicant.phone });
      await handle(event);
      const before = await tables.scan();

      // Act
      const again = await handle(event);

      // Assess
      expect(again).toMatchObject({ outcome: 'already_applied', accountId: applicant.accountId });
      expect(await tables.scan()).toEqual(before);
    });

    it('applies an event delivered several times at once exactly once', async () => {
      // Prepare
      const applicant = await applicantWithSession();
      const event = operatorEvent('BlockAccount', { ...operator, accountId: applicant.accountId });

      // Act
      const outcomes = await Promise.all([handle(event), handle(event), handle(event)]);

      // Assess
      expect(outcomes.map((o) => o.outcome).sort()).toEqual([
        'already_applied',
        'already_applied',
        'applied',
      ]);
      const blocks = (await auditOf(applicant.accountId)).filter((e) => e.action === 'account_blocked');
      expect(blocks).toHaveLength(1);
    });

    it('refuses to block a blocked account again, changing nothing', async () => {
      // Prepare
      const applicant = await applicantWithSession();
      await handle(operatorEvent('BlockAccount', { ...operator, phone: applicant.phone }));
      const before = await tables.scan();

      // Act
      const again = handle(operatorEvent('BlockAccount', { ...operator, phone: applicant.phone }));

      // Assess
      await expect(again).rejects.toMatchObject({ code: 'account_already_blocked' });
      expect(await tables.scan()).toEqual(before);
    });
  });

  describe("Audit time is the portal's (2.6)", () => {
    const longAgo = '2020-01-01T00:00:00.000Z';

    it('orders a command sent with an old time at the time the portal received it, keeping the event time beside it', async () => {
      // Prepare
      const applicant = await applicantWithSession();
      accounts.clock.advance(60);
      const event = operatorEvent(
        'RequestVerification',
        { ...operator, phone: applicant.phone, deadline: '2099-12-31' },
        { time: longAgo },
      );

      // Act
      await handle(event);

      // Assess
      const activity = await portal.call('GET', '/v1/me/activity', { token: applicant.token });
      expect((activity.body.items as object[])[0]).toMatchObject({
        action: 'verification_requested',
        at: receivedAt(),
      });
      expect(await auditOf(applicant.accountId)).toContainEqual(
        expect.objectContaining({ entryId: event.id, at: receivedAt(), eventTime: longAgo }),
      );
      expect((await cabinet(applicant.token)).body.verification).toMatchObject({ requestedAt: receivedAt() });
    });

    it('applies a redelivered event id once, whatever time the redelivery says', async () => {
      // Prepare
      const applicant = await applicantWithSession();
      const id = `redelivered-${applicant.accountId}`;
      const target = { ...operator, phone: applicant.phone, deadline: '2099-12-31' };
      await handle(operatorEvent('RequestVerification', target, { id, time: longAgo }));
      const before = await tables.scan();
      accounts.clock.advance(60);

      // Act
      const outcomes = await Promise.all(
        [longAgo, new Date().toISOString(), '2030-06-01T00:00:00Z'].map((time) =>
          handle(operatorEvent('RequestVerification', target, { id, time })),
        ),
      );

      // Assess
      expect(outcomes.map((o) => o.outcome)).toEqual([
        'already_applied',
        'already_applied',
        'already_applied',
      ]);
      expect(await tables.scan()).toEqual(before);
    });
  });

  describe('Notices by SMS (2.2, 2.3)', () => {
    const lastSms = (applicant: Applicant) =>
      accounts.phones.sent.filter((m) => m.phone === applicant.phone).at(-1);

    it('tells the applicant of a verification demand with its deadline, of a block and of an unblock, without a secret', async () => {
      // Prepare
      const applicant = await applicantWithSession();
      const target = { ...operator, phone: applicant.phone };

      // Act and assess
      const demanded = await handle(
        operatorEvent('RequestVerification', { ...target, deadline: '2099-12-31' }),
      );
      expect(demanded.effect).toMatchObject({ notice: 'sent' });
      expect(lastSms(applicant)).toEqual({
        phone: applicant.phone,
        purpose: 'notice',
        text: expect.stringContaining('31.12.2099 23:59'),
      });
      for (const [command, words] of [
        ['BlockAccount', /бөгөттөлдү|заблокирована|was blocked/],
        ['UnblockAccount', /кайра ачылды|разблокирована|was unblocked/],
      ] as const) {
        const outcome = await handle(operatorEvent(command, target));
        expect(outcome.effect).toMatchObject({ notice: 'sent' });
        expect(lastSms(applicant)).toEqual({
          phone: applicant.phone,
          purpose: 'notice',
          text: expect.stringMatching(words),
        });
      }
    });

    it('keeps the command when the SMS provider refuses the notice, and says the notice was not sent', async () => {
      // Prepare
      const applicant = await applicantWithSession();
      accounts.phones.failing = true;

      // Act
      const outcome = await handle(
        operatorEvent('BlockAccount', { ...operator, phone: applicant.phone }),
      ).finally(() => (accounts.phones.failing = false));

      // Assess
      expect(outcome).toMatchObject({
        outcome: 'applied',
        effect: { status: 'blocked', notice: 'not_sent' },
      });
      expect((await logIn(portal, applicant)).body.code).toBe('account_blocked');
      expect(await auditOf(applicant.accountId)).toContainEqual(
        expect.objectContaining({ action: 'account_blocked', operatorId: operator.operatorId }),
      );
    });
  });

  describe('UnblockAccount (2.2)', () => {
    it('lets a blocked applicant log in again', async () => {
      // Prepare
      const applicant = await applicantWithSession();
      await handle(operatorEvent('BlockAccount', { ...operator, phone: applicant.phone }));

      // Act
      const outcome = await handle(operatorEvent('UnblockAccount', { ...operator, phone: applicant.phone }));

      // Assess
      expect(outcome.effect).toEqual({ status: 'active', notice: 'sent' });
      expect((await logIn(portal, applicant)).status).toBe(201);
      expect(await auditOf(applicant.accountId)).toContainEqual(
        expect.objectContaining({ action: 'account_unblocked', operatorId: operator.operatorId }),
      );
    });

    it('refuses an account that is not blocked', async () => {
      const applicant = await applicantWithSession();
      await expect(
        handle(operatorEvent('UnblockAccount', { ...operator, phone: applicant.phone })),
      ).rejects.toMatchObject({ code: 'account_not_blocked' });
    });
  });

  describe('DeleteAccount (2.2, 2.4)', () => {
    it('ends access at once, keeps the personal data sealed until the purge, and marks the purge due', async () => {
      // Prepare
      const applicant = await applicantWithSession();
      const event = operatorEvent('DeleteAccount', { ...operator, phone: applicant.phone });

      // Act
      const outcome = await handle(event);

      // Assess
      expect(outcome.effect).toMatchObject({ status: 'deleted', sessionsEnded: 1, purgeAfterDays: 90 });
      expect((await cabinet(applicant.token)).status).toBe(401);
      const login = await logIn(portal, applicant);
      expect(login.status).toBe(401);
      expect(login.body.code).toBe('invalid_credentials');
      const [account] = await itemsOf(tables, `ACCOUNT#${applicant.accountId}`);
      expect(account).toMatchObject({ status: 'deleted', deletedAt: receivedAt() });
      expect(account!.sealedPersonalData).not.toBe('');
      expect(account!.passwordHash).toBeUndefined();
      expect(await itemsOf(tables, `DUE#purge#${applicant.accountId}`)).toEqual([
        expect.objectContaining({ gsi1pk: 'DUE#purge', dueAt: receivedAt() }),
      ]);
    });

    it('refuses to delete a deleted account, which keeps its first purge date', async () => {
      const applicant = await applicantWithSession();
      await handle(operatorEvent('DeleteAccount', { ...operator, phone: applicant.phone }));
      const before = await tables.scan();
      await expect(
        handle(operatorEvent('DeleteAccount', { ...operator, accountId: applicant.accountId })),
      ).rejects.toMatchObject({ code: 'account_deleted' });
      expect(await tables.scan()).toEqual(before);
    });
  });

  describe('RequestVerification and ResolveVerification (2.3)', () => {
    it('shows the demand in the cabinet and keeps access until the deadline', async () => {
      // Prepare
      const applicant = await applicantWithSession();

      // Act
      const outcome = await handle(
        operatorEvent('RequestVerification', { ...operator, phone: applicant.phone, deadline: '2099-12-31' }),
      );

      // Assess
      const deadline = '2099-12-31T17:59:59.999Z';
      expect(outcome.effect).toEqual({ verification: 'pending', deadline, notice: 'sent' });
      const me = await cabinet(applicant.token);
      expect(me.status).toBe(200);
      expect(me.body.verification).toMatchObject({ status: 'pending', deadline });
      expect((await logIn(portal, applicant)).status).toBe(201);
      expect(await itemsOf(tables, `DUE#verification#${applicant.accountId}`)).toHaveLength(1);
    });

    it('denies access on a mismatch (403 verification_required); a new demand confirmed restores it', async () => {
      // Prepare
      const applicant = await applicantWithSession();
      const target = { ...operator, phone: applicant.phone };
      await handle(
        operatorEvent('RequestVerification', { ...target, deadline: '2099-01-01T12:00:00+06:00' }),
      );

      const { verification } = (await cabinet(applicant.token)).body as {
        verification: { requestedAt: string };
      };

      // Act
      const outcome = await handle(operatorEvent('ResolveVerification', { ...target, outcome: 'mismatch' }));

      // Assess
      // The answer names the demand it resolved: only that demand's documents start their retention (2.4).
      expect(outcome.effect).toEqual({
        verification: 'mismatch',
        demandRequestedAt: verification.requestedAt,
      });
      const refused = await cabinet(applicant.token);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('verification_required');
      const login = await logIn(portal, applicant);
      expect(login.status).toBe(403);
      expect(login.body.code).toBe('verification_required');
      expect(await auditOf(applicant.accountId)).toContainEqual(
        expect.objectContaining({
          action: 'verification_resolved',
          detail: 'mismatch',
          reason: operator.reason,
        }),
      );
      await expect(
        handle(operatorEvent('ResolveVerification', { ...target, outcome: 'confirmed' })),
      ).rejects.toMatchObject({ code: 'no_verification_to_resolve' });
      await handle(operatorEvent('RequestVerification', { ...target, deadline: '2099-01-01' }));
      // The new demand re-checks: access stays denied until it is confirmed, not lifted by asking again.
      expect((await logIn(portal, applicant)).body.code).toBe('verification_required');
      await handle(operatorEvent('ResolveVerification', { ...target, outcome: 'confirmed' }));
      expect((await cabinet(applicant.token)).body.verification).toMatchObject({ status: 'confirmed' });
      expect((await logIn(portal, applicant)).status).toBe(201);
    });

    it('refuses to resolve when nothing was demanded', async () => {
      const applicant = await applicantWithSession();
      await expect(
        handle(
          operatorEvent('ResolveVerification', { ...operator, phone: applicant.phone, outcome: 'confirmed' }),
        ),
      ).rejects.toMatchObject({ code: 'no_verification_to_resolve' });
    });
  });

  describe('ResolveAccessReport (2.6)', () => {
    it('closes the report, moves it to the resolved list and audits it, once', async () => {
      // Prepare
      const applicant = await applicantWithSession();
      const { reportId, reportedAt } = await reportAccess(portal, applicant.token);
      const event = operatorEvent('ResolveAccessReport', { ...operator, phone: applicant.phone, reportId });

      // Act
      const outcome = await handle(event);
      const before = await tables.scan();
      const again = await handle(event);

      // Assess
      expect(outcome).toMatchObject({ outcome: 'applied', effect: { reportId, report: 'resolved' } });
      expect(again.outcome).toBe('already_applied');
      expect(await tables.scan()).toEqual(before);
      expect(await itemsOf(tables, `REPORT#${applicant.accountId}`)).toEqual([
        expect.objectContaining({
          status: 'resolved',
          resolvedAt: receivedAt(),
          resolvedBy: operator.operatorId,
          gsi1pk: 'REPORTS#resolved',
          gsi1sk: reportedAt,
        }),
      ]);
      expect(await auditOf(applicant.accountId)).toContainEqual(
        expect.objectContaining({ action: 'access_report_resolved', detail: reportId, entryId: event.id }),
      );
      await expect(
        handle(operatorEvent('ResolveAccessReport', { ...operator, phone: applicant.phone, reportId })),
      ).rejects.toMatchObject({ code: 'report_already_resolved' });
    });

    it('refuses a report the account does not have', async () => {
      const applicant = await applicantWithSession();
      await expect(
        handle(
          operatorEvent('ResolveAccessReport', {
            ...operator,
            phone: applicant.phone,
            reportId: 'no-such-report',
          }),
        ),
      ).rejects.toMatchObject({ code: 'report_not_found' });
    });
  });

  describe('Refusals change nothing', () => {
    it('refuses an unknown phone with account_not_found', async () => {
      const before = await tables.scan();
      await expect(
        handle(operatorEvent('BlockAccount', { ...operator, phone: newApplicant().phone })),
      ).rejects.toMatchObject({ code: 'account_not_found' });
      expect(await tables.scan()).toEqual(before);
    });

    it.each([
      ['no reason', { operatorId: 'op.aibek' }, 'detail.reason'],
      ['no target', { ...operator }, 'detail.phone'],
      ['two targets', { ...operator, phone: '+996700000001', accountId: 'acc-00000001' }, 'detail.phone'],
      ['a foreign phone', { ...operator, phone: '+7 912 345 67 89' }, 'detail.phone'],
      ['an unknown field', { ...operator, phone: '+996700000001', extra: 1 }, 'detail'],
      ['a blank operator', { ...operator, operatorId: ' ', phone: '+996700000001' }, 'detail.operatorId'],
    ])('refuses a command with %s, naming the field', async (_name, detail, field) => {
      const refusal = handle(operatorEvent('BlockAccount', detail));
      await expect(refusal).rejects.toMatchObject({
        code: 'invalid_command',
        fields: expect.arrayContaining([expect.objectContaining({ field })]),
      });
    });

    it('refuses a deadline that is not a date', async () => {
      await expect(
        handle(
          operatorEvent('RequestVerification', { ...operator, phone: '+996700000001', deadline: 'soon' }),
        ),
      ).rejects.toMatchObject({ fields: [expect.objectContaining({ field: 'detail.deadline' })] });
    });

    it('refuses an event from another source or of an unknown type', async () => {
      const event = operatorEvent('BlockAccount', { ...operator, phone: '+996700000001' });
      await expect(handle({ ...event, source: 'aws.events' })).rejects.toMatchObject({
        fields: [expect.objectContaining({ field: 'source' })],
      });
      await expect(handle({ ...event, 'detail-type': 'WipeEverything' })).rejects.toMatchObject({
        fields: [expect.objectContaining({ field: 'detail-type' })],
      });
    });
  });
});
