import * as z from 'zod';
import { passportNumberSchema, phoneSchema } from '../domain/identity';

/** 2.2: the applicant keeps the passport number current (phone changes go through a code). */
export const cabinetUpdateSchema = z.strictObject({ passportNumber: passportNumberSchema });

export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const phoneChangeSchema = z.strictObject({ newPhone: phoneSchema });

export const codeConfirmationSchema = z.strictObject({ code: z.string().regex(/^\d{6}$/) });

export const activityQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
});
