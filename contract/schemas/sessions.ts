import * as z from 'zod/mini';
import { phoneSchema } from '../../functions/domain/identity';

/** 2.1, 2.5: the phone is the login. */
export const passwordLoginSchema = z.strictObject({
  phone: phoneSchema,
  password: z.string().check(z.minLength(1), z.maxLength(256)),
});

/**
 * One of the applicant's own sessions, as `GET /v1/me/sessions` names it (a UUID). A malformed id names no
 * session: the handler answers 404 like an unknown one.
 */
export const sessionPathSchema = z.strictObject({
  sessionId: z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)),
});
