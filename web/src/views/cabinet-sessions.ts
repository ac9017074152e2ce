import type { SessionItem } from '../api-types';
import { $, element, notice } from '../dom';
import { dateTime, t } from '../i18n';
import { endSession, sessionLost } from '../session';
import { api } from '../state';

/**
 * The cabinet's live sessions: when and how each began, from where; ending one the applicant does not recognise
 * (2.7), or them all. This session's own row has no button: Exit ends it.
 */

export const renderSessions = (items: readonly SessionItem[], onEnded: () => Promise<unknown>): void => {
  $('#sessions').replaceChildren(
    ...items.map((item) => {
      const row = element('tr');
      const method = t(item.method === 'password' ? 'methodPassword' : 'methodIdCard');
      const end = element('td');
      if (!item.current) end.append(endButton(item, onEnded));
      row.append(
        element('td', dateTime(item.createdAt)),
        element('td', dateTime(item.lastSeenAt)),
        element('td', item.current ? `${method} (${t('thisSession')})` : method),
        element('td', item.ip),
        element('td', item.userAgent),
        end,
      );
      return row;
    }),
  );
};

const endButton = (item: SessionItem, onEnded: () => Promise<unknown>): HTMLButtonElement => {
  const button = element('button', t('endSession'), 'secondary');
  button.type = 'button';
  // Screen readers hear which session the button ends, not one "End" among many.
  button.setAttribute('aria-label', `${t('endSession')}: ${dateTime(item.createdAt)}, ${item.userAgent}`);
  button.addEventListener('click', () => {
    button.disabled = true;
    void api('DELETE', `/v1/sessions/${encodeURIComponent(item.sessionId)}`)
      .then(async (answer) => {
        if (!answer.ok && answer.status === 401) return sessionLost();
        // 404: it had already ended (expired, Exit on that device); either way the list is read again.
        await onEnded();
        notice(answer.ok || answer.status === 404 ? t('chosenSessionEnded') : answer.problem.title);
      })
      .catch(() => {
        button.disabled = false;
        notice(t('networkError'));
      });
  });
  return button;
};

export const wireSessions = (): void => {
  $('#end-all').addEventListener('click', () => void endSession('/v1/sessions'));
};
