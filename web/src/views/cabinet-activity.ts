import type { ActivityItem, ActivityPage } from '../api-types';
import { $, element } from '../dom';
import { dateTime, t } from '../i18n';
import { api, page } from '../state';
import { actionNames } from '../action-names';

/** The cabinet's activity list (2.6): what was done under the account, a page at a time, and whose it is deemed. */

const attributionKey = {
  applicant: 'attrApplicant',
  disputed: 'attrDisputed',
  revoked_credential: 'attrRevoked',
} as const;

const activityRow = (item: ActivityItem): HTMLTableRowElement => {
  const row = element('tr', undefined, item.attribution === 'applicant' ? undefined : 'disputed');
  const whose = element('td');
  whose.append(element('span', t(attributionKey[item.attribution]), `badge ${item.attribution}`));
  row.dataset.attribution = item.attribution;
  row.append(
    element('td', dateTime(item.at)),
    element('td', actionNames[item.action]?.[page.language] ?? item.action),
    element('td', t(item.result)),
    element('td', item.ip ?? ''),
    whose,
  );
  return row;
};

/** The newest page of actions, or (`more`) the next page added below those shown. */
export const loadActivity = async (more: boolean): Promise<void> => {
  const cursor = page.activityCursor;
  const query = more && cursor ? `?limit=20&cursor=${encodeURIComponent(cursor)}` : '?limit=20';
  const answer = await api<ActivityPage>('GET', `/v1/me/activity${query}`);
  if (!answer.ok) return;
  const rows = answer.body.items.map(activityRow);
  if (more) $('#activity').append(...rows);
  else $('#activity').replaceChildren(...rows);
  page.activityCursor = answer.body.nextCursor;
  $('#activity-more').hidden = page.activityCursor === undefined;
};

export const wireActivity = (): void => {
  $('#activity-more').addEventListener('click', () => void loadActivity(true));
};
