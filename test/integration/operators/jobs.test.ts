import { randomUUID } from 'node:crypto';
import { RequestRecorder } from '../../../bench/dynamo';
import { auditEntry } from '../../../functions/domain/accounts/dependencies';
import type { AuditAction } from '../../../functions/domain/audit';
import { bishkekDay } from '../../../functions/domain/operators/bishkek-time';
import type { JobReport } from '../../../functions/domain/operators/jobs';
import type { OperatorSettings } from '../../../functions/domain/operators/dependencies';
import { createCommandHandler, type CommandHandler } from '../../../functions/operators/commands';
import { createJobHandler, type JobHandler } from '../../../functions/operators/jobs';
import { jobNames, type JobName } from '../../../functions/domain/operators/jobs';
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

const day = 24 * 60 * 60;

/** A fresh portal table with the applicants' handlers, the operators' commands, and a job with small pages. */
const setUp = async (job: JobName, settings: Partial<OperatorSettings>) => {
  const tables: TestTables = await createTestTables();
  const accounts = accountTestDependencies(tables);
  const portal = testPortal(accounts);
  const operators = operatorTestDependencies(tables, accounts, settings);
  const command: CommandHandler = createCommandHandler(operators);
  const run: JobHandler = createJobHandler(operators, job);
  /** Invokes the job until it says it is done, as the continuation rule (or the admin CLI) does. */
  const runToEnd = async (input: Record<string, unknown> = {}): Promise<JobReport[]> => {
    const reports: JobReport[] = [];
    do reports.push(await run(input));
    while (reports.at(-1)!.continueNow && reports.length < 100);
    return reports;
  };
  const register = () => registerApplicant(portal, accounts);
  const auditOf = (accountId: string) => itemsOf(tables, `AUDIT#${accountId}`);
  /** An audit entry written now, as the applicants' handlers write theirs. */
  const record = (accountId: string, action: AuditAction, ip = '192.0.2.1') =>
    operators.accounts.appendAudit(auditEntry(operators, accountId, action, { ip, userAgent: 'test' }));
  return { tables, accounts, portal, operators, command, run, runToEnd, register, auditOf, record };
};

const sum = <T>(items: readonly T[], of: (item: T) => number) =>
  items.reduce((total, item) => total + of(item), 0);

/** Before midnight in Bishkek by more than ten minutes: a test's events fall on one day. */
const clearOfMidnight = (t: Awaited<ReturnType<typeof setUp>>) => {
  const secondsToMidnight = day - ((t.accounts.clock.now().getTime() / 1000 + 6 * 3600) % day);
  if (secondsToMidnight < 600) t.accounts.clock.advance(secondsToMidnight + 60);
};

describe('A verification deadline (2.3) between two runs of its job', () => {
  it('denies access from the deadline on, before the job has recorded it', async () => {
    const t = await setUp('verification-deadlines', {});
    const applicant = await t.register();
    const deadline = new Date(t.accounts.clock.now().getTime() + 60_000).toISOString();
    await t.command(operatorEvent('RequestVerification', { ...operator, phone: applicant.phone, deadline }));
    expect((await logIn(t.portal, applicant)).status).toBe(201);
    t.accounts.clock.advance(60);
    const login = await logIn(t.portal, applicant);
    expect([login.status, login.body.code]).toEqual([403, 'verification_required']);
  });
});

