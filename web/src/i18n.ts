import { $ } from './dom';
import { translate } from './retry';
import { page } from './state';
import type { TextKey } from './texts';

/** Every word on the page in the chosen language (the words themselves are in texts.ts). */

export const t = (key: TextKey, values: Record<string, string> = {}): string =>
  translate(page.language, key, values);

// Browsers often lack Kyrgyz date names: Kyrgyz and Russian use the numeric form read in Kyrgyzstan (25.11.2026, 14:05).
export const dateTime = (iso: string): string =>
  new Intl.DateTimeFormat(page.language === 'en' ? 'en-GB' : 'ru-RU', {
    year: 'numeric',
    month: page.language === 'en' ? 'short' : '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Bishkek',
  }).format(new Date(iso));

/** Puts the chosen language's words into every `data-t` element of index.html. */
export const applyTexts = (): void => {
  document.documentElement.lang = page.language;
  document.title = t('portal');
  for (const node of document.querySelectorAll<HTMLElement>('[data-t]'))
    node.textContent = t(node.dataset.t as TextKey);
  ($('#language') as HTMLSelectElement).value = page.language;
};
