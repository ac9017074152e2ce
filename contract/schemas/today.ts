import { calendarDateInBishkek, type TodayProvider } from '../../functions/domain/identity';

/** Dates in identity rules (birth dates, registration dates) are judged by the calendar in Bishkek. */
export const todayInBishkek: TodayProvider = () => calendarDateInBishkek(new Date());