describe('Job: verification-deadlines (2.3), hourly', () => {
  let t: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    t = await setUp('verification-deadlines', { pageSize: 2, maxPages: 1 });
  });

  const demand = (applicant: Applicant, deadline: string) =>
    t.command(operatorEvent('RequestVerification', { ...operator, phone: applicant.phone, deadline }));

  it('denies access where the deadline passed, over more demands than one page, resuming where it stopped', async () => {
    // Prepare
    const past = new Date(t.accounts.clock.now().getTime() - 3600_000).toISOString();
    const future = new Date(t.accounts.clock.now().getTime() + 3600_000).toISOString();
    const overdue: Applicant[] = [];
    for (let i = 0; i < 5; i += 1) {
      const applicant = await t.register();
      await demand(applicant, past);
      overdue.push(applicant);
    }
    const notYet = await t.register();
    await demand(notYet, future);
    const extended = await t.register();
    await demand(extended, past);
    await demand(extended, future);

    // Act
    const reports = await t.runToEnd();

    // Assess
    expect(reports[0]).toMatchObject({ complete: false, continueNow: true, pages: 1, examined: 2 });
    expect(reports.at(-1)).toMatchObject({ complete: true, continueNow: false });
    expect(reports.reduce((sum, r) => sum + r.changed, 0)).toBe(5);
    for (const applicant of overdue) {
      const login = await logIn(t.portal, applicant);
      expect(login.status).toBe(403);
      expect(login.body.code).toBe('verification_required');
      expect(await t.auditOf(applicant.accountId)).toContainEqual(
        expect.objectContaining({ action: 'verification_overdue', detail: past }),
      );
    }
    for (const applicant of [notYet, extended]) {
      expect((await logIn(t.portal, applicant)).status).toBe(201);
      expect(await itemsOf(t.tables, `DUE#verification#${applicant.accountId}`)).toEqual([
        expect.objectContaining({ dueAt: future }),
      ]);
    }
  });

  it('changes nothing when run again', async () => {
    const before = await t.tables.scan();
    const [report] = await t.runToEnd();
    expect(report).toMatchObject({ complete: true, examined: 0, changed: 0 });
    expect(await t.tables.scan()).toEqual(before);
  });

  it('denies access once the clock passes a later deadline', async () => {
    t.accounts.clock.advance(2 * 3600);
    const reports = await t.runToEnd();
    expect(reports.reduce((sum, r) => sum + r.changed, 0)).toBe(2);
  });
});

describe('Job: purge-deleted (2.4), daily', () => {
  let t: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    t = await setUp('purge-deleted', { purgeAfterDays: 90, pageSize: 2, maxPages: 1 });
  });

  const deleted: Applicant[] = [];

  it('erases the personal data of deleted accounts past retention and keeps their audit logs', async () => {
    // Prepare
    for (let i = 0; i < 3; i += 1) {
      const applicant = await t.register();
      await reportAccess(t.portal, (await logIn(t.portal, applicant)).body.token as string);
      await t.command(operatorEvent('DeleteAccount', { ...operator, phone: applicant.phone }));
      deleted.push(applicant);
    }
    const kept = await t.register();
    const tooEarly = await t.runToEnd();
    t.accounts.clock.advance(91 * day);
    const audits = await Promise.all(deleted.map((a) => t.auditOf(a.accountId)));

    // Act
    const reports = await t.runToEnd();

    // Assess
    expect(tooEarly.reduce((sum, r) => sum + r.changed, 0)).toBe(0);
    expect(reports[0]!.complete).toBe(false);
    expect(reports.reduce((sum, r) => sum + r.changed, 0)).toBe(3);
    const items = await t.tables.scan();
    for (const [index, applicant] of deleted.entries()) {
      const [account] = items.filter((item) => item.pk === `ACCOUNT#${applicant.accountId}`);
      expect(account).toMatchObject({
        status: 'deleted',
        sealedPersonalData: '',
        claims: { phone: '', pin: '', passport: '' },
      });
      expect(items.filter((item) => item.type === 'claim' && item.accountId === applicant.accountId)).toEqual(
        [],
      );
      const audit = await t.auditOf(applicant.accountId);
      expect(audit).toEqual(expect.arrayContaining(audits[index]!));
      expect(audit.map((entry) => entry.action)).toContain('personal_data_purged');
      const [report] = await itemsOf(t.tables, `REPORT#${applicant.accountId}`);
      expect(report).not.toHaveProperty('description');
    }
    expect(items.filter((item) => item.type === 'claim' && item.accountId === kept.accountId)).toHaveLength(
      3,
    );
    expect(await itemsOf(t.tables, 'DUE#purge#')).toEqual([]);
  });

  it('frees the phone, PIN and passport number to register again', async () => {
    const [purged] = deleted;
    const again = await t.portal.register({
      phone: purged!.phone,
      passportNumber: purged!.passportNumber,
      pin: purged!.pin,
    });
    expect(again.answer.status).toBe(201);
    expect(again.answer.body.accountId).not.toBe(purged!.accountId);
  });

  it('changes nothing when run again', async () => {
    const before = await t.tables.scan();
    await t.runToEnd();
    expect(await t.tables.scan()).toEqual(before);
  });
});

