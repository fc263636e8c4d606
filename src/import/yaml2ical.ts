import { DateTime } from 'luxon';
import { isMap, isSeq } from 'yaml';
import { readYaml, type ConfigProblem, type Path } from '../config/problems.js';
import { addDays, isIsoDate, isoWeekday } from '../schedule/dates.js';
import { WEEKDAY_NAMES, type Weekday } from '../schedule/phrases.js';
import type { IsoDate, Window } from '../schedule/types.js';

/*
 * yaml2ical's meeting files (OpenStack's irc-meetings and the registries that copied it), read
 * as yaml2ical reads them, and their meetings as yaml2ical means them. The rules follow
 * yaml2ical's own code (yaml2ical/meeting.py, recurrence.py and ical.py, up to its last release):
 *
 * - `time` is HHMM in UTC, read with strptime('%H%M'): '600' is 06:00; `duration` minutes,
 *   default 60; `start_date` YYYYMMDD, "the date the first meeting takes place on or after"
 *   (without it yaml2ical counts from the day it runs); `skip_dates` are {skip_date, reason}.
 * - Frequencies are ISO week numbers (recurrence.py, next_occurence): `biweekly-odd` meets in
 *   weeks with isoweek % 2 == 1, `biweekly-even` % 2 == 0, `quadweekly` % 4 == 0,
 *   `quadweekly-week-N` % 4 == N, `quadweekly-alternate` % 4 == 2; `first-monday`... the first
 *   such weekday of a month; `adhoc` has no meeting at all.
 * - Trap 1, the feed: ical.py writes DTSTART = next_occurence(start_date) and an RRULE of
 *   FREQ=WEEKLY;INTERVAL=2 (biweekly) or INTERVAL=4 (quadweekly). Counting every 2 or 4 weeks is
 *   not counting ISO week numbers: after a year with 53 ISO weeks (2015, 2020, 2026, 2032...)
 *   the feed falls in the other weeks until the next one ("All alternating meetings suffer from
 *   a problem when years include an ISO week 53", yaml2ical's README). The import keeps the ISO
 *   meaning (what the registry says and its website shows) and says where the feed differs.
 * - Trap 2, monthly: MonthlyRecurrence.next_occurence returns the first weekday of the month
 *   *after* the date it is given, so the feed of `first-monday` from 2027-01-01 starts in
 *   February, even though 2027-01-04 is on or after start_date. Said the same way.
 * - Trap 3, skips: an EXDATE at skip_date + time; a skip_date that is no meeting of its schedule
 *   changes nothing in yaml2ical (a `skip` in tcon would be an error): left out, and said.
 *
 * Weeks here are computed with luxon's ISO week numbers, not with tcon's rule engine (rrule's
 * BYWEEKNO, tcon's own isoWeek), so that the import's check compares two computations.
 */

export type Frequency =
  | 'weekly'
  | 'biweekly-odd'
  | 'biweekly-even'
  | 'quadweekly'
  | 'quadweekly-week-1'
  | 'quadweekly-week-2'
  | 'quadweekly-week-3'
  | 'quadweekly-alternate'
  | 'first-monday'
  | 'first-tuesday'
  | 'first-wednesday'
  | 'first-thursday'
  | 'first-friday'
  | 'adhoc';

export const FREQUENCIES: readonly Frequency[] = [
  'weekly',
  'biweekly-odd',
  'biweekly-even',
  'quadweekly',
  'quadweekly-week-1',
  'quadweekly-week-2',
  'quadweekly-week-3',
  'quadweekly-alternate',
  'first-monday',
  'first-tuesday',
  'first-wednesday',
  'first-thursday',
  'first-friday',
  'adhoc',
];

const DAY_NAMES: Record<string, Weekday> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
};

const ISO_WEEKDAY: Record<Weekday, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };

export interface Y2Skip {
  date: IsoDate;
  reason: string;
}

export interface Y2Schedule {
  /** Position in the file's `schedule:` list. */
  index: number;
  /** `HH:mm`, UTC. */
  time: string;
  /** The file's text of it (`'600'`), for comments. */
  timeText: string;
  day: Weekday;
  irc: string;
  frequency: Frequency;
  duration: number;
  durationGiven: boolean;
  startDate: IsoDate | undefined;
  skips: Y2Skip[];
  /** Keys yaml2ical does not read, kept as notes. */
  extras: Record<string, unknown>;
}

