import { Unreachable, type Answer } from './api';
import type { Agreement, ConsentReceipt } from './api-types';
import { $ } from './dom';
import { showError } from './form-errors';
import { t } from './i18n';
import { api, page } from './state';
import { submitting } from './submit';

/**
 * The agreement (preamble): read it, then consent. Shown at registration's first step (#consent-form) and when a
 * new version needs consent before the cabinet opens (#renew-form).
 */

/** A published document (the agreement, the Privacy Policy) in the page's language; unreachable is a problem too. */
export const readDocument = async (
  path: '/v1/agreement' | '/v1/privacy-policy',
): Promise<Answer<Agreement>> => {
  try {
    return await api<Agreement>('GET', `${path}?lang=${page.language}`);
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    return { ok: false, status: 0, problem: { status: 0, code: 'unreachable', title: t('networkError') } };
  }
};

export const loadAgreement = async (container: HTMLElement): Promise<void> => {
  // Consent is given to the text on screen: none until it is there (again when another language is chosen).
  page.agreement = undefined;
  const request = ++page.agreementRequest;
  const answer = await readDocument('/v1/agreement');
  if (request !== page.agreementRequest) return;
  if (!answer.ok) return showError(container, answer.problem.title);
  const agreement = answer.body;
  page.agreement = agreement;
  $('.agreement-title', container).textContent = agreement.title;
  $('.agreement-meta', container).textContent =
    `${t('agreementVersion')} ${agreement.version}, ${t('agreementEffective')} ${agreement.effectiveFrom}`;
  // The text's first line is its title, shown above.
  $('.agreement-text', container).textContent = agreement.text.split('\n').slice(1).join('\n').trim();
};

/** Pressed before the agreement is on screen (still loading, or it failed): it is loaded (again) instead. */
const agreementShown = (form: HTMLFormElement): boolean => {
  if (page.agreement) return true;
  showError(form, t('agreementLoading'));
  void loadAgreement(form);
  return false;
};

const requireAccepted = (form: HTMLFormElement): boolean => {
  const box = $<HTMLInputElement>('input[name="accepted"]', form);
  if (box.checked) return true;
  showError(form, t('mustAccept'));
  box.focus();
  return false;
};

/** Consents to the agreement on screen, once it is there and its box is ticked. */
export const consentTo = (
  form: HTMLFormElement,
  path: '/v1/consents' | '/v1/me/consents',
  onSuccess: (receipt: ConsentReceipt) => void | Promise<void>,
): Promise<void> | undefined => {
  if (!agreementShown(form) || !requireAccepted(form)) return;
  return submitting(
    form,
    () =>
      api<ConsentReceipt>('POST', path, {
        agreementVersion: page.agreement!.version,
        accepted: true,
        language: page.language,
      }),
    onSuccess,
  );
};
