import * as z from 'zod/mini';
import { passportNumberSchema, phoneSchema } from '../../functions/domain/identity';

/** 2.2: the applicant keeps the passport number current (phone changes go through a code). */
export const cabinetUpdateSchema = z.strictObject({ passportNumber: passportNumberSchema });

export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(256)),
  newPassword: z.string().check(z.minLength(1), z.maxLength(256)),
});

export const phoneChangeSchema = z.strictObject({ newPhone: phoneSchema });

export const codeConfirmationSchema = z.strictObject({ code: z.string().check(z.regex(/^\d{6}$/)) });

export const activityQuerySchema = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});
