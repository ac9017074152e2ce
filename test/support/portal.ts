import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createHandler as consentsHandler } from '../../functions/consents/handler';
import { createHandler as cabinetHandler } from '../../functions/cabinet/handler';
import { createHandler as registrationsHandler } from '../../functions/registrations/handler';
import { createHandler as sessionsHandler } from '../../functions/sessions/handler';
import { createHandler as idCardHandler } from '../../functions/id-card/handler';
import { createHandler as accessReportsHandler } from '../../functions/access-reports/handler';
import { createHandler as documentsHandler } from '../../functions/verification-documents/handler';
import type { TestDependencies } from './accounts';
import type { PortalHandler } from '../../functions/commons/http/handler';
import { routesMatching, type RouteGroup } from '../../contract/routes';
import { apiEvent, lambdaContext } from './events';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

let applicantSerial = 0;

/** A fresh, valid and unique applicant identity: a Kyrgyz mobile, a 2017 ID card number and a real-date PIN. */
export const newApplicant = () => {
  applicantSerial += 1;
  const serial = String(process.pid % 1000).padStart(3, '0') + String(applicantSerial).padStart(4, '0');
  return {
    phone: `+996700${serial.slice(-6)}`,
    passportNumber: `ID${serial}`,
    pin: `215051990${serial.slice(-5)}`,
  };
};

/** The account route groups wired to test dependencies, called with API Gateway events as Lambda would be. */
export const testPortal = (deps: TestDependencies) => {
  const handlers: Partial<Record<RouteGroup, PortalHandler>> = {
    consents: consentsHandler({
      agreements: deps.accounts.agreements,
      consents: deps.accounts.consents as never,
      clock: deps.accounts.clock,
      ids: deps.accounts.ids,
    }),
    registrations: registrationsHandler(deps),
    sessions: sessionsHandler({ sessions: deps.accounts }),
    'id-card': idCardHandler({
      idCard: { ...deps.accounts, challenges: deps.challenges, idCard: deps.idCard },
    }),
    cabinet: cabinetHandler(deps, deps.documents.documents),
    'verification-documents': documentsHandler(deps, deps.documents),
    ...(deps.alerts && {
      'access-reports': accessReportsHandler({
        reports: { ...deps.accounts, alerts: deps.alerts },
        idempotency: deps.idempotency,
      }),
    }),
  };
  const call = async (
    method: string,
    path: string,
    options: {
      body?: unknown;
      /** A body sent as is, e.g. malformed JSON. */
      rawBody?: string;
      token?: string;
      headers?: Record<string, string>;
      query?: Record<string, string>;
      sourceIp?: string;
    } = {},
  ): Promise<Answer> => {
    const route = routesMatching(path).find((candidate) => candidate.route.method === method)?.route;
    if (!route) throw new Error(`no route ${method} ${path}`);
    const event: APIGatewayProxyEvent = apiEvent(method, path, {
      body: options.body,
      rawBody: options.rawBody,
      query: options.query,
      headers: { ...(options.token && { authorization: `Bearer ${options.token}` }), ...options.headers },
    });
    if (options.sourceIp) event.requestContext.identity.sourceIp = options.sourceIp;
    const response = await handlers[route.group]!(event, lambdaContext);
    return {
      status: response.statusCode,
      body: response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {},
      headers: (response.headers ?? {}) as Record<string, string>,
    };
  };
  const consent = async (language = 'ky') =>
    (await call('POST', '/v1/consents', { body: { agreementVersion: '1', accepted: true, language } })).body
      .consentId as string;
  const register = async (applicant = newApplicant(), extra: Record<string, unknown> = {}) => {
    const answer = await call('POST', '/v1/registrations', {
      body: { consentId: await consent(), applicantType: 'individual', ...applicant, ...extra },
    });
    return { applicant, answer };
  };
  /** Password login (2.1): the phone is the login. */
  const login = (phone: string, password: string, sourceIp?: string) =>
    call('POST', '/v1/sessions', { body: { phone, password }, sourceIp });
  return { call, consent, register, login };
};
