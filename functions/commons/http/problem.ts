import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Language, Localized } from '../i18n';
import { problems, problemType, type ProblemCode } from '../../../contract/problems';

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

/** The body of an RFC 9457 problem, localized: what every error answer of the API carries, the edge's included. */
export const problemBody = (
  code: ProblemCode,
  language: Language,
  options: Pick<ProblemOptions, 'errors' | 'detail'> = {},
) => {
  const { status, title } = problems[code];
  return {
    type: problemType(code),
    title: title[language],
    status,
    detail: (options.detail ?? title)[language],
    code,
    ...(options.errors && options.errors.length > 0 ? { errors: options.errors } : {}),
  };
};

/** An RFC 9457 problem response, localized; the only way the API answers an error. */
export const problemResponse = (
  code: ProblemCode,
  language: Language,
  options: ProblemOptions = {},
): APIGatewayProxyResult => {
  const headers: Record<string, string> = { 'content-type': problemContentType, ...options.headers };
  if (options.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(Math.max(1, Math.ceil(options.retryAfterSeconds)));
  return {
    statusCode: problems[code].status,
    headers,
    body: JSON.stringify(problemBody(code, language, options)),
  };
};