export interface Y2Meeting {
  /** The file, as given (for messages), and its name without `.yaml`. */
  file: string;
  name: string;
  project: string;
  chair: string;
  description: string;
  /** Every other top-level key (agenda_url, project_url, meeting_id, ...). */
  extras: Record<string, unknown>;
  schedules: Y2Schedule[];
}

const SCHEDULE_KEYS = new Set(['time', 'day', 'irc', 'frequency', 'duration', 'start_date', 'skip_dates']);

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** YYYYMMDD (a string or the number YAML reads it as) → YYYY-MM-DD, or undefined. */
function yyyymmdd(v: unknown): IsoDate | undefined {
  const t = text(v);
  if (t === undefined || !/^\d{8}$/.test(t)) return undefined;
  const date = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;
  return isIsoDate(date) ? date : undefined;
}

/** HHMM as strptime('%H%M') reads it: '600' and '0600' are 06:00, '1400' is 14:00. */
export function readHhmm(v: unknown): string | undefined {
  const t = text(v);
  const m = t === undefined ? null : /^(\d{1,2})(\d{2})$/.exec(t);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

/**
 * Reads one yaml2ical meeting file. Pure: text in, the meeting or every problem out, each with
 * its file, line and field (yaml2ical itself stops at the first, with a Python traceback).
 */
export function readYaml2icalMeeting(source: string, file: string, name: string): { meeting?: Y2Meeting; problems: ConfigProblem[] } {
  const { doc, map, problems, data } = readYaml(source, file);
  if (problems.length) return { problems };
  const out: ConfigProblem[] = [];
  const bad = (path: Path, message: string, key = false) => out.push(map.problem(path, message, { key }));
  if (!data || typeof data !== 'object' || Array.isArray(data) || !isMap(doc.contents)) {
    return { problems: [map.problem([], 'not a yaml2ical meeting: expected a mapping with project, chair, description and schedule')] };
  }
  const raw = data as Record<string, unknown>;
  const str = (key: string): string => {
    const v = raw[key];
    if (v === undefined || v === null) bad([], `missing "${key}" (yaml2ical needs project, chair, description and schedule)`);
    else if (typeof v !== 'string' && typeof v !== 'number') bad([key], `"${key}" must be text`);
    else return String(v);
    return '';
  };
  const project = str('project');
  const chair = str('chair');
  const description = str('description');
  const extras: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!['project', 'chair', 'description', 'schedule'].includes(k)) extras[k] = v;
  const schedules: Y2Schedule[] = [];
  const list = raw.schedule;
  if (list === undefined || list === null) bad([], 'missing "schedule" (a list of { time, day, irc, frequency })');
  else if (!Array.isArray(list) || !isSeq(doc.get('schedule', true))) bad(['schedule'], '"schedule" must be a list of { time, day, irc, frequency }');
  else
    list.forEach((item, i) => {
      const s = readSchedule(item, i, bad);
      if (s) schedules.push(s);
    });
  if (out.length) return { problems: out };
  return { meeting: { file, name, project, chair, description, extras, schedules }, problems: [] };
}

