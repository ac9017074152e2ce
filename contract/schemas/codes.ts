import * as z from 'zod/mini';

/** Security rules: codes sent by SMS are 6 digits. */
export const smsCodeSchema = z.string().check(z.regex(/^\d{6}$/));

/** 2.7: the id a code request answered with (a UUID); its code is checked against that request only. */
export const requestIdSchema = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/));

/** Re-authentication (2.7): the current password, where a sensitive change asks for it. */
export const currentPasswordSchema = z.string().check(z.minLength(1), z.maxLength(256));
