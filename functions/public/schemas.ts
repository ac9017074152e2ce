import * as z from 'zod';
import { languages } from '../commons/i18n';

export const agreementQuerySchema = z.strictObject({
  lang: z.enum(languages).optional(),
  version: z.string().min(1).max(32).optional(),
});
