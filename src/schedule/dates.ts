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
  const n = utcOfWall(date, 0, 0) / 86_400_000 + days;
  // A result in a year of four digits (nearly always): the kept text of the day.
  if (Number.isInteger(n) && isPlainDay(n)) return plainDayText(n);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const PLAIN_FROM = Date.UTC(1000, 0, 1);
const PLAIN_TO = Date.UTC(10000, 0, 1);

/**
 * Whether the instant `ms` lies in a year 1000-9999, where Date's ISO form, luxon's and tcon's own
 * by hand all write the same four-digit year (no sign, no sixth digit).
 */
export function isPlainInstant(ms: number): boolean {
  return ms >= PLAIN_FROM && ms < PLAIN_TO;
}

/** The texts of day numbers written before (a registry's groups meet on the same few hundred days). */
const dayTexts = new Map<number, IsoDate>();

/**
 * `YYYY-MM-DD` of a Date's UTC fields, by hand: toISOString() builds the whole timestamp, and the
 * first toISOString() of a process costs about a millisecond (V8 sets something up for it).
 */
export function isoDateOf(d: Date): IsoDate {
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${d.getUTCFullYear()}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
}

/**
 * `YYYY-MM-DD` of day number `n` (days since 1970-01-01) of a year 1000-9999, where every way
 * tcon writes a date (toISOString, isoDateOf) gives the same text; kept, not rebuilt, per meeting.
 */
export function plainDayText(n: number): IsoDate {
  let text = dayTexts.get(n);
  if (text === undefined) {
    text = isoDateOf(new Date(n * 86_400_000));
    if (dayTexts.size > 20_000) dayTexts.clear();
    dayTexts.set(n, text);
  }
  return text;
}

/** Whether day number `n` lies in a year 1000-9999 (plainDayText). */
export function isPlainDay(n: number): boolean {
  return isPlainInstant(n * 86_400_000);
}

/** The digit at `i` of `s` (NaN for any other character). */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/**
 * `Date.UTC` of the date `YYYY-MM-DD` at `hour`:`minute` (the numbers `+date.slice(..)` reads),
 * read digit by digit: no substrings per meeting. The wall time of a zone written as a UTC
 * instant, or (hour and minute 0) the day number times a day.
 */
export function utcOfWall(date: string, hour: number, minute: number): number {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
    const m = digit(date, 5) * 10 + digit(date, 6);
    const d = digit(date, 8) * 10 + digit(date, 9);
    if (y === y && m === m && d === d) return Date.UTC(y, m - 1, d, hour, minute);
  }
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), hour, minute);
}

/** The whole days from `a` to `b` (negative when `b` is earlier; calendar arithmetic, no zone involved). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
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

const CLOCK_RE = /^(\d{1,2}):([0-5]\d)$/;

/**
 * A time of day as people write it, `HH:mm` or `H:mm` ("8:00" is 08:00), in the one written form
 * `HH:mm`, or undefined when it is not a time of day (00:00-23:59; `allow24`: 24:00 too, as the
 * end of a window). Every time tcon reads (slots, one-offs, moves, windows, half days, --earliest)
 * goes through here, so "8:00" means the same everywhere.
 */
export function normalizeClock(text: string, opts: { allow24?: boolean } = {}): string | undefined {
  const m = CLOCK_RE.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  if (h > 24 || (h === 24 && (!opts.allow24 || m[2] !== '00'))) return undefined;
  return clockText(h * 60 + Number(m[2]));
}

/** Minutes since midnight as "HH:mm": 480 → "08:00", 1440 → "24:00". The one minutes→HH:mm. */
export function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A UTC offset in minutes as "+05:30" ("+0530" with `separator` ''). */
export function offsetClock(minutes: number, separator = ':'): string {
  return `${minutes < 0 ? '-' : '+'}${clockText(Math.abs(minutes)).replace(':', separator)}`;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const WEEKDAYS_LONG = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** The wall fields a date is said from (a luxon DateTime in its zone has them). */
export interface WallDay {
  year: number;
  month: number;
  day: number;
  /** 1 = Monday ... 7 = Sunday (ISO, as luxon's `weekday`). */
  weekday: number;
}

/**
 * "Tue 16 Mar 2027" (`year: false`: "Tue 16 Mar"). Written by hand, not by ICU: months are three
 * letters everywhere ("Sep", where ICU's en-GB says "Sept"), whatever the machine's locale.
 */
export function dayText(d: WallDay, opts: { year?: boolean } = {}): string {
  const base = `${WEEKDAYS[d.weekday - 1]} ${d.day} ${MONTHS[d.month - 1]}`;
  return opts.year === false ? base : `${base} ${d.year}`;
}

/** "Thursday" (1 = Monday). */
export function weekdayName(weekday: number): string {
  return WEEKDAYS_LONG[weekday - 1]!;
}

/** "August" (1 = January). */
export function monthName(month: number): string {
  return MONTHS_LONG[month - 1]!;
}

/** "Sep" (1 = January). */
export function monthShort(month: number): string {
  return MONTHS[month - 1]!;
}

/** A wall date and time, as a DateTime in its zone has it. */
export interface WallTime extends WallDay {
  hour: number;
  minute: number;
}

const hhmm = (t: WallTime) => clockText(t.hour * 60 + t.minute);

/**
 * Where a moved meeting was, said from where it is (both wall times in the group's zone): "moved
 * from 08:00" (the same day), "moved from Thursday" (the same week, the same time), "moved from
 * Thursday 16:00", else "moved from Thu 11 Mar" (with the time when it differs).
 */
export function movedFromText(was: WallTime, now: WallTime): string {
  const days = Math.round((Date.UTC(now.year, now.month - 1, now.day) - Date.UTC(was.year, was.month - 1, was.day)) / 86_400_000);
  const time = hhmm(was) === hhmm(now) ? '' : ` ${hhmm(was)}`;
  if (days === 0) return `moved from ${hhmm(was)}`;
  if (Math.abs(days) < 7 && was.weekday !== now.weekday) return `moved from ${weekdayName(was.weekday)}${time}`;
  return `moved from ${dayText(was, { year: was.year !== now.year })}${time}`;
}

/** The ISO weekday of a date: 1 = Monday ... 7 = Sunday (calendar arithmetic, no zone involved). */
export function isoWeekday(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}
