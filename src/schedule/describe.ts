/*
 * A normalised RRULE in words, as tcon understood it: "3rd Tuesday of every month", "every other
 * Wednesday from 2027-01-06", "2nd and 4th Tuesday of every month". Every output that shows a
 * series says its rule this way, whether the config wrote a phrase or an RRULE.
 *
 * The words are themselves phrases tcon reads (phrases.ts), so a description can be pasted back
 * into a config; the tests check that it reads back to the same dates. A rule whose parts this
 * module does not know how to say (BYYEARDAY, BYSETPOS with ordinals, ...) is shown as its RRULE
 * rather than in words that might say something else.
 */
import { addDays, isoWeekday } from './dates.js';
import { joinAnd, MONTH_NAMES, ordinalText, ORDINAL_WORDS, WEEKDAY_NAMES, WEEKDAYS, type Weekday } from './phrases.js';
import { expandDates, ruleParts } from './recurrence.js';
import type { IsoDate } from './types.js';

interface DayPart {
  n: number | undefined;
  wd: Weekday;
}

const WORKWEEK = 'MO,TU,WE,TH,FR';
const KNOWN = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYWEEKNO', 'BYSETPOS', 'WKST']);

const numbers = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map(Number));

function dayParts(v: string | undefined): DayPart[] | undefined {
  if (v === undefined) return undefined;
  return v.split(',').map((d) => {
    const m = /^([+-]?\d+)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d)!;
    return { n: m[1] === undefined ? undefined : Number(m[1]), wd: m[2] as Weekday };
  });
}

