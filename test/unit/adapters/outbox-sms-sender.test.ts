import { statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxSmsSender, smsOutboxFile } from '../../../functions/adapters/sms/outbox-sms-sender';
import { SmsRecipientRefused } from '../../../functions/adapters/sms/recipient';
import { smsMessage } from '../../../functions/domain/sms-texts';

const clock = { now: () => new Date('2026-11-25T10:00:00.000Z') };

describe('Class: OutboxSmsSender (DESIGN: Local SMS outbox)', () => {
  let root: string;
  let dataDir: string;
  let printed: string[];
  let sender: OutboxSmsSender;

  const outboxLines = async (): Promise<string[]> =>
    (await readFile(join(dataDir, smsOutboxFile), 'utf8')).split('\n').filter((line) => line !== '');

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'sms-outbox-'));
    dataDir = join(root, 'not', 'yet', 'there');
    printed = [];
    sender = new OutboxSmsSender(dataDir, { print: (line) => printed.push(line), clock });
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  describe('Method: send', () => {
    it('appends one JSON line with at, phone, purpose, text and secret, in that order', async () => {
      // Prepare
      const message = smsMessage('phone_change_code', 'en', '+996555123456', '042917');

      // Act
      await sender.send(message);

      // Assess
      expect(await outboxLines()).toEqual([
        JSON.stringify({
          at: '2026-11-25T10:00:00.000Z',
          phone: '+996555123456',
          purpose: 'code',
          text: 'SRS portal: code to change your phone number 042917',
          secret: '042917',
        }),
      ]);
    });

    it('prints the SMS on the console', async () => {
      // Act
      await sender.send(smsMessage('new_password', 'ru', '+996700123456', 'h7dz3tmw9bfr2n'));

      // Assess
      expect(printed).toEqual([
        'SMS to +996700123456 (password): Портал ГРС: ваш новый пароль h7dz3tmw9bfr2n',
      ]);
    });

    it('keeps every line whole when many SMS go at once', async () => {
      // Prepare
      const codes = Array.from({ length: 50 }, (_, i) => String(100000 + i));

      // Act
      await Promise.all(
        codes.map((code) => sender.send(smsMessage('access_report_code', 'ky', '+996700123456', code))),
      );

      // Assess
      const secrets = (await outboxLines()).map((line) => (JSON.parse(line) as { secret: string }).secret);
      expect(secrets.sort()).toEqual(codes);
    });

    it('creates the outbox readable and writable by its owner only (0600, as keys.json): it holds passwords', async () => {
      // Act
      await sender.send(smsMessage('registration_password', 'ky', '+996700123456', 'h7dz3tmw9bfr2n'));

      // Assess
      expect(statSync(join(dataDir, smsOutboxFile)).mode & 0o777).toBe(0o600);
    });

    it('appends to the outbox that is there', async () => {
      // Prepare
      await sender.send(smsMessage('phone_change_code', 'en', '+996555123456', '111111'));

      // Act
      await new OutboxSmsSender(dataDir, { print: () => undefined }).send(
        smsMessage('phone_change_code', 'en', '+996555123456', '222222'),
      );

      // Assess
      expect(await outboxLines()).toHaveLength(2);
    });

    it('refuses a phone that is not +996, writing nothing (Security rules)', async () => {
      // Act
      const refusal = await sender
        .send(smsMessage('phone_change_code', 'en', '+79161234567', '111111'))
        .catch((e: unknown) => e);

      // Assess
      expect(refusal).toBeInstanceOf(SmsRecipientRefused);
      await expect(outboxLines()).rejects.toMatchObject({ code: 'ENOENT' });
      expect(printed).toEqual([]);
    });
  });
});
