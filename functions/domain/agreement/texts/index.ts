import * as en from './v1.en';
import * as ky from './v1.ky';
import * as ru from './v1.ru';

import type { Language } from '../../../commons/i18n';

/** Languages the user agreement is published in: the portal's languages; Kyrgyz (`ky`) is the binding original. */
export type { Language };

export interface AgreementText {
  readonly title: string;
  /** Full plain text, title line included. */
  readonly text: string;
}

export interface AgreementVersion {
  readonly version: string;
  /** ISO date (`YYYY-MM-DD`) from which this version applies. */
  readonly effectiveFrom: string;
  readonly texts: Readonly<Record<Language, AgreementText>>;
}

export const agreementV1: AgreementVersion = {
  version: '1',
  effectiveFrom: '2026-01-01',
  texts: {
    ky: { title: ky.title, text: ky.text },
    ru: { title: ru.title, text: ru.text },
    en: { title: en.title, text: en.text },
  },
};
