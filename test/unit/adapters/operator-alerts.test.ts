import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AlertNotSent,
  PersonalDataInAlert,
  assertNoPersonalData,
} from '../../../functions/adapters/alerts/alert-record';
import {
  OutboxOperatorAlerts,
  alertsOutboxFile,
} from '../../../functions/adapters/alerts/outbox-operator-alerts';
import { SnsOperatorAlerts } from '../../../functions/adapters/alerts/sns-operator-alerts';
import { isRandomId, randomIds } from '../../../functions/adapters/random';
import type { OperatorAlert } from '../../../functions/domain/ports';

const clock = { now: () => new Date('2026-11-25T10:00:00.000Z') };
const topicArn = 'arn:aws:sns:eu-central-1:111122223333:srs-portal-operators';
const accessReport: OperatorAlert = {
  kind: 'access_report',
  accountId: 'acc-7f3e',
  reportId: 'rep-19c2',
  summary: 'Unauthorized access reported; sessions ended, password replaced',
  details: { sessionsEnded: 2, reportedWithoutLogin: true },
};
/** A random id (randomUUID) whose digits read as a phone number: `9964-40067844` is 996 440 067 844. */
const phoneShapedId = '9bc4753a-6932-47de-9964-40067844e0e1';
const plainId = '3f2b8c1e-7a4d-4e9b-a6c5-d0e1f2a3b4c5';
const leaks: [string, OperatorAlert][] = [
  ['a +996 phone in details', { ...accessReport, details: { contact: '+996 700 123-456' } }],
  ['a phone without plus in the summary', { ...accessReport, summary: 'Reported from 996700123456' }],
  ['a PIN in details', { ...accessReport, details: { applicant: 21204199012345 } }],
  ['a passport number in details', { ...accessReport, details: { document: 'ID1234567' } }],
  ['an older passport number, Cyrillic А', { ...accessReport, details: { document: 'АN 7654321' } }],
  ['a phone as a detail name', { ...accessReport, details: { '+996700123456': 3 } }],
  ['a PIN as the account id', { ...accessReport, accountId: '21204199012345' }],
  ['a phone as the report id', { ...accessReport, reportId: '+996700123456' }],
  ['a phone after an id, as the account id', { ...accessReport, accountId: `${plainId} +996700123456` }],
  ['a phone among ids in details', { ...accessReport, details: { accountIds: `${plainId} +996700123456` } }],
];

describe('Class: SnsOperatorAlerts (2.7, 2.8)', () => {
  const sns = mockClient(SNSClient);
  const alerts = new SnsOperatorAlerts(new SNSClient({}), topicArn, { clock });

  beforeEach(() => sns.reset());

  describe('Method: publish', () => {
    it('publishes the alert as JSON with its time, a subject and the kind as a message attribute', async () => {
      // Prepare
      sns.on(PublishCommand).resolves({ MessageId: 'message-1' });

      // Act
      await alerts.publish(accessReport);

      // Assess
      const expected = {
        TopicArn: topicArn,
        Subject: 'SRS portal: unauthorized access reported',
        Message: JSON.stringify({
          kind: 'access_report',
          accountId: 'acc-7f3e',
          reportId: 'rep-19c2',
          summary: 'Unauthorized access reported; sessions ended, password replaced',
          details: { sessionsEnded: 2, reportedWithoutLogin: true },
          at: '2026-11-25T10:00:00.000Z',
        }),
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'access_report' } },
      };
      expect(sns).toReceiveCommandTimes(PublishCommand, 1);
      expect(sns).toReceiveCommandWith(PublishCommand, expected);
      expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toEqual(expected);
    });

    it('leaves out ids and details the alert does not have', async () => {
      // Prepare
      sns.on(PublishCommand).resolves({ MessageId: 'message-1' });

      // Act
      await alerts.publish({ kind: 'daily_report', summary: 'Daily report' });

      // Assess
      expect(JSON.parse(sns.commandCalls(PublishCommand)[0]!.args[0].input.Message!)).toEqual({
        kind: 'daily_report',
        summary: 'Daily report',
        at: '2026-11-25T10:00:00.000Z',
      });
    });

    it.each(leaks)('refuses %s before publishing (2.4)', async (_case, alert) => {
      // Act
      const refusal = await alerts.publish(alert).catch((e: unknown) => e);

      // Assess
      expect(refusal).toBeInstanceOf(PersonalDataInAlert);
      expect(sns).toReceiveCommandTimes(PublishCommand, 0);
    });

    it('says AlertNotSent, keeping the SNS error as the cause, when SNS fails', async () => {
      // Prepare
      const failure = new Error('socket hang up');
      sns.on(PublishCommand).rejects(failure);

      // Act
      const refusal = await alerts.publish(accessReport).catch((e: unknown) => e);

      // Assess
      expect(refusal).toBeInstanceOf(AlertNotSent);
      expect((refusal as Error).cause).toBe(failure);
    });
  });
});

