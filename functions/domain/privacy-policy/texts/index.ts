import type { Language } from '../../../commons/i18n';
import type { DocumentText, DocumentTexts } from '../../agreement/texts';
import { retentionPeriods, type RetentionPeriods } from '../retention';
import * as en from './v1.en';
import * as ky from './v1.ky';
import * as ru from './v1.ru';

/** One language of a version: its title, and its text rendered with the retention periods. */
interface PolicyTemplate {
  readonly title: string;
  readonly render: (periods: RetentionPeriods) => string;
}

const rendered = (templates: Record<Language, PolicyTemplate>): Record<Language, DocumentText> => {
  const one = ({ title, render }: PolicyTemplate): DocumentText => ({
    title,
    text: render(retentionPeriods),
  });
  return { ky: one(templates.ky), ru: one(templates.ru), en: one(templates.en) };
};

/**
 * The words of each published version of the Privacy Policy (2.4) in each language, Kyrgyz the original: rendered
 * once with the retention periods the portal runs on. Only the function that serves the policy imports them.
 */
export const privacyPolicyTexts: DocumentTexts = { '1': rendered({ ky, ru, en }) };
