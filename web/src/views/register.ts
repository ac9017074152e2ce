import type { Registration } from '../api-types';
import { consentTo, loadAgreement } from '../agreement';
import { $, notice, values } from '../dom';
import { t } from '../i18n';
import { go, show } from '../navigation';
import { api, page } from '../state';
import { onSubmit, submitting } from '../submit';

/**
 * The registration view, in two steps: consent to the agreement (#consent-form), then the applicant's details
 * (#register-form), sent with that consent. The password then comes by SMS, and the login view takes over.
 */

const openRegistration = (): void => {
  $('#consent-form').hidden = false;
  $('#register-form').hidden = true;
  show('register');
  void loadAgreement($('#consent-form'));
};

/** 1: a legal entity's representative also gives the organization's tax number. */
const askForInn = (legal: boolean): void => {
  $('#inn-field').hidden = !legal;
  $<HTMLInputElement>('#register-inn').disabled = !legal;
};

export const wireRegister = (): void => {
  $('#register-open').addEventListener('click', openRegistration);
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="applicantType"]'))
    radio.addEventListener('change', () => askForInn($<HTMLInputElement>('#type-legal').checked));

  onSubmit('#consent-form', (form) =>
    consentTo(form, '/v1/consents', (receipt) => {
      page.consentId = receipt.consentId;
      form.hidden = true;
      $('#register-form').hidden = false;
      $('#details-title').focus();
    }),
  );

  onSubmit('#register-form', (form) =>
    submitting(
      form,
      () => api<Registration>('POST', '/v1/registrations', { consentId: page.consentId, ...values(form) }),
      (registration) => {
        form.reset();
        askForInn(false);
        go.login();
        $<HTMLInputElement>('#login-phone').value = registration.login;
        notice(t('registered', { phone: registration.login }));
      },
    ),
  );
};
