import * as en from './v1.en';
import * as ky from './v1.ky';
import * as ru from './v1.ru';

import type { Language } from '../../../commons/i18n';

export interface DocumentText {
  readonly title: string;
  /** Full plain text, title line included. */
  readonly text: string;
}

/** A published document's words: by version, then language. */
export type DocumentTexts = Readonly<Record<string, Readonly<Record<Language, DocumentText>>>>;

/**
 * The words of each published version (catalog.ts) in each language; Kyrgyz (`ky`) is the binding original.
 * About 70 KiB: only the function that serves the agreement imports them.
 */
export const agreementTexts: DocumentTexts = {
  '1': {
    ky: { title: ky.title, text: ky.text },
    ru: { title: ru.title, text: ru.text },
    en: { title: en.title, text: en.text },
  },
};
