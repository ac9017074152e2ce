import { openApiDocument, type OpenApiDocument } from '../../contract/openapi';

let document: OpenApiDocument | undefined;

/** The API document, built once per function instance: it depends only on the code. */
export const servedOpenApiDocument = (): OpenApiDocument => (document ??= openApiDocument());
