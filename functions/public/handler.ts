import { publishAgreement } from '../domain/agreement/publication';
import { systemClock } from '../domain/ports';
import { httpHandler } from '../commons/http/handler';
import { servedOpenApiDocument } from './openapi';

/** Health, the user agreement and the API document: public, read-only, no store needed. */
export const handler = httpHandler('public', {
  health: async () => ({ status: 200, body: { status: 'ok' } }),
  getAgreement: async ({ query, language }) => {
    const agreement = publishAgreement(query.lang ?? language, systemClock.now(), query.version);
    return {
      status: 200,
      body: {
        version: agreement.version,
        language: agreement.language,
        title: agreement.title,
        text: agreement.text,
        sha256: agreement.sha256,
        effectiveFrom: agreement.effectiveFrom,
      },
    };
  },
  getOpenApi: async () => ({ status: 200, body: servedOpenApiDocument() }),
});
