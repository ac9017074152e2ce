import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { OpenApiDocument } from '../../contract/openapi';

export interface LintFinding {
  severity: 'error' | 'warn';
  ruleId: string;
  message: string;
  pointer?: string;
}

/** Lints the generated document with Redocly's recommended ruleset (scripts/lint-openapi.ts, in a child process). */
export const lintOpenApi = (): LintFinding[] => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lint-openapi.ts'], {
    cwd: join(__dirname, '..', '..'),
    encoding: 'utf8',
  });
  if (run.status === null || run.stderr.trim() !== '') throw new Error(`the linter failed: ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LintFinding);
};

export interface DocumentedAnswer {
  status: number;
  headers: Headers;
  /** The parsed body, `undefined` for an empty one. */
  body: unknown;
}

interface ResponseObject {
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: Record<string, unknown> }>;
}

type Operations = Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;

/** Component refs point into one schema the validator knows under the id `components`. */
const rebased = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"components#/$defs/'));

/**
 * Holds answers to the API document: the status must be documented for the operation, the content type must be
 * the documented one (none for a bodiless answer), the body must match the documented schema, and every
 * answer carries `x-request-id`. Returns the list of what is wrong, empty when the answer is as documented.
 */
export const openApiValidator = (document: OpenApiDocument) => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'components', $defs: rebased(document.components.schemas) as object });
  const compiled = new Map<string, ValidateFunction>();
  const paths = document.paths as unknown as Operations;

  return (method: string, path: string, answer: DocumentedAnswer): string[] => {
    const operation = paths[path]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${path} is not in the document`];
    const documented = operation.responses[String(answer.status)];
    if (!documented) return [`${method} ${path} answered ${answer.status}, which is not documented`];
    const wrong: string[] = [];
    if (!answer.headers.get('x-request-id')) wrong.push('no x-request-id');
    const contentType = answer.headers.get('content-type')?.split(';')[0] ?? undefined;
    const media = documented.content && Object.keys(documented.content)[0];
    if (media === undefined) {
      if (answer.body !== undefined)
        wrong.push(`a body where none is documented: ${JSON.stringify(answer.body)}`);
      return wrong;
    }
    if (contentType !== media) wrong.push(`content-type ${contentType}, documented ${media}`);
    const key = `${method} ${path} ${answer.status}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(rebased(documented.content![media]!.schema) as object);
      compiled.set(key, validate);
    }
    if (!validate(answer.body))
      wrong.push(
        ...(validate.errors ?? []).map(
          (e) => `body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`,
        ),
      );
    return wrong;
  };
};