describe('Job: activity-scan (2.7, 2.8), every 15 minutes', () => {
  let t: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    t = await setUp('activity-scan', { pageSize: 5, maxPages: 1 });
  });

  const flags = async (applicant: Applicant) =>
    (await t.auditOf(applicant.accountId))
      .filter((e) => e.action === 'flagged_suspicious')
      .map((e) => e.detail);

  it('flags brute force across accounts, reset bursts and shared use, and alerts operators without personal data', async () => {
    // Prepare
    const attacked: Applicant[] = [];
    for (let i = 0; i < 5; i += 1) attacked.push(await t.register());
    for (const applicant of attacked)
      await logIn(t.portal, { ...applicant, password: 'not-the-password' }, '198.51.100.23');
    const fewer: Applicant[] = [];
    for (let i = 0; i < 4; i += 1) fewer.push(await t.register());
    for (const applicant of fewer)
      await logIn(t.portal, { ...applicant, password: 'wrong-again' }, '198.51.100.99');
    const resetting = await t.register();
    // The registration's SMS counts against the phone's SMS limit of its 10-minute window.
    t.accounts.clock.advance(11 * 60);
    for (let i = 0; i < 3; i += 1) {
      const answer = await t.portal.call('POST', '/v1/password-resets', {
        body: { phone: resetting.phone, pin: newApplicant().pin },
      });
      expect(answer.status).toBe(202);
    }
    const shared = await t.register();
    for (const ip of ['10.1.0.5', '10.2.0.5', '10.3.0.5'])
      expect((await logIn(t.portal, shared, ip)).status).toBe(201);
    const office = await t.register();
    for (const ip of ['10.9.9.1', '10.9.9.2', '10.9.9.3']) await logIn(t.portal, office, ip);
    t.accounts.clock.advance(1);

    // Act
    const reports = await t.runToEnd();

    // Assess
    expect(reports[0]).toMatchObject({ complete: false, continueNow: true });
    expect(reports.at(-1)).toMatchObject({ complete: true, continueNow: false });
    for (const applicant of attacked)
      expect(await flags(applicant)).toEqual(['failed_logins_from_one_source']);
    for (const applicant of [...fewer, office]) expect(await flags(applicant)).toEqual([]);
    expect(await flags(resetting)).toEqual(['password_reset_burst']);
    expect(await flags(shared)).toEqual(['sessions_from_many_networks']);
    const alerts = t.operators.alerts.published;
    expect(alerts).toHaveLength(3);
    expect(alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'suspicious_activity',
          details: expect.objectContaining({ pattern: 'failed_logins_from_one_source', accountsFlagged: 5 }),
        }),
        expect.objectContaining({
          accountId: resetting.accountId,
          details: expect.objectContaining({ resets: 3 }),
        }),
        expect.objectContaining({
          accountId: shared.accountId,
          details: expect.objectContaining({ networks: 3 }),
        }),
      ]),
    );
    const written = JSON.stringify([
      alerts,
      await itemsOf(t.tables, 'TALLY#'),
      await itemsOf(t.tables, 'JOB#'),
    ]);
    expect(written).not.toContain('198.51.100.23');
    expect(written).not.toContain(shared.phone);
  });

  it('flags each account once a day, however many scans see the pattern', async () => {
    t.accounts.clock.advance(15 * 60);
    const reports = await t.runToEnd();
    expect(reports.reduce((sum, r) => sum + r.changed, 0)).toBe(0);
    expect(t.operators.alerts.published).toHaveLength(3);
  });
});

