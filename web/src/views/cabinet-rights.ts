import type { Answer } from '../api';
import { $, notice, values } from '../dom';
import { flagField, showError } from '../form-errors';
import { t } from '../i18n';
import { sessionLost } from '../session';
import { api } from '../state';
import { onSubmit, submitting } from '../submit';

/**
 * The applicant's own rights over their data (2.4): the export, saved as a JSON file, and the closure of the
 * account. Both need the current password unless the session was opened with the ID card in the last 15 minutes
 * (2.7); an empty field sends none, and the portal says when one is needed.
 */

const reauthentication = (form: HTMLFormElement): { currentPassword?: string } => {
  const { currentPassword } = values(form);
  return currentPassword ? { currentPassword } : {};
};

/** The problems that concern the current password: the field is pointed out to type it (again). */
const currentPasswordProblems = new Set(['reauthentication_required', 'invalid_credentials']);

/** Saves `data` as a file through a link the page clicks itself: nothing leaves the browser again. */
const saveAsFile = (data: unknown, fileName: string): void => {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  URL.revokeObjectURL(url);
};

/** A closure only with its box ticked: nothing is sent before. */
const closureConfirmed = (form: HTMLFormElement): boolean => {
  const box = $<HTMLInputElement>('#closure-confirm', form);
  if (box.checked) return true;
  showError(form, t('closureMustConfirm'));
  box.focus();
  return false;
};

const wireForm = <T>(
  selector: string,
  request: (form: HTMLFormElement) => Promise<Answer<T>>,
  done: (body: T) => void,
  ready: (form: HTMLFormElement) => boolean = () => true,
): void =>
  onSubmit(selector, (form) => {
    if (!ready(form)) return;
    const password = form.querySelector<HTMLInputElement>('input[type="password"]')!;
    return submitting(
      form,
      () => request(form),
      (body) => {
        form.reset();
        done(body);
      },
      (problem) => {
        if (currentPasswordProblems.has(problem.code)) flagField(password);
      },
    );
  });

export const wireRights = (): void => {
  wireForm<{ exportedAt: string }>(
    '#export-form',
    (form) => api<{ exportedAt: string }>('POST', '/v1/me/exports', reauthentication(form)),
    (exported) => {
      saveAsFile(exported, `portal-data-${exported.exportedAt.slice(0, 10)}.json`);
      notice(t('exportSaved'));
    },
  );
  wireForm<undefined>(
    '#closure-form',
    (form) => api<undefined>('POST', '/v1/me/closure', reauthentication(form)),
    () => {
      // The account is gone with every session: the page forgets this one, then says why.
      sessionLost();
      notice(t('accountClosed'));
    },
    closureConfirmed,
  );
};
