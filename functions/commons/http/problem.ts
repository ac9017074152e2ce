import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Language, Localized } from '../i18n';
import { problems, problemType, type ProblemCode } from './problems';

export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface ProblemOptions {
  readonly errors?: readonly FieldError[];
  readonly retryAfterSeconds?: number;
  readonly detail?: Localized;
  readonly headers?: Readonly<Record<string, string>>;
}

export const problemContentType = 'application/problem+json';

/** An RFC 9457 problem response, localized; the only way the API answers an error. */
export const problemResponse = (
  code: ProblemCode,
  language: Language,
  options: ProblemOptions = {},
): APIGatewayProxyResult => {
  const { status, title } = problems[code];
  const headers: Record<string, string> = { 'content-type': problemContentType, ...options.headers };
  if (options.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(Math.max(1, Math.ceil(options.retryAfterSeconds)));
  return {
    statusCode: status,
    headers,
    body: JSON.stringify({
      type: problemType(code),
      title: title[language],
      status,
      detail: (options.detail ?? title)[language],
      code,
      ...(options.errors && options.errors.length > 0 ? { errors: options.errors } : {}),
    }),
  };
};
