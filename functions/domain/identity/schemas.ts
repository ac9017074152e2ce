import * as z from 'zod/mini';
import type { TodayProvider } from './calendar-date';
import { isIdentityErrorCode, type IdentityErrorCode } from './codes';
import { parseInn } from './inn';
import { parsePassportNumber } from './passport';
import { parsePhone } from './phone';
import { parsePin } from './pin';
import { mapResult, type Result } from './result';

/**
 * Zod schemas for the identity fields of request bodies. Each accepts a string, checks it with the field's
 * rule and outputs the normalized value (`0700 123 456` → `+996700123456`, `ас 1234567` → `AC1234567`).
 *
 * **How a refusal is reported:** a broken rule is a `custom` issue whose `params.code` is the
 * {@link IdentityErrorCode}, which is where `commons/http/field-errors.ts` reads the stable code of custom
 * issues; `message` repeats the code, never human text (the localized text is in `IDENTITY_ERROR_MESSAGES`).
 * A value that is not a string gets zod's own `invalid_type` issue, reported like any other field's.
 */
function identityField<T, C extends IdentityErrorCode>(parse: (input: string) => Result<T, C>) {
  return z.pipe(
    z.string(),
    z.transform((input: string, ctx): T => {
      const result = parse(input);
      if (result.ok) return result.value;
      ctx.issues.push({ code: 'custom', message: result.error, params: { code: result.error }, input });
      return z.NEVER;
    }),
  );
}

/** A Kyrgyz mobile number (2.5), output in E.164. */
export const phoneSchema = identityField(parsePhone);

/** A passport number (2.2), output normalized (`ID1234567`). */
export const passportNumberSchema = identityField((input) =>
  mapResult(parsePassportNumber(input), (parsed) => parsed.passportNumber),
);

/**
 * An individual's PIN (2.2), output as its 14 digits.
 *
 * @param today - asked on every parse, so one schema built at start-up stays right after midnight
 */
export const pinSchema = (today: TodayProvider) =>
  identityField((input) => mapResult(parsePin(input, today()), (parsed) => parsed.pin));

/**
 * An organization's tax number (1), output as its 14 digits.
 *
 * @param today - asked on every parse, so one schema built at start-up stays right after midnight
 */
export const innSchema = (today: TodayProvider) =>
  identityField((input) => mapResult(parseInn(input, today()), (parsed) => parsed.inn));

/** @returns the identity error code a zod issue of these schemas carries; `undefined` for other issues */
export const identityErrorCodeOf = (issue: z.core.$ZodIssue): IdentityErrorCode | undefined => {
  const code: unknown = issue.code === 'custom' ? issue.params?.code : undefined;
  return isIdentityErrorCode(code) ? code : undefined;
};
