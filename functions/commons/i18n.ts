/** The portal's languages: Kyrgyz is the state language and the default, Russian and English follow. */
export const languages = ['ky', 'ru', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'ky';

export type Localized = Record<Language, string>;

const isLanguage = (value: string): value is Language => (languages as readonly string[]).includes(value);

/**
 * Picks the best supported language from an `Accept-Language` header (RFC 9110 quality values),
 * falling back to Kyrgyz.
 */
export const negotiateLanguage = (header: string | undefined): Language => {
  if (!header) return defaultLanguage;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return {
        primary: tag.toLowerCase().split('-')[0] ?? '',
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((entry) => entry.primary).find(isLanguage) ?? defaultLanguage;
};
