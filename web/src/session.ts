import { Unreachable } from './api';
import { $, notice } from './dom';
import { t } from './i18n';
import { go } from './navigation';
import { api, page } from './state';

/** The session on this device: its token kept for the tab, and how it ends. */

export const setToken = (value: string | undefined): void => {
  page.token = value;
  if (value) sessionStorage.setItem('token', value);
  else sessionStorage.removeItem('token');
  $('#exit').hidden = value === undefined;
};

/**
 * The session is over on this device: its token forgotten, and nothing of the cabinet left in the page for the
 * next person at this computer (the data shown, the lists, anything typed into a form).
 */
const forgetSession = (): void => {
  setToken(undefined);
  for (const form of document.querySelectorAll('form')) form.reset();
  for (const shown of ['#my-data', '#sessions', '#activity']) $(shown).replaceChildren();
  go.login();
};

/** The portal answered 401: the session ended elsewhere (expired, Exit on another device, a report). */
export const sessionLost = (): void => {
  forgetSession();
  notice(t('sessionEnded'));
};

/**
 * 2.7: Exit ends the session on the server. Only once the portal says so (or that it had already ended) is it
 * forgotten here; otherwise the applicant is told and can press Exit again, the session still in hand.
 */
export const endSession = async (path: '/v1/sessions/current' | '/v1/sessions'): Promise<void> => {
  try {
    const answer = await api('DELETE', path);
    if (!answer.ok && answer.problem.code !== 'unauthenticated') {
      notice(t('exitFailed'));
      return;
    }
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    notice(t('exitFailed'));
    return;
  }
  forgetSession();
  notice(t('loggedOut'));
};

export const wireExit = (): void => {
  $('#exit').addEventListener('click', () => void endSession('/v1/sessions/current'));
};
