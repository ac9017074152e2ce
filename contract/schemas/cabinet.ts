import * as z from 'zod/mini';
import { currentPasswordSchema, smsCodeSchema } from './codes';
import { passportNumberSchema, phoneSchema } from '../../functions/domain/identity';

/** 2.2: the applicant keeps the passport number current (phone changes go through a code). */
export const cabinetUpdateSchema = z.strictObject({ passportNumber: passportNumberSchema });

export const passwordChangeSchema = z.strictObject({
  currentPassword: currentPasswordSchema,
  newPassword: z.string().check(z.minLength(1), z.maxLength(256)),
});

/** 2.7: moving the login is a sensitive change: re-authentication (the current password, or a recent ID card). */
export const phoneChangeSchema = z.strictObject({
  newPhone: phoneSchema,
  currentPassword: z.optional(currentPasswordSchema),
});

export const codeConfirmationSchema = z.strictObject({ code: smsCodeSchema });

export const activityQuerySchema = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

/** 2.4, 2.7: the export and the closure are sensitive: re-authentication (the current password, or a recent ID card). */
export const reauthenticationSchema = z.strictObject({ currentPassword: z.optional(currentPasswordSchema) });
