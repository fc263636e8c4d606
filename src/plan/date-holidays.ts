import Holidays from 'date-holidays';
import { holidayCalendar, type HolidayCalendar, type HolidayStore } from './holidays.js';

/**
 * Holidays of every country date-holidays knows, each country's years computed on first use (or
 * read from `store`). The one module of the core that imports date-holidays itself: the command
 * line does not load it (it loads date-holidays only when a year is missing from its cache; see
 * holidays.ts), the library's `createHolidayCalendar()` is this.
 */
export function createHolidayCalendar(store?: HolidayStore): HolidayCalendar {
  return holidayCalendar(() => Holidays, store);
}