function readSchedule(item: unknown, index: number, bad: (path: Path, message: string, key?: boolean) => void): Y2Schedule | undefined {
  const path: Path = ['schedule', index];
  if (!item || typeof item !== 'object' || Array.isArray(item)) {
    bad(path, 'a schedule entry must be a mapping { time, day, irc, frequency }');
    return undefined;
  }
  const s = item as Record<string, unknown>;
  let ok = true;
  for (const key of ['time', 'day', 'irc', 'frequency']) {
    if (s[key] === undefined || s[key] === null) {
      bad(path, `missing "${key}" (yaml2ical needs time, day, irc and frequency)`);
      ok = false;
    }
  }
  const time = s.time === undefined || s.time === null ? undefined : readHhmm(s.time);
  if (s.time !== undefined && s.time !== null && !time) {
    bad([...path, 'time'], `time ${JSON.stringify(s.time)} is not HHMM in UTC (such as '1400' or '600')`);
    ok = false;
  }
  const dayText = text(s.day);
  const day = dayText === undefined ? undefined : DAY_NAMES[dayText.trim().toLowerCase()];
  if (s.day !== undefined && s.day !== null && !day) {
    bad([...path, 'day'], `day ${JSON.stringify(s.day)} is not a day of the week (Monday ... Sunday)`);
    ok = false;
  }
  const irc = text(s.irc);
  if (s.irc !== undefined && s.irc !== null && (irc === undefined || !irc.trim())) {
    bad([...path, 'irc'], '"irc" must be a channel name');
    ok = false;
  }
  const freqText = text(s.frequency);
  const frequency = FREQUENCIES.find((f) => f === freqText);
  if (s.frequency !== undefined && s.frequency !== null && !frequency) {
    bad([...path, 'frequency'], `frequency ${JSON.stringify(s.frequency)} is not one yaml2ical knows (${FREQUENCIES.join(', ')})`);
    ok = false;
  }
  const monthly = frequency ? firstWeekday(frequency) : undefined;
  if (monthly && day && monthly !== day) {
    // yaml2ical's DTSTART takes `day`, its RRULE the frequency's weekday: no meaning to keep.
    bad(
      [...path, 'day'],
      `day ${JSON.stringify(s.day)} does not match frequency ${frequency} (yaml2ical's feed would start on a ${dayText} and then meet on the first ${WEEKDAY_NAMES[monthly]} of each month)`,
    );
    ok = false;
  }
  let duration = 60;
  const durationGiven = s.duration !== undefined && s.duration !== null;
  if (durationGiven) {
    const d = Number(text(s.duration));
    if (!Number.isInteger(d) || d <= 0 || d > 24 * 60) {
      bad([...path, 'duration'], `duration ${JSON.stringify(s.duration)} is not a whole number of minutes from 1 to 1440`);
      ok = false;
    } else duration = d;
  }
  let startDate: IsoDate | undefined;
  if (s.start_date !== undefined && s.start_date !== null) {
    startDate = yyyymmdd(s.start_date);
    if (!startDate) {
      bad([...path, 'start_date'], `start_date ${JSON.stringify(s.start_date)} is not a date written YYYYMMDD`);
      ok = false;
    }
  }
  const skips: Y2Skip[] = [];
  if (s.skip_dates !== undefined && s.skip_dates !== null) {
    if (!Array.isArray(s.skip_dates)) {
      bad([...path, 'skip_dates'], '"skip_dates" must be a list of { skip_date, reason }');
      ok = false;
    } else {
      s.skip_dates.forEach((k: unknown, j) => {
        const at: Path = [...path, 'skip_dates', j];
        const entry = k && typeof k === 'object' && !Array.isArray(k) ? (k as Record<string, unknown>) : undefined;
        const date = entry ? yyyymmdd(entry.skip_date) : undefined;
        const reason = entry ? text(entry.reason) : undefined;
        if (!entry || entry.skip_date === undefined || reason === undefined) {
          bad(at, 'a skip date needs skip_date (YYYYMMDD) and reason');
          ok = false;
        } else if (!date) {
          bad([...at, 'skip_date'], `skip_date ${JSON.stringify(entry.skip_date)} is not a date written YYYYMMDD`);
          ok = false;
        } else skips.push({ date, reason });
      });
    }
  }
  const extras: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) if (!SCHEDULE_KEYS.has(k)) extras[k] = v;
  if (!ok || !time || !day || !irc || !frequency) return undefined;
  return { index, time, timeText: String(s.time), day, irc: irc.trim().replace(/^#/, ''), frequency, duration, durationGiven, startDate, skips, extras };
}

/** The ISO week residues (week number mod 4) a frequency meets in; undefined for weekly, monthly and adhoc. */
export function weekResidues(f: Frequency): number[] | undefined {
  switch (f) {
    case 'biweekly-odd':
      return [1, 3];
    case 'biweekly-even':
      return [0, 2];
    case 'quadweekly':
      return [0];
    case 'quadweekly-week-1':
      return [1];
    case 'quadweekly-week-2':
    case 'quadweekly-alternate':
      return [2];
    case 'quadweekly-week-3':
      return [3];
    default:
      return undefined;
  }
}

/** The weekday of `first-<day>`. */
export function firstWeekday(f: Frequency): Weekday | undefined {
  return f.startsWith('first-') ? DAY_NAMES[f.slice(6)] : undefined;
}

/** Whether yaml2ical's rule holds schedule `s`'s meeting on `date` (its day in UTC), skips aside. */
export function meetsOn(s: Y2Schedule, date: IsoDate): boolean {
  if (s.frequency === 'adhoc') return false;
  if (s.startDate && date < s.startDate) return false;
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  if (dt.weekday !== ISO_WEEKDAY[s.day]) return false;
  const residues = weekResidues(s.frequency);
  if (residues) return residues.includes(dt.weekNumber % 4);
  if (s.frequency.startsWith('first-')) return dt.day <= 7;
  return true;
}

export interface SourceMeeting {
  /** Start and end instants, ms since the epoch. */
  start: number;
  end: number;
  /** Its date (UTC), and the schedule it comes from. */
  date: IsoDate;
  schedule: number;
}

function instant(date: IsoDate, hm: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = hm.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, h, min);
}

