/**
 * Operators work in Bishkek time (UTC+6 all year: Kyrgyzstan has kept no daylight saving time since 2005), so a
 * fixed offset is exact and needs no time zone database in the function.
 */
export const bishkekOffset = '+06:00';
const offsetMs = 6 * 60 * 60 * 1000;

/** The calendar day (YYYY-MM-DD) in Bishkek at `at`. */
export const bishkekDay = (at: Date): string => new Date(at.getTime() + offsetMs).toISOString().slice(0, 10);

/** `at` (an ISO instant) as people in Bishkek write it, to the minute: `31.12.2026 23:59`. */
export const bishkekMinute = (at: string): string => {
  const [date, time] = new Date(Date.parse(at) + offsetMs).toISOString().split('T') as [string, string];
  const [year, month, day] = date.split('-');
  return `${day}.${month}.${year} ${time.slice(0, 5)}`;
};

/** The day before `at`'s day in Bishkek: what the daily report, run after midnight, reports on. */
export const previousBishkekDay = (at: Date): string =>
  bishkekDay(new Date(at.getTime() - 24 * 60 * 60 * 1000));

/** The instants (UTC ISO-8601) where a Bishkek day starts and where the next one starts. */
export const bishkekDayBounds = (day: string): { from: string; to: string } => {
  const from = new Date(`${day}T00:00:00.000${bishkekOffset}`);
  return { from: from.toISOString(), to: new Date(from.getTime() + 24 * 60 * 60 * 1000).toISOString() };
};

/** 2.3: a deadline given as a date means the end of that day in Bishkek; a date-time is taken as given. */
export const deadlineInstant = (input: string): string =>
  new Date(/^\d{4}-\d{2}-\d{2}$/.test(input) ? `${input}T23:59:59.999${bishkekOffset}` : input).toISOString();
