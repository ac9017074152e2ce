import * as z from 'zod/mini';
import { phoneSchema } from '../../functions/domain/identity';

/** 2.1, 2.5: the phone is the login. */
export const passwordLoginSchema = z.strictObject({
  phone: phoneSchema,
  password: z.string().check(z.minLength(1), z.maxLength(256)),
});
