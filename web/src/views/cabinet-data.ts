import type { Cabinet } from '../api-types';
import { $, element, notice, values } from '../dom';
import { flagField } from '../form-errors';
import { dateTime, t } from '../i18n';
import { api } from '../state';
import { onSubmit, submitting } from '../submit';
import { loadActivity } from './cabinet-activity';

/** The cabinet's "my data" (passport and PIN masked, 2.4), and the forms that change it: passport (2.2), phone (2.5). */

/**
 * 2.7: moving the login needs the current password, unless the session was opened with the ID card in the last
 * 15 minutes; an empty field sends none, and the portal says when one is needed (reauthentication_required).
 */
const phoneChange = (form: HTMLFormElement): { newPhone: string; currentPassword?: string } => {
  const { newPhone = '', currentPassword } = values(form);
  return { newPhone, ...(currentPassword && { currentPassword }) };
};

/** The problems that concern the current password: the field is pointed out to type it (again). */
const currentPasswordProblems = new Set(['reauthentication_required', 'invalid_credentials']);

const statusKey = { active: 'statusActive', blocked: 'statusBlocked', deleted: 'statusDeleted' } as const;
const verificationKey = {
  pending: 'verificationPending',
  confirmed: 'verificationConfirmed',
  mismatch: 'verificationMismatch',
  overdue: 'verificationOverdue',
} as const;

export const renderCabinet = (me: Cabinet): void => {
  const rows: [string, string][] = [
    [t('login'), me.login],
    [t('applicantType'), t(me.applicantType === 'individual' ? 'individual' : 'legalEntity')],
    [t('passportNumber'), me.passportNumber],
    [t('pin'), me.pin],
    ...(me.organizationInn ? ([[t('inn'), me.organizationInn]] as [string, string][]) : []),
    [t('status'), t(statusKey[me.status])],
    [t('consent'), `${t('agreementVersion')} ${me.consent.version}, ${dateTime(me.consent.acceptedAt)}`],
    ...(me.verification
      ? ([
          [
            t('verification'),
            `${t(verificationKey[me.verification.status])}, ${t('deadline')} ${dateTime(me.verification.deadline)}`,
          ],
        ] as [string, string][])
      : []),
  ];
  $('#my-data').replaceChildren(
    ...rows.flatMap(([term, value]) => [element('dt', term), element('dd', value)]),
  );
};

/** The API's cabinet after a change: shown, with the change now in the activity list. */
const changed = async (me: Cabinet, message: string): Promise<void> => {
  renderCabinet(me);
  await loadActivity(false);
  notice(message);
};

export const wireMyData = (): void => {
  onSubmit('#passport-form', (form) =>
    submitting(
      form,
      () => api<Cabinet>('PATCH', '/v1/me', values(form)),
      async (me) => {
        form.reset();
        await changed(me, t('saved'));
      },
    ),
  );

  onSubmit('#phone-form', (form) => {
    const currentPassword = $<HTMLInputElement>('#phone-current-password');
    return submitting(
      form,
      () => api('POST', '/v1/me/phone-changes', phoneChange(form)),
      () => {
        // The password did its work: it is not left in the page.
        currentPassword.value = '';
        $('#phone-confirm-form').hidden = false;
        $('#phone-code-sent').focus();
      },
      (problem) => {
        if (currentPasswordProblems.has(problem.code)) flagField(currentPassword);
      },
    );
  });

  onSubmit('#phone-confirm-form', (form) =>
    submitting(
      form,
      () => api<Cabinet>('POST', '/v1/me/phone-changes/confirm', values(form)),
      async (me) => {
        form.reset();
        form.hidden = true;
        $<HTMLFormElement>('#phone-form').reset();
        await changed(me, t('phoneChanged', { phone: me.login }));
      },
    ),
  );
};
