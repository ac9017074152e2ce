import * as z from 'zod';
import { languages } from '../commons/i18n';

/** Preamble: consent is explicit (`accepted: true`), to one version, in the language the applicant read. */
export const consentRequestSchema = z.strictObject({
  agreementVersion: z.string().min(1).max(32),
  accepted: z.literal(true),
  language: z.enum(languages),
});