/** "Tuesday", "Tuesday and Thursday", "weekday" (Monday to Friday). */
function daysText(days: readonly Weekday[]): string {
  const sorted = [...new Set(days)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  return sorted.join() === WORKWEEK ? 'weekday' : joinAnd(sorted.map((d) => WEEKDAY_NAMES[d]));
}

const ordRank = (n: number) => (n > 0 ? n : 10 + n);

/** "3rd Tuesday", "2nd and 4th Tuesday", "1st Monday and 3rd Thursday", "last Friday". */
function nthText(parts: readonly DayPart[]): string {
  const ords = new Map<Weekday, number[]>();
  for (const p of parts) ords.set(p.wd, [...(ords.get(p.wd) ?? []), p.n!]);
  // Weekdays that share the same ordinals are said together: "2nd and 4th Tuesday and Thursday".
  const groups: { ns: number[]; days: Weekday[] }[] = [];
  for (const wd of WEEKDAYS) {
    const ns = ords.get(wd);
    if (!ns) continue;
    const sorted = [...new Set(ns)].sort((a, b) => ordRank(a) - ordRank(b));
    const same = groups.find((g) => g.ns.join() === sorted.join());
    if (same) same.days.push(wd);
    else groups.push({ ns: sorted, days: [wd] });
  }
  groups.sort((a, b) => ordRank(a.ns[0]!) - ordRank(b.ns[0]!));
  return groups.map((g) => `${joinAnd(g.ns.map(ordinalText))} ${joinAnd(g.days.map((d) => WEEKDAY_NAMES[d]))}`).join(' and ');
}

/** "every month", "every other month", "every third month", "January and July". */
function monthsText(interval: number, months: number[] | undefined): string | undefined {
  if (months) return interval === 1 ? joinAnd(months.map((m) => MONTH_NAMES[m - 1]!)) : undefined;
  return `every ${everyNth(interval, 'month')}`;
}

/** "month", "other month", "third month", "13 months". */
function everyNth(n: number, unit: string): string {
  if (n === 1) return unit;
  if (n === 2) return `other ${unit}`;
  return n <= ORDINAL_WORDS.length ? `${ORDINAL_WORDS[n - 1]} ${unit}` : `${n} ${unit}s`;
}

/** "the 15th", "the 1st and 15th", "the last day", "the 1st and last day". */
function monthDaysText(days: readonly number[]): string {
  const pos = days.filter((d) => d > 0).sort((a, b) => a - b);
  const neg = days.filter((d) => d < 0).sort((a, b) => a - b);
  const items = [...pos.map(ordinalText), ...neg.map((d) => ordinalText(d))];
  return `the ${joinAnd(items)}${neg.length ? ' day' : ''}`;
}

const dayOfMonth = (date: IsoDate) => Number(date.slice(8, 10));
const monthOf = (date: IsoDate) => Number(date.slice(5, 7));
const weekdayOf = (date: IsoDate): Weekday => WEEKDAYS[isoWeekday(date) - 1]!;

/**
 * The rule in words. `from` (the series' first date) anchors rules with an interval: they are
 * said with their first meeting ("every other Wednesday from 2027-01-06"); without an explicit
 * weekday or day of month, the rule repeats `from`'s.
 */
export function describeRule(rule: string, from?: IsoDate): string {
  return inWords(rule, from) ?? `RRULE ${rule}`;
}

function inWords(rule: string, from: IsoDate | undefined): string | undefined {
  const p = ruleParts(rule);
  if ([...p.keys()].some((k) => !KNOWN.has(k))) return undefined;
  const freq = p.get('FREQ');
  const interval = Number(p.get('INTERVAL') ?? '1');
  let byday = dayParts(p.get('BYDAY'));
  const monthdays = numbers(p.get('BYMONTHDAY'));
  const months = numbers(p.get('BYMONTH'));
  const weeknos = numbers(p.get('BYWEEKNO'));
  const setpos = numbers(p.get('BYSETPOS'));
  // Weeks start on Monday unless WKST says otherwise; that moves the weeks an interval or a week
  // number counts, which the words below do not say.
  if ((p.get('WKST') ?? 'MO') !== 'MO' && (weeknos || (freq === 'WEEKLY' && interval > 1))) return undefined;
  const plain = byday?.every((d) => d.n === undefined) ?? true;
  const first = () => {
    if (interval === 1 || !from) return '';
    const span = { DAILY: 1, WEEKLY: 7, MONTHLY: 31, YEARLY: 366 }[freq ?? 'YEARLY'] ?? 366;
    const date = expandDates(rule, from, from, addDays(from, span * interval * 2 + 400))[0];
    return date ? ` from ${date}` : '';
  };

  switch (freq) {
    case 'DAILY': {
      if (monthdays || weeknos || setpos || !plain) return undefined;
      if (byday) return interval === 1 && !months ? `every ${daysText(byday.map((d) => d.wd))}` : undefined;
      const inMonths = months ? ` in ${joinAnd(months.map((m) => MONTH_NAMES[m - 1]!))}` : '';
      return `every ${interval === 1 ? 'day' : interval === 2 ? 'other day' : `${interval} days`}${inMonths}${first()}`;
    }
    case 'WEEKLY': {
      if (monthdays || weeknos || setpos || !plain) return undefined;
      if (!byday) {
        if (!from) return interval === 1 ? 'every week, on the weekday of its first date' : undefined;
        byday = [{ n: undefined, wd: weekdayOf(from) }];
      }
      const days = byday.map((d) => d.wd);
      const inMonths = months ? ` in ${joinAnd(months.map((m) => MONTH_NAMES[m - 1]!))}` : '';
      const text = daysText(days);
      // Not "every other weekday": that reads as alternate working days.
      const head =
        interval === 1
          ? `every ${text}`
          : text === 'weekday'
            ? `every ${interval === 2 ? 'other week' : `${interval} weeks`} on weekdays`
            : interval === 2
              ? `every other ${text}`
              : `every ${interval} weeks on ${text}`;
      return `${head}${inMonths}${first()}`;
    }
    case 'MONTHLY': {
      if (weeknos) return undefined;
      const scope = monthsText(interval, months);
      if (!scope) return undefined;
      const cycle = cycleMonths(rule, interval, from, months);
      if (byday && !monthdays) {
        if (setpos) {
          if (!plain) return undefined;
          const days = byday.map((d) => d.wd);
          if (new Set(days).size !== 1 && daysText(days) !== 'weekday') return undefined;
          return `${joinAnd([...setpos].sort((a, b) => ordRank(a) - ordRank(b)).map(ordinalText))} ${daysText(days)} of ${scope}${cycle}${first()}`;
        }
        if (plain) {
          const every = `every ${daysText(byday.map((d) => d.wd))}`;
          if (months) return `${every} in ${scope}`;
          return interval === 1 ? every : `${every} of ${scope}${cycle}${first()}`;
        }
        if (byday.some((d) => d.n === undefined || Math.abs(d.n) > 5)) return undefined;
        return `${nthText(byday)} of ${scope}${cycle}${first()}`;
      }
      if (setpos || byday) return undefined;
      const days = monthdays ?? (from ? [dayOfMonth(from)] : undefined);
      if (!days) return interval === 1 && !months ? 'every month, on the day of the month of its first date' : undefined;
      return `${monthDaysText(days)} of ${scope}${cycle}${lateDays(days)}${first()}`;
    }
    case 'YEARLY': {
      if (interval !== 1 || setpos) return undefined;
      if (weeknos) {
        if (!byday || !plain || months || monthdays) return undefined;
        return `every ${daysText(byday.map((d) => d.wd))} in ${weekNumbersText(weeknos)}`;
      }
      if (!months) {
        // Without BYMONTH a yearly BYDAY or BYMONTHDAY spans the whole year (RFC 5545 3.3.10):
        // every Monday, the 15th of every month; an ordinal counts within the year.
        if (byday && !monthdays) return plain ? `every ${daysText(byday.map((d) => d.wd))}` : undefined;
        if (monthdays && !byday) return `${monthDaysText(monthdays)} of every month${lateDays(monthdays)}`;
        if (byday || monthdays || !from) return undefined;
        return `${monthDaysText([dayOfMonth(from)])} of ${MONTH_NAMES[monthOf(from) - 1]!}${lateDays([dayOfMonth(from)])}`;
      }
      const scope = joinAnd(months.map((m) => MONTH_NAMES[m - 1]!));
      if (byday && !monthdays) {
        if (plain) return `every ${daysText(byday.map((d) => d.wd))} in ${scope}`;
        if (byday.some((d) => d.n === undefined || Math.abs(d.n) > 5)) return undefined;
        return `${nthText(byday)} of ${scope}`;
      }
      if (byday) return undefined;
      const days = monthdays ?? (from ? [dayOfMonth(from)] : undefined);
      return days ? `${monthDaysText(days)} of ${scope}${lateDays(days)}` : undefined;
    }
    default:
      return undefined;
  }
}

/** For a monthly interval that divides the year: the months it falls in, from its first meeting. */
function cycleMonths(rule: string, interval: number, from: IsoDate | undefined, months: number[] | undefined): string {
  if (interval === 1 || months || 12 % interval !== 0 || !from) return '';
  const date = expandDates(rule, from, from, addDays(from, 31 * interval * 2 + 400))[0];
  if (!date) return '';
  const start = monthOf(date);
  const list = Array.from({ length: 12 / interval }, (_, k) => ((start - 1 + k * interval) % 12) + 1).sort((a, b) => a - b);
  return ` (${joinAnd(list.map((m) => MONTH_NAMES[m - 1]!))})`;
}

function lateDays(days: readonly number[]): string {
  const late = Math.max(...days);
  return late > 28 ? ` (no meeting in months without a ${ordinalText(late)})` : '';
}

function weekNumbersText(weeks: readonly number[]): string {
  const sorted = [...weeks].sort((a, b) => a - b).join();
  const odd = Array.from({ length: 27 }, (_, i) => 2 * i + 1).join();
  const even = Array.from({ length: 26 }, (_, i) => 2 * i + 2).join();
  if (sorted === odd) return 'odd ISO weeks';
  if (sorted === even) return 'even ISO weeks';
  return `ISO week${weeks.length > 1 ? 's' : ''} ${joinAnd(weeks.map(String))}`;
}
