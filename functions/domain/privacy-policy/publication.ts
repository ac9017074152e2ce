import type { Language } from '../../commons/i18n';
import { publishDocument, type PublishedDocument } from '../agreement/publication';
import { publishedPrivacyPolicies } from './catalog';
import { privacyPolicyTexts } from './texts';

/** 2.4: the current Privacy Policy in `language`, with the SHA-256 of its text. */
export const publishPrivacyPolicy = (language: Language, now: Date): PublishedDocument =>
  publishDocument(publishedPrivacyPolicies, privacyPolicyTexts, language, now)!;
