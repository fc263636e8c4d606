import type { IsoDate } from './types.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Adds whole days to an ISO date (calendar arithmetic, no zone involved). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const MD_RE = /^\d{2}-\d{2}$/;

/** Whether `s` is a month and day written MM-DD (02-29 included: a leap year has it). */
export function isMonthDay(s: string): boolean {
  return MD_RE.test(s) && isIsoDate(`2000-${s}`);
}

/**
 * Whether `date` lies in an inclusive range of dates (`YYYY-MM-DD`) or, when `yearly`, of days
 * of every year (`MM-DD`; such a range may wrap the new year: 12-24 to 01-01).
 */
export function inDateRange(range: { from: string; to: string; yearly: boolean }, date: IsoDate): boolean {
  if (!range.yearly) return date >= range.from && date <= range.to;
  const md = date.slice(5);
  return range.from <= range.to ? md >= range.from && md <= range.to : md >= range.from || md <= range.to;
}

/** The ISO weekday of a date: 1 = Monday ... 7 = Sunday (calendar arithmetic, no zone involved). */
export function isoWeekday(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}