describe('Job: daily-report, daily at 00:30 Asia/Bishkek', () => {
  let t: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    t = await setUp('daily-report', { pageSize: 4, maxPages: 1 });
    clearOfMidnight(t);
  });

  it("counts the day's registrations, consents, logins, access reports and blocks, to metrics and operators", async () => {
    // Prepare
    const today = bishkekDay(t.accounts.clock.now());
    const first = await t.register();
    const second = await t.register();
    await logIn(t.portal, first);
    const { body } = await logIn(t.portal, first);
    await logIn(t.portal, second);
    await t.portal.consent('ru');
    await reportAccess(t.portal, body.token as string);
    // The command is issued by the test clock too: near midnight in Bishkek the wall clock's day is another.
    await t.command(
      operatorEvent(
        'BlockAccount',
        { ...operator, phone: second.phone },
        { time: t.accounts.clock.now().toISOString() },
      ),
    );

    // Act
    const reports = await t.runToEnd({ day: today });

    // Assess
    expect(reports[0]!.complete).toBe(false);
    expect(reports.at(-1)).toMatchObject({
      complete: true,
      changed: 1,
      details: {
        day: today,
        registrations: 2,
        consents_v1: 3,
        logins_password: 3,
        accessReports: 1,
        blocks: 1,
      },
    });
    expect(t.operators.alerts.published).toEqual([
      expect.objectContaining({
        kind: 'daily_report',
        details: expect.objectContaining({ day: today, logins_password: 3 }),
      }),
    ]);
    expect(t.accounts.metrics.counts.get('DailyRegistrations')).toBe(2);
    expect(t.accounts.metrics.counts.get('DailyLogins')).toBe(3);
  });

  it('reports the previous day once, however often the schedule fires', async () => {
    const yesterday = bishkekDay(t.accounts.clock.now());
    t.accounts.clock.advance(day);
    const first = await t.runToEnd();
    const again = await t.runToEnd();
    expect(first.at(-1)).toMatchObject({
      complete: true,
      changed: 1,
      details: { day: yesterday, registrations: 2 },
    });
    expect(again).toEqual([
      expect.objectContaining({
        complete: true,
        changed: 0,
        details: { day: yesterday, alreadyReported: 1 },
      }),
    ]);
    expect(t.operators.alerts.published).toHaveLength(2);
  });
});

describe('Job: daily-report, runs that overlap', () => {
  let t: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    // A day in one page: every run that starts from the same state reaches the publish step.
    t = await setUp('daily-report', { pageSize: 1000, maxPages: 1 });
    await t.register();
  });

  it('publishes the report once when runs overlap (a schedule delivered twice, the admin CLI)', async () => {
    t.accounts.clock.advance(day);
    const before = t.operators.alerts.published.length;
    const overlapping = await Promise.all([t.run({}), t.run({}), t.run({})]);
    expect(overlapping.filter((report) => report.changed === 1)).toHaveLength(1);
    expect(t.operators.alerts.published).toHaveLength(before + 1);
    expect(await t.run({})).toMatchObject({ changed: 0, details: { alreadyReported: 1 } });
  });

  it('leaves a report the topic refused to the retry, which publishes the counts without counting again', async () => {
    t.accounts.clock.advance(day);
    const before = t.operators.alerts.published.length;
    t.operators.alerts.delivery = () => Promise.reject(new Error('SNS is down'));
    await expect(t.run({})).rejects.toThrow('SNS is down');
    t.operators.alerts.delivery = undefined;
    expect(await t.run({})).toMatchObject({ complete: true, changed: 1, pages: 0 });
    expect(t.operators.alerts.published).toHaveLength(before + 1);
  });

  it("publishes nothing while another run holds the report, and publishes it once that run's claim runs out", async () => {
    t.accounts.clock.advance(day);
    const before = t.operators.alerts.published.length;
    let publishing!: () => void;
    const reached = new Promise<void>((resolve) => (publishing = resolve));
    t.operators.alerts.delivery = () => {
      publishing();
      return new Promise<void>(() => undefined); // the run dies while publishing
    };
    void t.run({});
    await reached;
    t.operators.alerts.delivery = undefined;
    expect(await t.run({})).toMatchObject({ complete: false, changed: 0, details: { yielded: 1 } });
    // Nor does an operator's run for another day take the held report's place.
    expect(await t.run({ day: '2026-01-15' })).toMatchObject({ changed: 0, details: { yielded: 1 } });
    t.accounts.clock.advance(3 * 60);
    expect(await t.run({})).toMatchObject({ complete: true, changed: 1 });
    expect(t.operators.alerts.published).toHaveLength(before + 1);
  });
});

