import { consentTo, loadAgreement } from '../agreement';
import { $ } from '../dom';
import { go, show } from '../navigation';
import { onSubmit } from '../submit';

/** The consent view: a new agreement version to consent to before the cabinet opens (the API's consent_required). */

export const showConsent = async (): Promise<void> => {
  show('consent');
  await loadAgreement($('#renew-form'));
};

export const wireConsent = (): void => {
  onSubmit('#renew-form', (form) =>
    consentTo(form, '/v1/me/consents', async () => {
      form.reset();
      await go.cabinet();
    }),
  );
};
