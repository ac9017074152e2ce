import * as z from 'zod/mini';
import { documentContentTypes, documentLimits } from '../../functions/domain/verification/documents';

/**
 * 2.3: a supporting document announced before its upload. The name is shown back only: no path separators or
 * control characters, and it never reaches a storage key or a URL.
 */
export const documentUploadSchema = z.strictObject({
  fileName: z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(120),
      z.regex(/^[^/\\\p{Cc}]+$/u, 'a file name without a path'),
    ),
  contentType: z.enum(documentContentTypes),
  size: z.number().check(z.int(), z.gte(1), z.lte(documentLimits.maxBytes)),
});
