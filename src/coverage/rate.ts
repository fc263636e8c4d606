import { formatTimeWindow, weekdayName } from '../config/regions.js';
import { clockText, isPlainDay, plainDayText } from '../schedule/dates.js';
import { offsetAt } from '../schedule/zoned.js';
import type { RatingWindows } from '../schedule/types.js';

export type Rating = 'good' | 'fair' | 'poor';

const DAY = 86_400_000;
const MIN = 60_000;

/**
 * Local clock times are handled as "local milliseconds": the instant plus the zone's offset, so
 * that UTC arithmetic on them reads the wall clock (day = floor(local / DAY)). No luxon object
 * is made per cell: coverage rates thousands of (zone, meeting) pairs.
 */
export interface LocalSpan {
  /** Wall-clock start and end as local milliseconds. */
  start: number;
  end: number;
  /** Offsets (minutes) at start and at end; they differ when a DST change falls inside the meeting. */
  offset: number;
  endOffset: number;
}

export function localSpan(startMs: number, endMs: number, zone: string): LocalSpan {
  const offset = offsetAt(zone, startMs);
  const endOffset = endMs === startMs ? offset : offsetAt(zone, endMs);
  return { start: startMs + offset * MIN, end: endMs + endOffset * MIN, offset, endOffset };
}

/** Days since 1970-01-01 of a local-milliseconds value. */
export const localDay = (local: number): number => Math.floor(local / DAY);

/** ISO weekday (1 = Monday ... 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export const weekdayOfDay = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

/**
 * The rating of a meeting by its whole local span: `good` within the good window on a working
 * day, `fair` within the fair window on a working day, `poor` otherwise (a weekend day, or
 * any part outside the fair window, including running past midnight).
 */
export function rateLocal(start: number, end: number, w: RatingWindows): Rating {
  const day = Math.floor(start / DAY);
  if (w.weekend.includes(weekdayOfDay(day))) return 'poor';
  const from = (start - day * DAY) / MIN;
  const to = (end - day * DAY) / MIN;
  if (from >= w.good.from && to <= w.good.to) return 'good';
  if (from >= w.fair.from && to <= w.fair.to) return 'fair';
  return 'poor';
}

/** The rating of the meeting from `startMs` to `endMs` (instants) for someone in `zone`. */
export function rateSpan(startMs: number, endMs: number, zone: string, windows: RatingWindows): Rating {
  const s = localSpan(startMs, endMs, zone);
  return rateLocal(s.start, s.end, windows);
}

const DAY_LONG = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function weekdayLong(day: number): string {
  return DAY_LONG[day - 1] ?? weekdayName(day);
}

/** "HH:mm" of local milliseconds. */
export function localTime(local: number): string {
  const min = Math.round((local - Math.floor(local / DAY) * DAY) / MIN);
  return clockText(min);
}

/** "YYYY-MM-DD" of local milliseconds (the text of a day kept by its number: a Date per meeting and region was 4% of `check --all`). */
export function localDate(local: number): string {
  const day = Math.floor(local / DAY);
  return isPlainDay(day) ? plainDayText(day) : new Date(day * DAY).toISOString().slice(0, 10);
}

/** A rating with the reason, in words, for the one-line verdicts of `tcon check`. */
export function explainRating(start: number, end: number, w: RatingWindows): { rating: Rating; reason: string } {
  const rating = rateLocal(start, end, w);
  const day = localDay(start);
  const weekday = weekdayOfDay(day);
  const good = formatTimeWindow(w.good);
  const fair = formatTimeWindow(w.fair);
  if (w.weekend.includes(weekday)) return { rating, reason: `${weekdayLong(weekday)} is a weekend day there` };
  if (rating === 'good') return { rating, reason: `within working hours (${good})` };
  if (rating === 'fair') return { rating, reason: `outside working hours (${good}) but within ${fair}` };
  const from = (start - day * DAY) / MIN;
  const to = (end - day * DAY) / MIN;
  if (to > 1440) return { rating, reason: 'runs past midnight' };
  if (from < w.fair.from) return { rating, reason: `starts before ${fair.slice(0, 5)}` };
  return { rating, reason: `ends after ${fair.slice(6)}` };
}