describe('Job: activity-scan after late and missed schedules (2.7, 2.8)', () => {
  it('sweeps the backlog window by window, each once and judged on the hour before its end: office traffic over hours is not flagged', async () => {
    // Prepare
    const t = await setUp('activity-scan', { pageSize: 5, maxPages: 2 });
    await t.runToEnd(); // the first scan: the chain of windows starts here
    const start = t.accounts.clock.now().getTime();
    const at = (minutes: number) =>
      t.accounts.clock.advance((start + minutes * 60_000 - t.accounts.clock.now().getTime()) / 1000);
    const office: string[] = [];
    const attacked: string[] = [];
    const resetting = randomUUID();
    // An office behind one address: four colleagues mistype their password every hour, three hours running.
    for (const minutes of [5, 65, 125]) {
      at(minutes);
      for (let i = 0; i < 4; i += 1) {
        office.push(randomUUID());
        await t.record(office.at(-1)!, 'login_failed', '192.0.2.77');
      }
      if (minutes === 65)
        for (let i = 0; i < 3; i += 1) await t.record(resetting, 'password_reset', '192.0.2.78');
    }
    at(130);
    for (let i = 0; i < 5; i += 1) {
      attacked.push(randomUUID());
      await t.record(attacked.at(-1)!, 'login_failed', '198.51.100.66');
    }
    at(180); // the schedules of three hours were missed

    // Act
    const reports = await t.runToEnd();
    const again = await t.runToEnd();

    // Assess
    const flags = async (accountId: string) =>
      (await t.auditOf(accountId)).filter((e) => e.action === 'flagged_suspicious').map((e) => e.detail);
    expect(reports.length).toBeGreaterThan(1);
    expect(sum(reports, (r) => Number(r.details?.windows))).toBe(12);
    expect(reports.at(-1)).toMatchObject({
      complete: true,
      details: { from: t.accounts.clock.now().toISOString() },
    });
    for (const accountId of office) expect(await flags(accountId)).toEqual([]);
    for (const accountId of attacked)
      expect(await flags(accountId)).toEqual(['failed_logins_from_one_source']);
    expect(await flags(resetting)).toEqual(['password_reset_burst']);
    expect(t.operators.alerts.published).toHaveLength(2);
    expect(again).toEqual([
      expect.objectContaining({
        complete: true,
        changed: 0,
        details: expect.objectContaining({ windows: 0 }),
      }),
    ]);
  });
});

