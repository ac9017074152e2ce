import * as z from 'zod/mini';
import { languages } from '../../functions/commons/i18n';

/** Preamble: consent is explicit (`accepted: true`), to one version, in the language the applicant read. */
export const consentRequestSchema = z.strictObject({
  agreementVersion: z.string().check(z.minLength(1), z.maxLength(32)),
  accepted: z.literal(true),
  language: z.enum(languages),
});
