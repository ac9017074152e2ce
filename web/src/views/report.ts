import type { AccessReport, CodeRequest } from '../api-types';
import { $, notice, values } from '../dom';
import { clearErrors, flagField } from '../form-errors';
import { dateTime, t } from '../i18n';
import { go, show } from '../navigation';
import { setToken } from '../session';
import { api, page } from '../state';
import { onSubmit, submitting } from '../submit';

/**
 * 2.7: reporting unauthorized access, from the report view (phone, PIN and a code by SMS, no login) or from the
 * cabinet's own report card. Either way every session ends and a new password comes by SMS. The phone may be the
 * login or, for 30 days after the login moved away from it, the previous phone, which the report makes the login
 * again; `suspectedSince` likewise undoes the phone changes made since then.
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

/** Back to step 1 (phone and PIN): the code's request forgotten; `keep` leaves phone and PIN typed. */
const restartReport = (keep: boolean): void => {
  page.reportRequestId = undefined;
  const confirm = $<HTMLFormElement>('#report-confirm-form');
  confirm.reset();
  clearErrors(confirm);
  confirm.hidden = true;
  const request = $<HTMLFormElement>('#report-request-form');
  if (!keep) request.reset();
  clearErrors(request);
  request.hidden = false;
};

/** Step 2: the code belongs to the request step 1 answered with (its requestId), not to the phone. */
const confirmReport = (form: HTMLFormElement): Promise<void> =>
  submitting(
    form,
    () =>
      api<AccessReport>('POST', '/v1/access-reports/confirm', {
        requestId: page.reportRequestId,
        code: values(form).code,
        ...reportDetails(form),
      }),
    (report) => {
      restartReport(false);
      reported(report);
    },
    (problem) => {
      if (problem.code === 'invalid_code') flagField($<HTMLInputElement>('#report-code'));
    },
  );

export const wireReport = (): void => {
  $('#report-open').addEventListener('click', openReport);

  onSubmit('#report-request-form', (form) =>
    submitting(
      form,
      () => api<CodeRequest>('POST', '/v1/access-reports', values(form)),
      ({ requestId }) => {
        page.reportRequestId = requestId;
        $<HTMLFormElement>('#report-confirm-form').reset();
        form.hidden = true;
        $('#report-confirm-form').hidden = false;
        $('#report-code-sent').focus();
      },
    ),
  );

  onSubmit('#report-confirm-form', confirmReport);

  // Another code: back to step 1, phone and PIN still typed.
  $('#report-again').addEventListener('click', () => {
    restartReport(true);
    $('#report-phone').focus();
  });

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