describe('Job: daily-report after missed schedules', () => {
  it('reports every missed day once, in order, each with its own events', async () => {
    // Prepare
    const t = await setUp('daily-report', {});
    clearOfMidnight(t);
    await t.runToEnd(); // reports yesterday: the chain of days starts here
    const days: string[] = [];
    for (let registrations = 1; registrations <= 3; registrations += 1) {
      days.push(bishkekDay(t.accounts.clock.now()));
      for (let i = 0; i < registrations; i += 1) await t.register();
      t.accounts.clock.advance(day); // the next daily schedule is missed
    }

    // Act
    const reports = await t.runToEnd();
    const again = await t.runToEnd();

    // Assess
    expect(reports.map((r) => [r.details?.day, r.details?.registrations, r.complete])).toEqual([
      [days[0], 1, false],
      [days[1], 2, false],
      [days[2], 3, true],
    ]);
    expect(t.operators.alerts.published.map((a) => a.details?.day)).toEqual(expect.arrayContaining(days));
    expect(again).toEqual([
      expect.objectContaining({ changed: 0, details: { day: days[2], alreadyReported: 1 } }),
    ]);
  });

  it('resumes an interrupted count from its saved cursor: each event of the day is read once', async () => {
    // Prepare
    const t = await setUp('daily-report', { pageSize: 2 });
    clearOfMidnight(t);
    for (let i = 0; i < 3; i += 1) await logIn(t.portal, await t.register());
    const timeIsUp = { getRemainingTimeInMillis: () => 0 };

    // Act: every invocation runs out of time after its first page
    const reports: JobReport[] = [];
    do reports.push(await t.run({ day: bishkekDay(t.accounts.clock.now()) }, timeIsUp));
    while (!reports.at(-1)!.complete && reports.length < 50);

    // Assess
    expect(reports.length).toBeGreaterThan(2);
    expect(reports.every((r) => r.pages === 1)).toBe(true);
    expect(reports.at(-1)!.details).toMatchObject({ registrations: 3, logins_password: 3, consents_v1: 3 });
    expect(sum(reports, (r) => r.examined)).toBe(9);
  });
});

describe('Jobs read their window, not the table', () => {
  /**
   * Every job run once over the same recent events (registrations, logins, a failed login, a missed verification
   * deadline, a deletion past retention), on a table that also holds `background` accounts registered a month
   * before: the DynamoDB reads of each run, counted on the client with the capacity DynamoDB Local reports.
   */
  const readsOfEachJob = async (background: number) => {
    const t = await setUp('activity-scan', {});
    clearOfMidnight(t);
    const recorder = new RequestRecorder();
    recorder.instrument(t.tables.client);
    t.accounts.clock.advance(-30 * day);
    for (let i = 0; i < background; i += 1) await t.register();
    t.accounts.clock.advance(30 * day);
    const [overdue, deleted] = [await t.register(), await t.register()];
    await logIn(t.portal, overdue);
    await logIn(t.portal, { ...deleted, password: 'not-the-password' }, '198.51.100.9');
    const past = new Date(t.accounts.clock.now().getTime() - 60_000).toISOString();
    await t.command(
      operatorEvent('RequestVerification', { ...operator, phone: overdue.phone, deadline: past }),
    );
    await t.command(operatorEvent('DeleteAccount', { ...operator, phone: deleted.phone }));
    const today = bishkekDay(t.accounts.clock.now());
    const reads: Partial<Record<JobName, { requests: number; readUnits: number }>> = {};
    for (const job of jobNames) {
      // The purge's events are those of 90 days before: it runs when the deletion's retention is over.
      if (job === 'purge-deleted') t.accounts.clock.advance(91 * day);
      recorder.start();
      let report: JobReport;
      do report = await createJobHandler(t.operators, job)(job === 'daily-report' ? { day: today } : {});
      while (report.continueNow);
      const requests = recorder.stop().filter((r) => /Get|Query|Scan/.test(r.operation));
      reads[job] = { requests: requests.length, readUnits: sum(requests, (r) => r.readUnits) };
    }
    return reads;
  };

  it('makes the same reads whether the table holds 2 or 30 accounts outside the window', async () => {
    const [few, many] = [await readsOfEachJob(2), await readsOfEachJob(30)];
    expect(Object.keys(many)).toEqual([...jobNames]);
    expect(many).toEqual(few);
    for (const job of jobNames) expect(many[job]!.readUnits).toBeGreaterThan(0);
  });
});
