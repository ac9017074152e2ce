import type { AccessReport } from '../api-types';
import { $, notice, values } from '../dom';
import { dateTime, t } from '../i18n';
import { go, show } from '../navigation';
import { setToken } from '../session';
import { api, page } from '../state';
import { onSubmit, submitting } from '../submit';

/**
 * 2.7: reporting unauthorized access, from the report view (phone, PIN and a code by SMS, no login) or from the
 * cabinet's own report card. Either way every session ends and a new password comes by SMS.
 */

/** 2.6: the report's window, from a datetime-local field (the browser's own time zone) to an ISO instant. */
const reportDetails = (form: HTMLFormElement): { description?: string; suspectedSince?: string } => {
  const { description, suspectedSince } = values(form);
  return {
    ...(description && { description }),
    ...(suspectedSince && { suspectedSince: new Date(suspectedSince).toISOString() }),
  };
};

/** Reported: the session, if any, has ended with all others, so the page returns to the login. */
const reported = (report: AccessReport): void => {
  setToken(undefined);
  go.login();
  notice(t('reported', { at: dateTime(report.reportedAt) }));
};

/** The header's button: in the cabinet, its own report card; anywhere else, the report view. */
const openReport = (): void => {
  if (page.token && page.view === 'cabinet') {
    $('#cabinet-report').scrollIntoView();
    $('#cabinet-report-title').focus();
  } else {
    show('report');
  }
};

const confirmReport = (form: HTMLFormElement): Promise<void> => {
  const phone = $<HTMLInputElement>('#report-phone').value.trim();
  return submitting(
    form,
    () =>
      api<AccessReport>('POST', '/v1/access-reports/confirm', {
        phone,
        code: values(form).code,
        ...reportDetails(form),
      }),
    (report) => {
      form.reset();
      form.hidden = true;
      $<HTMLFormElement>('#report-request-form').reset();
      $('#report-request-form').hidden = false;
      reported(report);
    },
  );
};

export const wireReport = (): void => {
  $('#report-open').addEventListener('click', openReport);

  onSubmit('#report-request-form', (form) =>
    submitting(
      form,
      () => api('POST', '/v1/access-reports', values(form)),
      () => {
        $<HTMLInputElement>('#report-confirm-form input[name="code"]').value = '';
        form.hidden = true;
        $('#report-confirm-form').hidden = false;
        $('#report-code-sent').focus();
      },
    ),
  );

  onSubmit('#report-confirm-form', confirmReport);

  onSubmit('#cabinet-report-form', (form) =>
    submitting(
      form,
      () => api<AccessReport>('POST', '/v1/me/access-reports', reportDetails(form)),
      (report) => {
        form.reset();
        reported(report);
      },
    ),
  );
};
