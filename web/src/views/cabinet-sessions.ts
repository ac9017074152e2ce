import type { SessionItem } from '../api-types';
import { $, element } from '../dom';
import { dateTime, t } from '../i18n';
import { endSession } from '../session';

/** The cabinet's live sessions: when and how each began, from where; and ending them all. */

export const renderSessions = (items: readonly SessionItem[]): void => {
  $('#sessions').replaceChildren(
    ...items.map((item) => {
      const row = element('tr');
      const method = t(item.method === 'password' ? 'methodPassword' : 'methodIdCard');
      row.append(
        element('td', dateTime(item.createdAt)),
        element('td', dateTime(item.lastSeenAt)),
        element('td', item.current ? `${method} (${t('thisSession')})` : method),
        element('td', item.ip),
        element('td', item.userAgent),
      );
      return row;
    }),
  );
};

export const wireSessions = (): void => {
  $('#end-all').addEventListener('click', () => void endSession('/v1/sessions'));
};
