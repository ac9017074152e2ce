import { httpHandler, lazyHandler, type HandlerOptions, type PortalHandler } from '../commons/http/handler';
import { config } from '../commons/config';
import { recordConsent, type ConsentDependencies } from '../domain/consent/consent';
import { portalMetrics } from '../wiring/metrics';
import { consentDependencies } from './dependencies';
import { consentsRoutes } from '../../contract/route-groups/consents';

/** POST /v1/consents: the applicant consents to the current agreement before registering (preamble). */
export const createHandler = (
  deps: ConsentDependencies,
  options: Pick<HandlerOptions, 'metrics'> = {},
): PortalHandler =>
  httpHandler(
    consentsRoutes,
    {
      createConsent: async ({ body, sourceIp, userAgent }) => {
        const consent = await recordConsent(
          { agreementVersion: body.agreementVersion, language: body.language, sourceIp, userAgent },
          deps,
        );
        return {
          status: 201,
          body: {
            consentId: consent.consentId,
            agreementVersion: consent.agreementVersion,
            expiresAt: consent.expiresAt,
          },
        };
      },
    },
    options,
  );

export const handler = lazyHandler(async () =>
  createHandler(await consentDependencies(), { metrics: portalMetrics(config()) }),
);
