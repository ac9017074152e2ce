import { problemBody } from '../functions/commons/http/problem';
import type { ProblemCode } from '../contract/problems';
import { defaultLanguage } from '../functions/commons/i18n';

/**
 * The language of the answers the edge gives itself, before any function runs: Kyrgyz, the default of the
 * functions' `Accept-Language` negotiation. The edge cannot negotiate. An API Gateway gateway response template is
 * not run by the VTL engine (simple variable substitution only, so no `#if` on the header), and a WAF custom
 * response body is a fixed text. Clients can switch on `code`, the same in every language; `Content-Language`
 * names the language of `title` and `detail`.
 */
export const edgeLanguage = defaultLanguage;

/**
 * The problem the edge answers for a catalogue code, as JSON text: the functions' own body (problemBody), in the
 * edge's language. It has no `$`, so API Gateway substitutes nothing in it.
 */
export const edgeProblem = (code: ProblemCode): string => JSON.stringify(problemBody(code, edgeLanguage));
