import { accountDependencies, type PortalDependencies } from '../wiring/dependencies';
import { httpHandler, lazyHandler, type PortalHandler } from '../commons/http/handler';
import { originOf } from '../commons/http/session-auth';
import { confirmPasswordReset, requestPasswordReset } from '../domain/accounts/password-reset';
import { register } from '../domain/accounts/registration';
import { registrationsRoutes } from '../../contract/route-groups/registrations';

/** Registration (2.2, 2.5) and the password reset: public routes that send SMS. */
export const createHandler = ({ accounts: deps, idempotency, metrics }: PortalDependencies): PortalHandler =>
  httpHandler(
    registrationsRoutes,
    {
      register: async (request) => {
        const { consentId, applicantType, phone, passportNumber, pin, organizationInn } = request.body;
        const personalData = {
          phone,
          passportNumber,
          pin,
          ...(organizationInn !== undefined && { organizationInn }),
        };
        const registered = await register(
          { consentId, applicantType, personalData, origin: originOf(request) },
          deps,
        );
        return { status: 201, body: registered };
      },
      requestPasswordReset: async (request) => ({
        status: 202,
        body: await requestPasswordReset(deps, request.body, originOf(request)),
      }),
      confirmPasswordReset: async (request) => {
        await confirmPasswordReset(deps, request.body, originOf(request));
        return { status: 204 };
      },
    },
    { idempotency, metrics },
  );

export const handler = lazyHandler(async () => createHandler(await accountDependencies()));
