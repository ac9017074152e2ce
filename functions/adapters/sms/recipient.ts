import { SmsNotSent } from '../../domain/errors';

/** Security rules: SMS go only to Kyrgyz (+996) numbers, in E.164. */
const kyrgyzNumber = /^\+996\d{9}$/;

/**
 * The recipient is not a Kyrgyz (+996) number: nothing was sent. A fault of the caller (phones are validated
 * long before), refused again here so that no path can send SMS abroad (SMS pumping, cost).
 */
export class SmsRecipientRefused extends SmsNotSent {
  constructor() {
    super(new RangeError('SMS go only to Kyrgyz (+996) numbers in E.164'));
  }
}

/** @throws SmsRecipientRefused unless `phone` is a +996 number in E.164 */
export const assertKyrgyzRecipient = (phone: string): void => {
  if (!kyrgyzNumber.test(phone)) throw new SmsRecipientRefused();
};
