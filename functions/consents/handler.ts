import { httpHandler, type PortalHandler } from '../commons/http/handler';
import { tracedHandler } from '../commons/tracing';
import { recordConsent, type ConsentDependencies } from '../domain/consent/consent';
import { realDependencies } from './dependencies';

/** POST /v1/consents: the applicant consents to the current agreement before registering (preamble). */
export const createHandler = (deps: ConsentDependencies): PortalHandler =>
  httpHandler('consents', {
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
  });

export const handler = tracedHandler(createHandler(realDependencies()));
