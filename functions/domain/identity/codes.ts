import { INN_ERROR_CODES } from './inn';
import { PASSPORT_ERROR_CODES } from './passport';
import { PHONE_ERROR_CODES } from './phone';
import { PIN_ERROR_CODES } from './pin';

/**
 * Every machine code an identity field can be refused with: stable, part of the API contract (they reach
 * clients as `errors[].code` of a `validation_failed` problem), each with a message in every language in
 * `messages.ts`.
 */
export const IDENTITY_ERROR_CODES = [
  ...PHONE_ERROR_CODES,
  ...PIN_ERROR_CODES,
  ...INN_ERROR_CODES,
  ...PASSPORT_ERROR_CODES,
] as const;
export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];

const KNOWN_CODES: ReadonlySet<string> = new Set(IDENTITY_ERROR_CODES);

/** @returns whether `value` is one of the {@link IDENTITY_ERROR_CODES} */
export const isIdentityErrorCode = (value: unknown): value is IdentityErrorCode =>
  typeof value === 'string' && KNOWN_CODES.has(value);
