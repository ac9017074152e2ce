import { z } from 'zod';
import { phoneSchema } from '../domain/identity';

/** 2.1, 2.5: the phone is the login. */
export const passwordLoginSchema = z.strictObject({
  phone: phoneSchema,
  password: z.string().min(1).max(256),
});
