import type { SmsMessage, SmsSender } from '../../domain/ports';
import { log } from '../../commons/log';
import { logEvents } from '../../commons/log-events';
import { localOutbox, type LocalOutboxOptions } from './outbox-file';
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
  private readonly outbox: ReturnType<typeof localOutbox>;

  constructor(dataDir: string, options: LocalOutboxOptions = {}) {
    this.outbox = localOutbox(dataDir, smsOutboxFile, options);
  }

  async send(message: SmsMessage): Promise<void> {
    assertKyrgyzRecipient(message.phone);
    const { phone, purpose, text, secret } = message;
    await this.outbox.write(
      { at: this.outbox.now().toISOString(), phone, purpose, text, secret },
      `SMS to ${phone} (${purpose}): ${text}`,
    );
    log.info(logEvents.smsSent, { purpose, channel: 'outbox' });
  }
}
