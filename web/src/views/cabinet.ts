import { Unreachable } from '../api';
import type { Cabinet, SessionList } from '../api-types';
import { notice, values } from '../dom';
import { t } from '../i18n';
import { go, show } from '../navigation';
import { sessionLost } from '../session';
import { api } from '../state';
import { onSubmit, submitting } from '../submit';
import { loadActivity, wireActivity } from './cabinet-activity';
import { renderCabinet, wireMyData } from './cabinet-data';
import { renderDocuments, wireDocuments } from './cabinet-documents';
import { wireRights } from './cabinet-rights';
import { renderSessions, wireSessions } from './cabinet-sessions';

/**
 * The cabinet (2.2): my data (cabinet-data.ts), the documents a pending verification demand asks for
 * (cabinet-documents.ts), the live sessions (cabinet-sessions.ts), the activity (cabinet-activity.ts), the rights
 * over the data (cabinet-rights.ts), a new password here; its report card is the report's (report.ts).
 */

/** Loads the cabinet's parts into the page: false when the cabinet cannot be shown (and the page says why). */
export const refreshCabinet = async (): Promise<boolean> => {
  const [me, sessions] = await Promise.all([
    api<Cabinet>('GET', '/v1/me'),
    api<SessionList>('GET', '/v1/me/sessions'),
  ]);
  if (!me.ok) {
    if (me.problem.code === 'consent_required') await go.consent();
    else if (me.status === 401) sessionLost();
    else notice(me.problem.title);
    return false;
  }
  renderCabinet(me.body);
  if (sessions.ok) renderSessions(sessions.body.items, refreshCabinet);
  await Promise.all([renderDocuments(me.body.verification), loadActivity(false)]);
  return true;
};

export const showCabinet = async (): Promise<void> => {
  try {
    if (await refreshCabinet()) show('cabinet');
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    notice(t('networkError'));
  }
};

export const wireCabinet = (): void => {
  wireMyData();
  wireDocuments();
  wireSessions();
  wireActivity();
  wireRights();

  onSubmit('#password-form', (form) =>
    submitting(
      form,
      () => api('PUT', '/v1/me/password', values(form)),
      async () => {
        form.reset();
        await refreshCabinet();
        notice(t('passwordChanged'));
      },
    ),
  );
};
