import { portalTable } from '../../../contract/tables';
import type { TimeWindow } from '../../domain/operators/store';

/**
 * The event index (`byEventTime`): every audit entry and consent is listed under the UTC hour it happened in,
 * ordered by its time, and nothing else is. A job reads the events of its window with a Query per hour it touches;
 * accounts, sessions, claims and events of other hours are never read.
 */
export const byEventTime = portalTable.globalIndexes[1].indexName;

const hourMs = 60 * 60 * 1000;
const hourPartition = (at: string) => `EVENTS#${at.slice(0, 13)}`;

/** The index keys of an event that happened at `at` (ISO-8601 UTC, as every event time is written). */
export const eventIndexKeys = (at: string) => ({ gsi2pk: hourPartition(at), gsi2sk: at });

/** The hour partitions a window touches, earliest first. */
export const eventHours = (window: TimeWindow): string[] => {
  const hours: string[] = [];
  const end = Date.parse(window.to);
  for (let t = Math.floor(Date.parse(window.from) / hourMs) * hourMs; t < end; t += hourMs)
    hours.push(hourPartition(new Date(t).toISOString()));
  return hours;
};

/** The last instant of a half-open window: the index's sort key condition is inclusive at both ends. */
export const lastInstantOf = (window: TimeWindow): string =>
  new Date(Date.parse(window.to) - 1).toISOString();
