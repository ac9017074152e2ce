import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { smsText } from '../../functions/domain/sms-texts';
import { findRunningStore } from '../../lib/local/store';
import {
  javaProcessesOn,
  javaRunsOn,
  startPortalProcess,
  type PortalProcess,
} from '../support/portal-process';
import { newApplicant } from '../support/portal';
import { admin } from '../support/admin-cli';

// Each test starts processes (DynamoDB Local, the CLI, up to six in a row); on a loaded 2-core machine each takes
// seconds to tens of seconds.
jest.setTimeout(300_000);

const operatorFlags = ['--operator', 'op.e2e', '--reason', 'Documents checked at the SRS office'];

describe('npm run admin while npm start serves applicants', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-admin-'));
  let portal: PortalProcess;

  beforeAll(async () => {
    portal = await startPortalProcess(dataDir);
  });

  afterAll(async () => {
    expect(await portal.stop('SIGTERM')).toBe(0);
  });

  const call = async (method: string, path: string, options: { body?: unknown; token?: string } = {}) => {
    const response = await fetch(`${portal.url}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...(options.token && { authorization: `Bearer ${options.token}` }),
      },
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };

  /** The local SMS outbox, one message a line (DESIGN: Local SMS outbox). */
  const outbox = () =>
    readFileSync(join(dataDir, 'sms-outbox.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { phone: string; purpose: string; secret?: string });

  /** Registers over HTTP and reads the password from the local SMS outbox, as the applicant reads their SMS. */
  const registered = async () => {
    const applicant = newApplicant();
    const consent = await call('POST', '/v1/consents', {
      body: { agreementVersion: '1', accepted: true, language: 'en' },
    });
    const registration = await call('POST', '/v1/registrations', {
      body: { consentId: consent.body.consentId, applicantType: 'individual', ...applicant },
    });
    expect(registration.status).toBe(201);
    const sms = outbox().filter(
      (message) => message.phone === applicant.phone && message.purpose === 'password',
    );
    return { ...applicant, accountId: registration.body.accountId as string, password: sms.at(-1)!.secret! };
  };

  const logIn = (applicant: { phone: string; password: string }) =>
    call('POST', '/v1/sessions', { body: { phone: applicant.phone, password: applicant.password } });

  const portalItems = async () => {
    const running = await findRunningStore(dataDir);
    const client = createDocumentClient({ region: 'eu-central-1', endpoint: running!.endpoint });
    try {
      return (await client.send(new ScanCommand({ TableName: 'portal', ConsistentRead: true }))).Items ?? [];
    } finally {
      client.destroy();
    }
  };

  it("block-account: the applicant's next request is refused (401) and login gets 403 account_blocked", async () => {
    // Prepare
    const applicant = await registered();
    const { body } = await logIn(applicant);
    expect((await call('GET', '/v1/me', { token: body.token as string })).status).toBe(200);

    // Act
    const run = await admin(dataDir, ['block-account', '--phone', applicant.phone, ...operatorFlags]);

    // Assess
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("the running portal's DynamoDB Local");
    expect(run.stdout).toContain(`Blocked account ${applicant.accountId}; 1 session(s) ended at once.`);
    expect((await call('GET', '/v1/me', { token: body.token as string })).status).toBe(401);
    const login = await logIn(applicant);
    expect(login.status).toBe(403);
    expect(login.body.code).toBe('account_blocked');
  });

  it('refuses bad arguments and an unknown account with a clear message and a non-zero exit, changing nothing', async () => {
    // Prepare
    const before = await portalItems();

    // Act
    const unknown = await admin(dataDir, [
      'block-account',
      '--phone',
      newApplicant().phone,
      ...operatorFlags,
    ]);
    const noReason = await admin(dataDir, ['delete-account', '--phone', '+996700000001']);
    const badCommand = await admin(dataDir, ['wipe-account', '--phone', '+996700000001']);
    const badOutcome = await admin(dataDir, [
      'resolve-verification',
      '--phone',
      '+996700000001',
      '--outcome',
      'maybe',
      ...operatorFlags,
    ]);
    const badJob = await admin(dataDir, ['run-job', 'everything']);
    const lookWithoutReason = await admin(dataDir, [
      'show-account',
      '--phone',
      '+996700000001',
      '--operator',
      'op.e2e',
    ]);
    const lookWithoutOperator = await admin(dataDir, [
      'show-account',
      '--phone',
      '+996700000001',
      '--reason',
      'Checking',
    ]);
    const listWithoutOpen = await admin(dataDir, ['list-reports']);
    const unknownStage = await admin(dataDir, [
      'block-account',
      '--stage',
      'nowhere',
      '--phone',
      '+996700000001',
    ]);
    const badDay = await admin(dataDir, ['run-job', 'daily-report', '--day', '25.11.2026']);

    // Assess
    expect(unknown).toMatchObject({
      status: 1,
      stderr: 'No account has this phone number or id. Nothing was changed.\n',
    });
    expect(noReason.status).toBe(2);
    expect(noReason.stderr).toMatch(/^--reason: is required$/m);
    expect(badCommand.status).toBe(2);
    expect(badCommand.stderr).toMatch(/^Unknown command "wipe-account"/);
    expect(badOutcome.status).toBe(2);
    expect(badOutcome.stderr).toMatch(/^--outcome: is not one of the allowed values$/m);
    expect(badJob.status).toBe(2);
    expect([lookWithoutReason.status, lookWithoutOperator.status, listWithoutOpen.status]).toEqual([2, 2, 2]);
    expect(lookWithoutReason.stderr).toMatch(/^--reason: is required$/m);
    expect(lookWithoutOperator.stderr).toMatch(/^--operator: is required$/m);
    expect(listWithoutOpen.stderr).toMatch(/^list-reports lists the open reports: add --open\.$/m);
    expect(unknownStage.status).toBe(2);
    expect(unknownStage.stderr).toMatch(/^--stage: one of dev, prod\.$/m);
    expect(badDay.status).toBe(2);
    expect(badDay.stderr).toMatch(/^--day: a date as YYYY-MM-DD\.$/m);
    expect(await portalItems()).toEqual(before);
  });

  it('request-verification with a past deadline, then run-job verification-deadlines: login gets 403 verification_required', async () => {
    // Prepare
    const applicant = await registered();
    const { body } = await logIn(applicant);
    const demanded = await admin(dataDir, [
      'request-verification',
      '--phone',
      applicant.phone,
      '--deadline',
      '2026-01-01',
      ...operatorFlags,
    ]);
    expect(demanded.stdout).toContain(
      `Demanded verification from account ${applicant.accountId} by 2026-01-01T17:59:59.999Z.`,
    );
    // 2.3: the applicant hears of it by a notice SMS with the deadline in Bishkek time, no secret.
    expect(demanded.stdout).toContain('The applicant was sent a notice SMS.');
    expect(
      outbox()
        .filter((message) => message.phone === applicant.phone)
        .at(-1),
    ).toEqual({
      at: expect.any(String),
      phone: applicant.phone,
      purpose: 'notice',
      text: expect.stringContaining('01.01.2026 23:59'),
    });
    // 2.3: the deadline has passed, so access is denied at once, before the job records the demand as overdue.
    const cabinet = await call('GET', '/v1/me', { token: body.token as string });
    expect([cabinet.status, cabinet.body.code]).toEqual([403, 'verification_required']);

    // Act
    const job = await admin(dataDir, ['run-job', 'verification-deadlines']);

    // Assess
    expect(job.status).toBe(0);
    expect(job.stdout).toMatch(/Job verification-deadlines completed: .* [1-9]\d* changed\./);
    const login = await logIn(applicant);
    expect(login.status).toBe(403);
    expect(login.body.code).toBe('verification_required');
    const refused = await call('GET', '/v1/me', { token: body.token as string });
    expect(refused.body.code).toBe('verification_required');
  });

  it("show-account prints masked data and open reports, and the applicant sees the operator's look; list-reports --open lists the report with its age (2.6)", async () => {
    // Prepare
    const applicant = await registered();
    const { body } = await logIn(applicant);
    const report = await call('POST', '/v1/me/access-reports', { token: body.token as string, body: {} });
    expect(report.status).toBe(201);

    // Act
    const look = await admin(dataDir, ['show-account', '--phone', applicant.phone, ...operatorFlags]);
    const list = await admin(dataDir, ['list-reports', '--open']);

    // Assess
    expect([look.status, look.stderr]).toEqual([0, '']);
    expect(look.stdout).toContain(`Account ${applicant.accountId} (individual): active`);
    expect(look.stdout).toContain(`Phone: +996 *** *** ${applicant.phone.slice(-3)}`);
    expect(look.stdout).not.toContain(applicant.pin);
    expect(look.stdout).toContain(`${report.body.reportId as string} reported`);
    expect(look.stdout).toMatch(/viewed_by_operator success by op\.e2e \(masked\)/);
    expect([list.status, list.stderr]).toEqual([0, '']);
    expect(list.stdout).toMatch(
      new RegExp(`${report.body.reportId as string} account ${applicant.accountId} reported .* open \\d+ h`),
    );
    const password = outbox()
      .filter((m) => m.phone === applicant.phone && m.purpose === 'password')
      .at(-1)!.secret!;
    const session = await logIn({ phone: applicant.phone, password });
    const activity = await call('GET', '/v1/me/activity', { token: session.body.token as string });
    expect(activity.body.items).toContainEqual(expect.objectContaining({ action: 'viewed_by_operator' }));
  });

  it("list-documents lists the demand's documents with a download link for the received one, which fetches the file from the local S3 server; the look is in the applicant's activity (2.3, 2.6)", async () => {
    // Prepare: a demand, a PDF uploaded by its presigned POST and scanned clean, and one announced only
    const applicant = await registered();
    const token = (await logIn(applicant)).body.token as string;
    const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const demanded = await admin(dataDir, [
      'request-verification',
      ...['--phone', applicant.phone, '--deadline', deadline],
      ...operatorFlags,
    ]);
    expect(demanded.status).toBe(0);
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    const announce = (fileName: string) =>
      call('POST', '/v1/me/verification-documents', {
        token,
        body: { fileName, contentType: 'application/pdf', size: pdf.length },
      });
    const sent = await announce('passport scan.pdf');
    const waiting = await announce('later.pdf');
    const { url, fields } = sent.body.upload as { url: string; fields: Record<string, string> };
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'upload');
    expect((await fetch(url, { method: 'POST', body: form })).status).toBe(204);
    // The scan runs after the upload is answered: the list is read again until the document is received.
    for (;;) {
      const list = await call('GET', '/v1/me/verification-documents', { token });
      const items = list.body.items as { documentId: string; status: string }[];
      if (items.find((d) => d.documentId === sent.body.documentId)?.status === 'received') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // Act
    const look = await admin(dataDir, ['list-documents', '--phone', applicant.phone, ...operatorFlags]);
    const withoutReason = await admin(dataDir, [
      'list-documents',
      ...['--phone', applicant.phone, '--operator', 'op.e2e'],
    ]);
    const unknown = await admin(dataDir, [
      'list-documents',
      '--phone',
      newApplicant().phone,
      ...operatorFlags,
    ]);

    // Assess
    expect([look.status, look.stderr]).toEqual([0, '']);
    expect(look.stdout).toContain(`Documents of this demand: 2`);
    expect(look.stdout).toMatch(
      new RegExp(
        `${sent.body.documentId as string} "passport scan.pdf" application/pdf, ${pdf.length} bytes, received`,
      ),
    );
    expect(look.stdout).toContain(`${waiting.body.documentId as string} "later.pdf"`);
    const links = look.stdout.match(/^ {4}(http\S+)$/gm)!.map((line) => line.trim());
    expect(links).toHaveLength(1);
    expect(new URL(links[0]!).hostname).toBe('127.0.0.1');
    const download = await fetch(links[0]!);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
    expect([withoutReason.status, withoutReason.stderr]).toEqual([
      2,
      expect.stringMatching(/^--reason: is required$/m),
    ]);
    expect(unknown).toMatchObject({
      status: 1,
      stderr: 'No account has this phone number or id. Nothing was shown.\n',
    });
    const activity = await call('GET', '/v1/me/activity', { token });
    expect(activity.body.items).toContainEqual(
      expect.objectContaining({ action: 'documents_viewed_by_operator' }),
    );
  });

  it('runs every job to its end over many pages, outside Lambda with no time limit to ask for', async () => {
    await registered();
    for (const job of ['activity-scan', 'daily-report', 'verification-deadlines', 'purge-deleted']) {
      const run = await admin(dataDir, ['run-job', job], { PORTAL_JOB_PAGE_SIZE: '1' });
      expect([job, run.status, run.stderr]).toEqual([job, 0, '']);
      expect(run.stdout).toContain(`Job ${job} completed`);
    }
  });

  it('delete-account, then run-job purge-deleted past retention: personal data gone, audit log kept', async () => {
    // Prepare
    const applicant = await registered();
    const deleted = await admin(dataDir, ['delete-account', '--phone', applicant.phone, ...operatorFlags]);
    expect(deleted.status).toBe(0);
    // 2.2: the applicant hears of the deletion by a notice SMS, in the language of their consent, no secret.
    expect(deleted.stdout).toContain('The applicant was sent a notice SMS.');
    expect(
      outbox()
        .filter((message) => message.phone === applicant.phone)
        .at(-1),
    ).toEqual({
      at: expect.any(String),
      phone: applicant.phone,
      purpose: 'notice',
      text: smsText('account_deleted_notice', 'en'),
    });
    const auditBefore = (await portalItems()).filter((item) => item.pk === `AUDIT#${applicant.accountId}`);

    // Act
    const purge = await admin(dataDir, ['run-job', 'purge-deleted'], { PORTAL_PURGE_AFTER_DAYS: '0' });

    // Assess
    expect(purge.status).toBe(0);
    expect(purge.stdout).toContain('purgeAfterDays=0');
    const items = await portalItems();
    const [account] = items.filter((item) => item.pk === `ACCOUNT#${applicant.accountId}`);
    expect(account).toMatchObject({ status: 'deleted', sealedPersonalData: '' });
    expect(items.filter((item) => item.type === 'claim' && item.accountId === applicant.accountId)).toEqual(
      [],
    );
    const audit = items.filter((item) => item.pk === `AUDIT#${applicant.accountId}`);
    expect(audit).toEqual(expect.arrayContaining(auditBefore));
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['registration', 'account_deleted', 'personal_data_purged']),
    );
    expect((await logIn(applicant)).status).toBe(401);
  });
});

