import type { PassportNumber } from './passport';
import type { E164Phone } from './phone';
import type { Pin } from './pin';

/**
 * 2.4: personal data is shown masked. Each mask keeps just enough for the applicant to recognize their own
 * value and hides what would identify them to someone else. One `*` stands for each hidden character, so the
 * applicant also sees that nothing was cut.
 */
const MASK = '*';

const hideAllBut = (value: string, keepStart: number, keepEnd: number): string =>
  value.slice(0, keepStart) +
  MASK.repeat(value.length - keepStart - keepEnd) +
  value.slice(value.length - keepEnd);

/**
 * Keeps the series (which document it is) and the last two digits.
 *
 * @example maskPassportNumber('ID1234567') // 'ID*****67'
 */
export const maskPassportNumber = (passportNumber: PassportNumber): string =>
  hideAllBut(passportNumber, 2, 2);

/**
 * Keeps the first digit and the last two; the birth date (digits 2–9) and most of the sequence number are
 * hidden.
 *
 * @example maskPin('21503199012345') // '2***********45'
 */
export const maskPin = (pin: Pin): string => hideAllBut(pin, 1, 2);

/**
 * Keeps the country code and the last three digits, grouped as Kyrgyz numbers are written; the operator
 * prefix is hidden with the rest. Every {@link E164Phone} is `+996` and nine digits, which fixes the
 * grouping.
 *
 * @example maskPhone('+996700123456') // '+996 *** *** 456'
 */
export function maskPhone(phone: E164Phone): string {
  const hidden = hideAllBut(phone.slice(4), 0, 3);
  return `${phone.slice(0, 4)} ${hidden.slice(0, 3)} ${hidden.slice(3, 6)} ${hidden.slice(6)}`;
}
