import type { DocumentItem } from './api-types';
import { translate } from './retry';
import type { Language, TextKey } from './texts';

/**
 * 2.3: what the portal takes as a verification document, checked in the page before anything is sent (the API and
 * the presigned POST's policy check it again). A copy of `documentContentTypes` and `documentLimits` of
 * functions/domain/verification/documents.ts, which the page is bundled apart from; test/unit/web/documents.test.ts
 * holds the two equal.
 */
export const documentRules = {
  contentTypes: ['application/pdf', 'image/jpeg', 'image/png'],
  maxBytes: 5 * 1024 * 1024,
  perDemand: 5,
} as const;

/** A file size as people read it: KB below a megabyte, MB with one decimal above (1024-based, as the limit). */
export const fileSize = (language: Language, bytes: number): string => {
  const number = (n: number) =>
    new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 1 }).format(n);
  return bytes < 1024 * 1024
    ? translate(language, 'sizeKilobytes', { n: number(Math.max(1, Math.ceil(bytes / 1024))) })
    : translate(language, 'sizeMegabytes', { n: number(Math.ceil((bytes / (1024 * 1024)) * 10) / 10) });
};

/** The documents sent for the demand made at `requestedAt`: the list holds those of earlier demands too. */
export const documentsOfDemand = (items: readonly DocumentItem[], requestedAt: string): DocumentItem[] =>
  items.filter((item) => Date.parse(item.createdAt) >= Date.parse(requestedAt));

/** Why the page refuses a file before sending it, as a text of the page; undefined when it may be sent. */
export const documentRefusal = (
  language: Language,
  file: { type: string; size: number },
  sentForDemand: number,
): string | undefined => {
  const refusal = (key: TextKey) =>
    translate(language, key, {
      size: fileSize(language, documentRules.maxBytes),
      count: String(documentRules.perDemand),
    });
  if (sentForDemand >= documentRules.perDemand) return refusal('documentsTooMany');
  if (!(documentRules.contentTypes as readonly string[]).includes(file.type))
    return refusal('documentWrongType');
  if (file.size > documentRules.maxBytes) return refusal('documentTooLarge');
  return undefined;
};
