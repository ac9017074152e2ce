import { publishAgreement, type PublishedDocument } from '../domain/agreement/publication';
import { publishPrivacyPolicy } from '../domain/privacy-policy/publication';
import { systemClock } from '../domain/ports';
import { httpHandler } from '../commons/http/handler';
import { publicRoutes } from '../../contract/route-groups/public';

/** The answer's body: the document's fields, by name, so that nothing else it might carry slips out. */
const documentBody = (document: PublishedDocument) => ({
  version: document.version,
  language: document.language,
  title: document.title,
  text: document.text,
  sha256: document.sha256,
  effectiveFrom: document.effectiveFrom,
});

/** Health, the user agreement, the Privacy Policy and the API document: public, read-only, no store needed. */
export const handler = httpHandler(publicRoutes, {
  health: async () => ({ status: 200, body: { status: 'ok' } }),
  getAgreement: async ({ query, language }) => ({
    status: 200,
    body: documentBody(publishAgreement(query.lang ?? language, systemClock.now(), query.version)),
  }),
  getPrivacyPolicy: async ({ query, language }) => ({
    status: 200,
    body: documentBody(publishPrivacyPolicy(query.lang ?? language, systemClock.now())),
  }),
  // The OpenAPI builder (zod classic) loads at the document's first request: health and the texts never need it.
  getOpenApi: async () => ({ status: 200, body: (await import('./openapi')).servedOpenApiDocument() }),
});
