import type { IdCardChallenge, Session } from '../api-types';
import { $, notice, values } from '../dom';
import { t } from '../i18n';
import { go, show } from '../navigation';
import { setToken } from '../session';
import { api, page } from '../state';
import { onSubmit, submitting } from '../submit';
import type { TextKey } from '../texts';
import { webEidAuthenticate, webEidAvailable } from '../web-eid';

/** The login view: phone and password, or the ID card (2.1); and a new password by SMS for the forgetful. */

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

const afterLogin = async (session: Session): Promise<void> => {
  setToken(session.token);
  for (const form of document.querySelectorAll<HTMLFormElement>('[data-view="login"] form')) form.reset();
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

  onSubmit('#reset-form', (form) =>
    submitting(
      form,
      () => api('POST', '/v1/password-resets', values(form)),
      () => {
        form.reset();
        notice(t('resetDone'));
      },
    ),
  );
};
