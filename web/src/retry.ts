import { texts, type Language, type TextKey } from './texts';

/** Fills a text's `{name}` placeholders in the given language. */
export const translate = (language: Language, key: TextKey, values: Record<string, string> = {}): string =>
  texts[key][language].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

/**
 * When to try again, from an answer's Retry-After: seconds below a minute, minutes below two hours, hours above,
 * always rounded up (saying "1 min" for 59 s would invite a retry that is refused again).
 */
export const whenToRetry = (language: Language, seconds: number): string => {
  if (seconds < 60) return translate(language, 'inSeconds', { n: String(Math.ceil(seconds)) });
  if (seconds < 2 * 60 * 60) return translate(language, 'inMinutes', { n: String(Math.ceil(seconds / 60)) });
  return translate(language, 'inHours', { n: String(Math.ceil(seconds / (60 * 60))) });
};

/** The sentence the page adds to a problem that carried Retry-After. */
export const tryAgainIn = (language: Language, seconds: number): string =>
  translate(language, 'tryAgain', { when: whenToRetry(language, seconds) });
