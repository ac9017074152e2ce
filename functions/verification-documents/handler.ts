import { accountDependencies } from '../wiring/dependencies';
import { documentDependencies } from '../wiring/document-dependencies';
import { httpHandler, lazyHandler, type PortalHandler } from '../commons/http/handler';
import { originOf, sessionAuthenticator } from '../commons/http/session-auth';
import type { PortalDependencies } from '../wiring/dependencies';
import {
  accountDocuments,
  requestDocumentUpload,
  type DocumentDependencies,
} from '../domain/verification/documents';
import { verificationDocumentsRoutes } from '../../contract/route-groups/verification-documents';

/** 2.3: supporting documents for a pending verification demand: presigned uploads, and their list. */
export const createHandler = (
  { accounts, idempotency, metrics }: PortalDependencies,
  documents: DocumentDependencies,
): PortalHandler =>
  httpHandler(
    verificationDocumentsRoutes,
    {
      requestDocumentUpload: async (request) => ({
        status: 201,
        body: await requestDocumentUpload(documents, request.auth, request.body, originOf(request)),
      }),
      listDocuments: async ({ auth }) => ({
        status: 200,
        body: { items: await accountDocuments(documents, auth.account.accountId) },
      }),
    },
    { idempotency, metrics, authenticate: sessionAuthenticator(accounts) },
  );

export const handler = lazyHandler(async () =>
  createHandler(await accountDependencies(), await documentDependencies()),
);