describe('npm run admin without npm start', () => {
  it('opens the data directory itself, runs the job, and leaves no DynamoDB Local behind', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portal-admin-alone-'));
    const run = await admin(dataDir, ['run-job', 'daily-report']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('DynamoDB Local started for this command');
    expect(run.stdout).toMatch(/Job daily-report completed: 1 invocation\(s\)/);
    expect(readFileSync(join(dataDir, 'alerts-outbox.jsonl'), 'utf8')).toContain('"kind":"daily_report"');
    expect(javaRunsOn(dataDir)).toBe(false);
  });

  it('shares one DynamoDB Local between two CLIs started together, and both finish', async () => {
    // Prepare
    const dataDir = mkdtempSync(join(tmpdir(), 'portal-admin-together-'));
    let javaSeen = 0;
    const watching = setInterval(() => (javaSeen = Math.max(javaSeen, javaProcessesOn(dataDir))), 200);

    // Act
    const runs = await Promise.all([
      admin(dataDir, ['run-job', 'daily-report']),
      admin(dataDir, ['run-job', 'activity-scan']),
    ]).finally(() => clearInterval(watching));

    // Assess
    expect(runs.map((run) => [run.status, run.stderr])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    expect(runs.filter((run) => run.stdout.includes('DynamoDB Local started for this command'))).toHaveLength(
      1,
    );
    expect(javaSeen).toBeLessThanOrEqual(1);
    expect(javaRunsOn(dataDir)).toBe(false);
  });
});
