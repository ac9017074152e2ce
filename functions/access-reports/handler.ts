import { reportDependencies, type ReportingDependencies } from '../wiring/dependencies';
import { httpHandler, lazyHandler, type PortalHandler } from '../commons/http/handler';
import { originOf, sessionAuthenticator } from '../commons/http/session-auth';
import { confirmReportCode, reportFromCabinet, requestReportCode } from '../domain/accounts/access-reports';
import { accessReportsRoutes } from '../../contract/route-groups/access-reports';

/** Reporting unauthorized access (2.6, 2.7): from the cabinet, or with a code by SMS when the applicant cannot log in. */
export const createHandler = ({
  reports: deps,
  idempotency,
  metrics,
}: ReportingDependencies): PortalHandler =>
  httpHandler(
    accessReportsRoutes,
    {
      reportFromCabinet: async (request) => ({
        status: 201,
        body: await reportFromCabinet(deps, request.auth, request.body, originOf(request)),
      }),
      requestReportCode: async (request) => ({
        status: 202,
        body: await requestReportCode(deps, request.body, originOf(request)),
      }),
      confirmReportCode: async (request) => ({
        status: 201,
        body: await confirmReportCode(deps, request.body, originOf(request)),
      }),
    },
    { idempotency, metrics, authenticate: sessionAuthenticator(deps) },
  );

export const handler = lazyHandler(async () => createHandler(await reportDependencies()));
