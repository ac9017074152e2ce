/**
 * How many segments an SMS takes, and so how many times it is charged (3GPP TS 23.038 and TS 23.040): a text made
 * only of the GSM 7-bit default alphabet and its extension table is sent in GSM-7, 160 septets in one segment,
 * 153 per segment once split (the concatenation header takes the rest), an extension character taking two; any
 * other character makes the whole SMS UCS-2, 70 UTF-16 code units in one segment, 67 once split. A character is
 * never cut between two segments (an extension character's two septets, a surrogate pair's two code units).
 */

/** The GSM 7-bit default alphabet: one septet each. */
const gsm7Basic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: an escape septet and the character's own, two septets each. */
const gsm7Extension = new Set('\f^{}\\[~]|€');

export type SmsEncoding = 'gsm7' | 'ucs2';

const limits: Readonly<Record<SmsEncoding, { single: number; perPart: number }>> = {
  gsm7: { single: 160, perPart: 153 },
  ucs2: { single: 70, perPart: 67 },
};

/** GSM-7 when every character is in the default alphabet or its extension, UCS-2 otherwise. */
export const smsEncoding = (text: string): SmsEncoding =>
  [...text].every((c) => gsm7Basic.has(c) || gsm7Extension.has(c)) ? 'gsm7' : 'ucs2';

/** What one character takes in its encoding: septets in GSM-7, UTF-16 code units in UCS-2. */
const unitsOf = (character: string, encoding: SmsEncoding): number =>
  encoding === 'gsm7' ? (gsm7Extension.has(character) ? 2 : 1) : character.length;

/**
 * The segments `text` is sent in, each charged as one SMS.
 *
 * @example smsSegments('SRS portal: your password is h7dz3tmw9bfr2n') // 1
 * @example smsSegments('б'.repeat(71)) // 2: UCS-2, 67 + 4
 */
export const smsSegments = (text: string): number => {
  const encoding = smsEncoding(text);
  const { single, perPart } = limits[encoding];
  const units = [...text].map((c) => unitsOf(c, encoding));
  if (units.reduce((a, b) => a + b, 0) <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const size of units) {
    if (used + size > perPart) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return segments;
};
