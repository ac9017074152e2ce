import type * as z from 'zod/mini';
import type { Language, Localized } from '../i18n';
import type { FieldProblem } from '../../domain/errors';
import type { FieldError } from './problem';
import { IDENTITY_ERROR_MESSAGES } from '../../domain/identity/messages';
import { WEAK_PASSWORD_MESSAGES } from '../../domain/passwords/messages';

/** Messages for zod's own issue codes; rule-specific codes bring their own messages (see `fieldMessages`). */
const genericMessages: Record<string, Localized> = {
  required: { ky: 'Бул талаа милдеттүү', ru: 'Это поле обязательно', en: 'This field is required' },
  invalid_type: {
    ky: 'Маанинин түрү туура эмес',
    ru: 'Неверный тип значения',
    en: 'The value has the wrong type',
  },
  too_big: {
    ky: 'Маани өтө узун же өтө чоң',
    ru: 'Значение слишком длинное или слишком большое',
    en: 'The value is too long or too large',
  },
  too_small: {
    ky: 'Маани өтө кыска же өтө кичине',
    ru: 'Значение слишком короткое или слишком малое',
    en: 'The value is too short or too small',
  },
  invalid_format: {
    ky: 'Маанинин форматы туура эмес',
    ru: 'Неверный формат значения',
    en: 'The value has the wrong format',
  },
  invalid_value: {
    ky: 'Мындай маанига жол берилбейт',
    ru: 'Такое значение не допускается',
    en: 'This value is not allowed',
  },
  unrecognized_key: { ky: 'Белгисиз талаа', ru: 'Неизвестное поле', en: 'Unknown field' },
  invalid: { ky: 'Маани туура эмес', ru: 'Недопустимое значение', en: 'The value is not valid' },
};

/** Field codes the portal's own rules give (besides identity and password rules, which bring their messages). */
const portalRuleMessages: Record<string, Localized> = {
  inn_not_for_individual: {
    ky: 'Салык төлөөчүнүн номери (ИНН) юридикалык жак үчүн гана көрсөтүлөт',
    ru: 'ИНН организации указывается только для юридического лица',
    en: 'The organization tax number (INN) is given for a legal entity only',
  },
  in_future: {
    ky: 'Бул убакыт келечекте',
    ru: 'Это время ещё не наступило',
    en: 'This time is in the future',
  },
};

/** Every field code the API can answer, with its message in each language: one catalogue, built once. */
const fieldMessages: Readonly<Record<string, Localized>> = {
  ...genericMessages,
  ...portalRuleMessages,
  ...IDENTITY_ERROR_MESSAGES,
  ...Object.fromEntries(
    Object.entries(WEAK_PASSWORD_MESSAGES).map(([reason, text]) => [`weak_password_${reason}`, text]),
  ),
};

const message = (code: string, language: Language): string =>
  (fieldMessages[code] ?? genericMessages.invalid!)[language];

const fieldName = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** The stable code of one zod issue: custom rules carry theirs in `params.code`. */
const issueCode = (issue: z.core.$ZodIssue): string => {
  if (issue.code === 'custom')
    return String((issue.params as { code?: string } | undefined)?.code ?? 'invalid');
  // Parsed with reportInput: an issue on an absent value means the field is missing.
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined)
    return 'required';
  if (issue.code === 'invalid_union' || issue.code === 'invalid_key' || issue.code === 'invalid_element')
    return 'invalid';
  if (issue.code === 'not_multiple_of') return 'invalid_value';
  return issue.code;
};

/** Turns zod issues into field problems: one per field and problem, with a stable code and no input value. */
export const fieldProblems = (issues: readonly z.core.$ZodIssue[]): FieldProblem[] =>
  issues.flatMap((issue): FieldProblem[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldName([...issue.path, key]), code: 'unrecognized_key' }))
      : [{ field: fieldName(issue.path), code: issueCode(issue) }],
  );

/** The API's field errors: each problem with its message in the asker's language. */
export const localizeFieldProblems = (fields: readonly FieldProblem[], language: Language): FieldError[] =>
  fields.map((problem) => ({ ...problem, message: message(problem.code, language) }));
