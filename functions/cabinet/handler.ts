import { accountDependencies, type PortalDependencies } from '../wiring/dependencies';
import { documentStore } from '../wiring/document-store';
import type { DocumentStore } from '../domain/verification/documents';
import { httpHandler, lazyHandler, type PortalHandler } from '../commons/http/handler';
import { originOf, sessionAuthenticator } from '../commons/http/session-auth';
import {
  activity,
  cabinetView,
  changePassportNumber,
  changePassword,
  renewConsent,
} from '../domain/accounts/cabinet';
import { closeAccount } from '../domain/accounts/closure';
import { exportAccount } from '../domain/accounts/export';
import { confirmPhoneChange, requestPhoneChange } from '../domain/accounts/phone-change';
import { listSessions } from '../domain/accounts/sessions';
import { cabinetRoutes } from '../../contract/route-groups/cabinet';

/**
 * The personal cabinet (2.2, 2.4, 2.6): the applicant's data, kept current, what happened under the account, and
 * the applicant's own rights over it (export, closure). The documents' store is read by the export only.
 */
export const createHandler = (
  { accounts: deps, idempotency, metrics }: PortalDependencies,
  documents: Pick<DocumentStore, 'list'>,
): PortalHandler =>
  httpHandler(
    cabinetRoutes,
    {
      getCabinet: async ({ auth }) => ({ status: 200, body: cabinetView(deps, auth.account) }),
      updateCabinet: async (request) => ({
        status: 200,
        body: await changePassportNumber(deps, request.auth, request.body.passportNumber, originOf(request)),
      }),
      listActivity: async ({ auth, query }) => ({ status: 200, body: await activity(deps, auth, query) }),
      listSessions: async ({ auth }) => ({ status: 200, body: { items: await listSessions(deps, auth) } }),
      changePassword: async (request) => {
        await changePassword(deps, request.auth, request.body, originOf(request));
        return { status: 204 };
      },
      renewConsent: async (request) => ({
        status: 201,
        body: await renewConsent(deps, request.auth, request.body, originOf(request)),
      }),
      requestPhoneChange: async (request) => {
        await requestPhoneChange(deps, request.auth, request.body, originOf(request));
        return { status: 202 };
      },
      confirmPhoneChange: async (request) => ({
        status: 200,
        body: await confirmPhoneChange(deps, request.auth, request.body.code, originOf(request)),
      }),
      exportAccount: async (request) => ({
        status: 200,
        body: await exportAccount(
          { ...deps, documents },
          request.auth,
          request.body.currentPassword,
          originOf(request),
        ),
      }),
      closeAccount: async (request) => {
        await closeAccount(deps, request.auth, request.body.currentPassword, originOf(request));
        return { status: 204 };
      },
    },
    { idempotency, metrics, authenticate: sessionAuthenticator(deps) },
  );

export const handler = lazyHandler(async () =>
  createHandler(await accountDependencies(), await documentStore()),
);