/**
 * The meetings of schedule `s` within `window` (dates in UTC) as yaml2ical's rules mean them:
 * every date on or after start_date whose ISO week (or day of the month) matches, minus the
 * skip dates. A schedule without start_date has no first date (yaml2ical counts from the day it
 * runs; the registry's meaning has no start).
 */
export function yaml2icalMeetings(s: Y2Schedule, window: Window): SourceMeeting[] {
  const skipped = new Set(s.skips.map((k) => k.date));
  const out: SourceMeeting[] = [];
  const first = s.startDate && s.startDate > window.from ? s.startDate : window.from;
  // Step to the schedule's weekday, then a week at a time.
  let date = addDays(first, (ISO_WEEKDAY[s.day] - isoWeekday(first) + 7) % 7);
  for (; date <= window.to; date = addDays(date, 7)) {
    if (!meetsOn(s, date) || skipped.has(date)) continue;
    const start = instant(date, s.time);
    out.push({ start, end: start + s.duration * 60_000, date, schedule: s.index });
  }
  return out;
}

/**
 * yaml2ical's next_occurence(current, day): the first date on or after `current` with the
 * weekday (weekly); of the matching ISO week parity or residue (biweekly, quadweekly); the first
 * such weekday of the month after `current`'s (monthly, as yaml2ical computes it).
 */
export function nextOccurrence(s: Y2Schedule, current: IsoDate): IsoDate | undefined {
  if (s.frequency === 'adhoc') return undefined;
  const monthly = firstWeekday(s.frequency);
  if (monthly) {
    const [y, m] = current.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    return addDays(next, (ISO_WEEKDAY[monthly] - isoWeekday(next) + 7) % 7);
  }
  let date = addDays(current, (ISO_WEEKDAY[s.day] - isoWeekday(current) + 7) % 7);
  const residues = weekResidues(s.frequency);
  if (!residues) return date;
  while (!residues.includes(DateTime.fromISO(date, { zone: 'utc' }).weekNumber % 4)) date = addDays(date, 7);
  return date;
}

/**
 * The dates yaml2ical's own feed (ical.py) gives schedule `s` within `window`: DTSTART at
 * next_occurence(start_date, or `today` without one), then every 7, 14 or 28 days (weekly,
 * biweekly, quadweekly) or the first such weekday of every month, minus the skip dates.
 */
export function yaml2icalFeedDates(s: Y2Schedule, window: Window, today: IsoDate): IsoDate[] {
  const dtstart = nextOccurrence(s, s.startDate ?? today);
  if (!dtstart) return [];
  const skipped = new Set(s.skips.map((k) => k.date));
  const out: IsoDate[] = [];
  const monthly = firstWeekday(s.frequency);
  if (monthly) {
    for (let month = dtstart.slice(0, 7) + '-01'; month <= window.to;) {
      const d = addDays(month, (ISO_WEEKDAY[monthly] - isoWeekday(month) + 7) % 7);
      if (d >= dtstart && d >= window.from && d <= window.to && !skipped.has(d)) out.push(d);
      const [y, m] = month.split('-').map(Number) as [number, number];
      month = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    }
    return out;
  }
  const step = s.frequency === 'weekly' ? 7 : s.frequency.startsWith('biweekly') ? 14 : 28;
  for (let d = dtstart; d <= window.to; d = addDays(d, step)) if (d >= window.from && !skipped.has(d)) out.push(d);
  return out;
}