describe('Class: OutboxOperatorAlerts', () => {
  let dataDir: string;
  let printed: string[];
  let alerts: OutboxOperatorAlerts;

  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'alerts-outbox-')), '.data');
    printed = [];
    alerts = new OutboxOperatorAlerts(dataDir, { print: (line) => printed.push(line), clock });
  });

  afterEach(() => rm(join(dataDir, '..'), { recursive: true, force: true }));

  describe('Method: publish', () => {
    it('appends the alert as one JSON line and prints it on the console', async () => {
      // Act
      await alerts.publish(accessReport);
      await alerts.publish({ kind: 'sms_failure', summary: 'SMS provider refused 3 messages' });

      // Assess
      const lines = (await readFile(join(dataDir, alertsOutboxFile), 'utf8')).trimEnd().split('\n');
      expect(lines.map((line) => JSON.parse(line))).toEqual([
        { ...accessReport, at: '2026-11-25T10:00:00.000Z' },
        { kind: 'sms_failure', summary: 'SMS provider refused 3 messages', at: '2026-11-25T10:00:00.000Z' },
      ]);
      expect(printed).toEqual([
        'Operator alert (access_report): Unauthorized access reported; sessions ended, password replaced',
        'Operator alert (sms_failure): SMS provider refused 3 messages',
      ]);
    });

    it('creates the outbox readable and writable by its owner only (0600), as the SMS outbox', async () => {
      // Act
      await alerts.publish(accessReport);

      // Assess
      expect(statSync(join(dataDir, alertsOutboxFile)).mode & 0o777).toBe(0o600);
    });

    it('writes the access report of an account whose random id looks like a phone number (2.7)', async () => {
      // Prepare
      const alert: OperatorAlert = { ...accessReport, accountId: phoneShapedId, reportId: phoneShapedId };

      // Act
      await alerts.publish(alert);

      // Assess
      const lines = (await readFile(join(dataDir, alertsOutboxFile), 'utf8')).trimEnd().split('\n');
      expect(lines.map((line) => JSON.parse(line))).toEqual([{ ...alert, at: '2026-11-25T10:00:00.000Z' }]);
    });

    it.each(leaks)('refuses %s, writing and printing nothing (2.4)', async (_case, alert) => {
      // Act
      const refusal = await alerts.publish(alert).catch((e: unknown) => e);

      // Assess
      expect(refusal).toBeInstanceOf(PersonalDataInAlert);
      await expect(readFile(join(dataDir, alertsOutboxFile), 'utf8')).rejects.toMatchObject({
        code: 'ENOENT',
      });
      expect(printed).toEqual([]);
    });
  });
});

const captured = (act: () => void): unknown => {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('Function: assertNoPersonalData', () => {
  it('names the field, never the value', () => {
    // Prepare
    const alert: OperatorAlert = { ...accessReport, details: { contact: '+996700123456' } };

    // Act
    const refusal = captured(() => assertNoPersonalData(alert));

    // Assess
    expect(refusal).toBeInstanceOf(PersonalDataInAlert);
    expect((refusal as PersonalDataInAlert).fields).toEqual([{ field: 'details.contact', code: 'phone' }]);
    expect(JSON.stringify({ ...(refusal as object), message: (refusal as Error).message })).not.toContain(
      '700123456',
    );
  });

  it('lets ids, counts and times through', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.date({ noInvalidDate: true }), (count, at) => {
        expect(() =>
          assertNoPersonalData({
            kind: 'suspicious_activity',
            accountId: randomUUID(),
            summary: `Shared use suspected: ${count} sessions from ${count % 50} networks`,
            details: { sessions: count, since: at.toISOString(), accountId: randomUUID() },
          }),
        ).not.toThrow();
      }),
    );
  });

  it('lets through random ids whose digits look like a phone number, as ids and as lists of ids (2.4, 2.7)', () => {
    // Prepare: the generator's format (version 4 UUIDs), often with a +996 phone number for the last group
    const phoneGroup = fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
      .map((digits) => `996${digits.join('')}`);
    const id = fc
      .tuple(fc.uuid({ version: 4 }), fc.option(phoneGroup))
      .map(([uuid, group]) => (group === null ? uuid : `${uuid.slice(0, 24)}${group}`));

    fc.assert(
      fc.property(id, id, fc.array(id, { minLength: 1, maxLength: 20 }), (accountId, reportId, flagged) => {
        expect(() =>
          assertNoPersonalData({
            kind: 'suspicious_activity',
            accountId,
            reportId,
            summary: 'Many accounts failed to log in from one source',
            details: { accountIds: flagged.join(' '), accountsFlagged: flagged.length },
          }),
        ).not.toThrow();
      }),
    );
    assertNoPersonalData({ ...accessReport, accountId: phoneShapedId, reportId: phoneShapedId });
  });

  it("knows the format of the portal's ids: what randomIds gives, the example included", () => {
    for (let i = 0; i < 1000; i += 1) expect(isRandomId(randomIds.newId())).toBe(true);
    expect(isRandomId(phoneShapedId)).toBe(true);
    expect(isRandomId(plainId)).toBe(true);
  });

  it.each([
    ['accountId', { accountId: phoneShapedId.toUpperCase() }],
    ['accountId', { accountId: `${phoneShapedId}0` }],
    ['reportId', { reportId: phoneShapedId.replace('-', '') }],
    ['details.accountIds', { details: { accountIds: `${phoneShapedId},${phoneShapedId}` } }],
  ] as const)('checks %s as text when it is not in the id format', (field, change) => {
    // Act
    const refusal = captured(() => assertNoPersonalData({ ...accessReport, ...change }));

    // Assess
    expect(refusal).toBeInstanceOf(PersonalDataInAlert);
    expect((refusal as PersonalDataInAlert).fields).toEqual([{ field, code: 'phone' }]);
  });
});
