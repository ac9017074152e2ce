import { accountDependencies, type PortalDependencies } from '../wiring/dependencies';
import { httpHandler, lazyHandler, type PortalHandler } from '../commons/http/handler';
import { originOf } from '../commons/http/session-auth';
import { resetPassword } from '../domain/accounts/password-reset';
import { register } from '../domain/accounts/registration';

/** Registration (2.2, 2.5) and the password reset: public routes that send SMS. */
export const createHandler = ({ accounts: deps, idempotency, metrics }: PortalDependencies): PortalHandler =>
  httpHandler(
    'registrations',
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
      resetPassword: async (request) => {
        await resetPassword(deps, request.body, originOf(request));
        return { status: 202 };
      },
    },
    { idempotency, metrics },
  );

export const handler = lazyHandler(async () => createHandler(await accountDependencies()));
