import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { log } from '../../commons/log';
import { errorKind, logEvents } from '../../commons/log-events';
import { SmsNotSent } from '../../domain/errors';
import type { SmsMessage, SmsSender } from '../../domain/ports';
import { assertKyrgyzRecipient } from './recipient';

/** SNS sender ids: 1–11 letters and digits, at least one letter. */
const senderIdFormat = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/;

/**
 * SMS through Amazon SNS (2.5): transactional (delivered first, at any hour), under the portal's sender id.
 * Only +996 numbers are accepted, before any call. A refusal or an unreachable SNS becomes SmsNotSent with the SDK
 * error as its cause; the log says only the purpose and the outcome, never the phone, text or secret (2.4).
 *
 * @example
 * const sms = new SnsSmsSender(new SNSClient({}), { senderId: 'SRS' });
 */
export class SnsSmsSender implements SmsSender {
  private readonly senderId: string;

  constructor(
    private readonly client: SNSClient,
    options: { senderId: string },
  ) {
    if (!senderIdFormat.test(options.senderId)) {
      throw new RangeError('An SMS sender id has 1 to 11 letters and digits, at least one letter');
    }
    this.senderId = options.senderId;
  }

  async send(message: SmsMessage): Promise<void> {
    assertKyrgyzRecipient(message.phone);
    const sent = await this.client
      .send(
        new PublishCommand({
          PhoneNumber: message.phone,
          Message: message.text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: this.senderId },
          },
        }),
      )
      .catch((error: unknown) => {
        log.warn(logEvents.smsFailed, { purpose: message.purpose, ...errorKind(error) });
        throw new SmsNotSent(error);
      });
    log.info(logEvents.smsSent, { purpose: message.purpose, messageId: sent.MessageId });
  }
}
