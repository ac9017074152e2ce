import type { SmsMessage, SmsSender } from '../functions/domain/ports';

/**
 * The applicants' phones: every SMS the portal sends lands here, so the bench reads passwords and codes. Every SMS
 * counts (`sent`, `texts`: the cost model prices notices too); only a password or code is kept for reading, so a
 * notice (2.7: the password changed, the login moved; `purpose: 'notice'`, no secret) never hides the code before it.
 */
export class BenchPhones implements SmsSender {
  private readonly secrets = new Map<string, string>();
  readonly texts: string[] = [];
  sent = 0;

  async send(message: SmsMessage): Promise<void> {
    this.sent += 1;
    if (message.purpose !== 'notice' && message.secret !== undefined)
      this.secrets.set(message.phone, message.secret);
    if (this.texts.length < 1_000) this.texts.push(message.text);
  }

  /**
   * The last password or code sent to `phone`, read once: a request that sent nothing (the phone's daily ceiling
   * reached, 202 all the same) then fails the setup clearly instead of handing on an older, used code.
   */
  secretFor(phone: string): string {
    const secret = this.secrets.get(phone);
    if (secret === undefined) throw new Error('no SMS with a password or code reached this phone');
    this.secrets.delete(phone);
    return secret;
  }
}
