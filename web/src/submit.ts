import { Unreachable, type Answer } from './api';
import type { Problem } from './api-types';
import { $ } from './dom';
import { clearErrors, showError } from './form-errors';
import { t } from './i18n';
import { go } from './navigation';
import { tryAgainIn } from './retry';
import { sessionLost } from './session';
import { page } from './state';

/**
 * Runs a form's request with its button disabled (no double submission) and shows any problem in the form.
 * A 401 on a session route means the session is gone: back to the login. A consent_required goes to consent.
 * `onProblem` follows a problem shown in the form, for what the form does about it (focus the field it concerns).
 */
export const submitting = async <T>(
  form: HTMLElement,
  request: () => Promise<Answer<T>>,
  onSuccess: (body: T) => void | Promise<void>,
  onProblem?: (problem: Problem) => void,
): Promise<void> => {
  const buttons = form.querySelectorAll<HTMLButtonElement>('button');
  for (const button of buttons) button.disabled = true;
  clearErrors(form);
  try {
    const answer = await request();
    if (answer.ok) await onSuccess(answer.body);
    else if (answer.problem.code === 'unauthenticated' && page.token) sessionLost();
    else if (answer.problem.code === 'consent_required') await go.consent();
    else {
      if (answer.retryAfterSeconds !== undefined)
        showError(form, `${answer.problem.title}. ${tryAgainIn(page.language, answer.retryAfterSeconds)}`);
      else showError(form, answer.problem.title, answer.problem.errors);
      onProblem?.(answer.problem);
    }
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    showError(form, t('networkError'));
  } finally {
    for (const button of buttons) button.disabled = false;
  }
};

/** Handles a form's submission in the page (the browser does not send it). */
export const onSubmit = (
  selector: string,
  handler: (form: HTMLFormElement) => Promise<void> | void,
): void => {
  $<HTMLFormElement>(selector).addEventListener('submit', (event) => {
    event.preventDefault();
    void handler(event.currentTarget as HTMLFormElement);
  });
};
