import type { CodeRequest, IdCardChallenge, Session } from '../api-types';
import { $, notice, values } from '../dom';
import { clearErrors, flagField } from '../form-errors';
import { t } from '../i18n';
import { go, show } from '../navigation';
import { setToken } from '../session';
import { api, page } from '../state';
import { onSubmit, submitting } from '../submit';
import type { TextKey } from '../texts';
import { webEidAuthenticate, webEidAvailable } from '../web-eid';

/**
 * The login view: phone and password, or the ID card (2.1); and, for the forgetful, a password reset in two steps
 * (2.7): phone and PIN bring a code by SMS (#reset-form), then the code sets the password they choose
 * (#reset-confirm-form).
 */

export const showLogin = (focus = true): void => {
  show('login', focus);
  void detectIdCard();
};

/** The ID card is offered only when a Web eID extension answers; otherwise the page says what is missing. */
const detectIdCard = async (): Promise<void> => {
  const status = $('#id-card-status');
  page.idCardDetection ??= webEidAvailable();
  const available = await page.idCardDetection;
  status.dataset.t = available ? 'idCardReady' : 'idCardMissing';
  status.textContent = t(status.dataset.t as TextKey);
  $('#id-card-login').hidden = !available;
};

/** The reset back at step 1: its code forgotten, step 2 hidden and emptied (`keep` leaves phone and PIN typed). */
const restartReset = (keep = false): void => {
  page.resetRequestId = undefined;
  const confirm = $<HTMLFormElement>('#reset-confirm-form');
  confirm.reset();
  clearErrors(confirm);
  confirm.hidden = true;
  const request = $<HTMLFormElement>('#reset-form');
  if (!keep) request.reset();
  clearErrors(request);
  request.hidden = false;
};

const afterLogin = async (session: Session): Promise<void> => {
  setToken(session.token);
  for (const form of document.querySelectorAll<HTMLFormElement>('[data-view="login"] form')) form.reset();
  restartReset();
  notice('');
  if (session.consentRequired) await go.consent();
  else await go.cabinet();
};

/** The portal's challenge, signed by the card through the extension (its PIN code stays with the card). */
const loginWithIdCard = async (): Promise<void> => {
  const card = $('#id-card-login').closest('section')!;
  await submitting(
    card,
    async () => {
      const challenge = await api<IdCardChallenge>('POST', '/v1/id-card/challenges');
      if (!challenge.ok) return challenge;
      let authToken;
      try {
        authToken = await webEidAuthenticate(challenge.body.nonce, page.language);
      } catch {
        return { ok: false, status: 0, problem: { status: 0, code: 'web_eid', title: t('idCardFailed') } };
      }
      return api<Session>('POST', '/v1/id-card/sessions', {
        challengeId: challenge.body.challengeId,
        authToken,
      });
    },
    afterLogin,
  );
};

export const wireLogin = (): void => {
  $('#id-card-login').addEventListener('click', () => void loginWithIdCard());

  onSubmit('#login-form', (form) =>
    submitting(form, () => api<Session>('POST', '/v1/sessions', values(form)), afterLogin),
  );

  // Step 1: the same answer whether or not phone and PIN match; a code went by SMS only where they do.
  onSubmit('#reset-form', (form) =>
    submitting(
      form,
      () => api<CodeRequest>('POST', '/v1/password-resets', values(form)),
      ({ requestId }) => {
        page.resetRequestId = requestId;
        const confirm = $<HTMLFormElement>('#reset-confirm-form');
        confirm.reset();
        form.hidden = true;
        confirm.hidden = false;
        $('#reset-code-sent').focus();
      },
    ),
  );

  // Step 2: a refused password (weak_password) leaves the code usable, so the applicant only chooses another.
  onSubmit('#reset-confirm-form', (form) => {
    const { code, newPassword } = values(form);
    return submitting(
      form,
      () => api('POST', '/v1/password-resets/confirm', { requestId: page.resetRequestId, code, newPassword }),
      () => {
        // Every session of the account has ended: the new password opens a new one.
        const phone = $<HTMLInputElement>('#reset-phone').value.trim();
        restartReset();
        $('#reset-form').closest('details')!.open = false;
        showLogin();
        $<HTMLInputElement>('#login-phone').value = phone;
        notice(t('resetDone'));
      },
      (problem) => {
        if (problem.code === 'invalid_code') flagField($<HTMLInputElement>('#reset-code'));
      },
    );
  });

  // Another code: back to step 1, phone and PIN still typed.
  $('#reset-again').addEventListener('click', () => {
    restartReset(true);
    $('#reset-phone').focus();
  });
};
