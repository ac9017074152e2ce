import * as z from 'zod/mini';
import { languages } from '../../functions/commons/i18n';

export const agreementQuerySchema = z.strictObject({
  lang: z.optional(z.enum(languages)),
  version: z.optional(z.string().check(z.minLength(1), z.maxLength(32))),
});

/** 2.4: the Privacy Policy, current version, in a language. */
export const privacyPolicyQuerySchema = z.strictObject({ lang: z.optional(z.enum(languages)) });
