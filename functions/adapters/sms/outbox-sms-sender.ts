import { systemClock, type Clock, type SmsMessage, type SmsSender } from '../../domain/ports';
import { logEvents, log } from '../../commons/log';
import { appendJsonLine, printToConsole } from './outbox-file';
import { assertKyrgyzRecipient } from './recipient';

/** DESIGN, Local SMS outbox: the file in `PORTAL_DATA_DIR` that local mode writes instead of sending. */
export const smsOutboxFile = 'sms-outbox.jsonl';

/**
 * Local mode's SMS: each message becomes one JSON line of `$PORTAL_DATA_DIR/sms-outbox.jsonl`,
 * `{"at", "phone", "purpose", "text", "secret"}` in that order (DESIGN: Local SMS outbox), and one line on the
 * console, so that a developer or an end-to-end test can read the password or code. The only place where a
 * secret is ever stored in clear; the structured log gets the purpose only, as in AWS.
 *
 * @example
 * const sms = new OutboxSmsSender(config().dataDir);
 * await sms.send(smsMessage('registration_password', 'ky', '+996700123456', password));
 */
export class OutboxSmsSender implements SmsSender {
  private readonly print: (line: string) => void;
  private readonly clock: Clock;

  constructor(
    private readonly dataDir: string,
    options: { print?: (line: string) => void; clock?: Clock } = {},
  ) {
    this.print = options.print ?? printToConsole;
    this.clock = options.clock ?? systemClock;
  }

  async send(message: SmsMessage): Promise<void> {
    assertKyrgyzRecipient(message.phone);
    const { phone, purpose, text, secret } = message;
    await appendJsonLine(this.dataDir, smsOutboxFile, {
      at: this.clock.now().toISOString(),
      phone,
      purpose,
      text,
      secret,
    });
    this.print(`SMS to ${phone} (${purpose}): ${text}`);
    log.info(logEvents.smsSent, { purpose, channel: 'outbox' });
  }
}
