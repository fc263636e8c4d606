import type Holidays from 'date-holidays';
import { isHolidayCountry } from '../config/holiday-countries.js';
import { offsetAt } from '../schedule/zoned.js';
import type { HolidayKind, IsoDate } from '../schedule/types.js';
import { officialSource } from './sources.js';
import { countryOfZone } from './zones.js';

/*
 * Holidays by country (ISO 3166) or country-subdivision ("US-CA"), computed once per country
 * and year and looked up by local date. Pure: the data ships with the packages; nothing here
 * reads the clock or the machine's zone.
 *
 * Sources (docs/holidays.md): date-holidays for every country; for CN and KR, in the years
 * their official source lists, that source's days off replace date-holidays' public holidays
 * (date-holidays computes the statutory days from rules and cannot know the yearly arrangements:
 * China's bridge days and make-up working days, Korea's election days). date-holidays' other
 * kinds (partial-population days, observances) are kept.
 *
 * date-holidays' traps: a day off for part of the population only (China's Women's Day, Youth
 * Day, Army Day, Children's Day) is typed `public` with the population in `note`: those notes
 * make it `partial` here. A half day (Germany's Christmas Eve from 14:00) starts at that time on
 * its date (`start`), and the whole days after it count whole.
 *
 * date-holidays is not imported here (only its type): loading it costs about 0.15 s and
 * computing a year of Taiwan's lunar holidays as much again, so the calendar takes a loader it
 * calls on the first year it must compute, and a store (HolidayStore) of years computed before:
 * the CLI keeps one on disk (src/adapters/holiday-cache.ts), and a run whose years are all in it
 * never loads date-holidays. `createHolidayCalendar()` (date-holidays.ts) is the calendar without
 * a store.
 */

/** The date-holidays class (its default export). */
export type DateHolidays = typeof Holidays;

/**
 * What one year of a country holds here, and what tcon makes of date-holidays' entries: bump it
 * when that changes (PARTIAL_NOTES, fromDateHolidays, the official sources' merging or names in
 * sources.ts, the fields of Holiday), so that a stored year of the old making is not used.
 */
export const HOLIDAY_DATA_VERSION = 1;

export interface Holiday {
  /** Country or country-subdivision code, as configured ("US", "US-CA"). */
  country: string;
  /** The local date in that country. */
  date: IsoDate;
  /** English name. */
  name: string;
  /** Its kind: public, bank, optional, observance, school, partial. */
  type: HolidayKind;
  /** Local `HH:mm` a day off that begins during the day begins at (a half day); undefined: all day. */
  start: string | undefined;
  /** Who a partial-population day is for ("Women"), when known. */
  note: string | undefined;
  /** Where it comes from: a package (date-holidays, chinese-days, ...) or the config file of a correction. */
  source: string;
}

/** A make-up working day of an official swap (a weekend day worked for a bridge day off). */
export interface MakeUpDay {
  country: string;
  date: IsoDate;
  name: string;
  source: string;
}

/** Which source serves a country's year, and why not the official one when there is one. */
export interface DataSource {
  source: string;
  note: string | undefined;
}

export interface HolidayCalendar {
  /** Whether the country (and subdivision) is known: date-holidays knows it. */
  isKnown(country: string): boolean;
  /** Every holiday of `country` on a local date, of every kind, as the data has it (no corrections). */
  holidays(country: string, date: IsoDate): readonly Holiday[];
  /** A make-up working day of `country` on a local date, from the data. */
  workday(country: string, date: IsoDate): MakeUpDay | undefined;
  /** The source of a country's holidays in a year. */
  sourceOf(country: string, year: number): DataSource;
  /** The zone a country's dates are read in (its first zone). */
  zoneOf(country: string): string;
  /** The country of an IANA zone or link (tz database names, see zones.ts). */
  countryOfZone(zone: string): string | undefined;
}

const DAY = 86_400_000;

/**
 * date-holidays notes that make a `public` holiday a day off for part of the population only
 * (the State Council's 全国年节及纪念日放假办法, article 3, for China's four).
 */
const PARTIAL_NOTES = new Set([
  'Women',
  'Youth from the age of 14 to 28',
  'Children below the age of 14',
  'Military personnel in active service',
  'only for women',
  'For Muslim',
  'For all persons belonging to the Islamic faith.',
  'private sector',
]);

function split(code: string): [string, string | undefined] {
  const i = code.indexOf('-');
  return i < 0 ? [code, undefined] : [code.slice(0, i), code.slice(i + 1)];
}

function addDays(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

const dayNames = new Map<number, IsoDate>();

/** The local calendar date in `zone` at instant `ms`. */
export function localDate(ms: number, zone: string): IsoDate {
  const day = Math.floor((ms + offsetAt(zone, ms) * 60_000) / DAY);
  let name = dayNames.get(day);
  if (name === undefined) {
    name = new Date(day * DAY).toISOString().slice(0, 10);
    dayNames.set(day, name);
  }
  return name;
}

interface YearData {
  holidays: Map<IsoDate, Holiday[]>;
  workdays: Map<IsoDate, MakeUpDay>;
  source: DataSource;
}

/** A country's year as stored: every holiday of every kind (no corrections), the make-up working days, the source. */
export interface HolidayYear {
  holidays: Holiday[];
  workdays: MakeUpDay[];
  source: DataSource;
}

/**
 * Years computed before (by country or subdivision code and year), and the zone a country's
 * dates are read in: the calendar reads them instead of computing, and hands what it computes
 * to `put`. Everything it holds is what date-holidays and the official sources give: a store
 * never changes a result, only how long it takes.
 */
export interface HolidayStore {
  year(code: string, year: number): HolidayYear | undefined;
  zone(code: string): string | undefined;
  put(code: string, year: number, data: HolidayYear, zone: string): void;
}

interface DhHoliday {
  date: string;
  start: Date;
  end: Date;
  name: string;
  type: string;
  note?: string;
}

/**
 * Holidays of every country date-holidays knows; each country's years are computed on first use
 * (or read from `store`). `load` gives the date-holidays class; it is called only when a year or
 * a zone is not in the store. Which countries are known comes from the list kept in the code
 * (config/holiday-countries.ts, checked against date-holidays by a test).
 */
export function holidayCalendar(load: () => DateHolidays, store?: HolidayStore): HolidayCalendar {
  const engines = new Map<string, Holidays | null>();
  const byYear = new Map<string, YearData>();
  let Engine: DateHolidays | undefined;

  function engine(code: string): Holidays | null {
    let e = engines.get(code);
    if (e !== undefined) return e;
    const [c, s] = split(code);
    e = null;
    if (isHolidayCountry(code)) {
      Engine ??= load();
      e = s === undefined ? new Engine(c, { languages: ['en'] }) : new Engine(c, s, { languages: ['en'] });
    }
    engines.set(code, e);
    return e;
  }

  function zoneOf(code: string): string {
    const stored = store?.zone(code);
    if (stored !== undefined) return stored;
    return engine(code)?.getTimezones()[0] ?? 'UTC';
  }

  /** A stored year as the lookups want it: holidays by date, in the order they were stored. */
  function fromStore(data: HolidayYear): YearData {
    const holidays = new Map<IsoDate, Holiday[]>();
    for (const h of data.holidays) {
      const day = holidays.get(h.date);
      if (day) day.push(h);
      else holidays.set(h.date, [h]);
    }
    return { holidays, workdays: new Map(data.workdays.map((w) => [w.date, w])), source: data.source };
  }

  /** date-holidays' entries of a year, one per date they cover. */
  function fromDateHolidays(code: string, y: number): Holiday[] {
    const e = engine(code);
    if (!e) return [];
    const out: Holiday[] = [];
    for (const h of e.getHolidays(y, 'en') as DhHoliday[]) {
      const first = h.date.slice(0, 10);
      const time = h.date.slice(11, 16);
      const type: HolidayKind = h.note && PARTIAL_NOTES.has(h.note) ? 'partial' : (h.type as HolidayKind);
      // A holiday of several days (start..end) covers each of its dates; one that begins during
      // the day (14:00) is a half day on its first date.
      // Rounded: a day with a DST change is 23 or 25 hours long; a half day rounds to none, so one.
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY));
      for (let i = 0; i < days; i++) {
        const start = i === 0 && time && time !== '00:00' ? time : undefined;
        out.push({ country: code, date: addDays(first, i), name: h.name, type, start, note: h.note, source: 'date-holidays' });
      }
    }
    return out;
  }

  function year(code: string, y: number): YearData {
    const key = `${code}/${y}`;
    let data = byYear.get(key);
    if (data) return data;
    const stored = store?.year(code, y);
    if (stored) {
      data = fromStore(stored);
      byYear.set(key, data);
      return data;
    }
    const [country, sub] = split(code);
    const official = officialSource(country);
    const arranged = official?.year(y);
    let list = fromDateHolidays(code, y);
    const workdays = new Map<IsoDate, MakeUpDay>();
    let source: DataSource = { source: 'date-holidays', note: undefined };
    if (official && arranged) {
      // The official days off replace date-holidays' public holidays of the country; a
      // subdivision's own public holidays (those its country has not) stay.
      const national = sub === undefined ? undefined : new Set(fromDateHolidays(country, y).map((h) => `${h.date} ${h.name}`));
      list = list.filter((h) => h.type !== 'public' || (national !== undefined && !national.has(`${h.date} ${h.name}`)));
      for (const d of arranged.holidays)
        list.push({ country: code, date: d.date, name: d.name, type: 'public', start: undefined, note: undefined, source: official.id });
      for (const d of arranged.workdays) workdays.set(d.date, { country: code, date: d.date, name: d.name, source: official.id });
      source = { source: official.id, note: undefined };
    } else if (official) {
      const last = official.years[official.years.length - 1];
      source = {
        source: 'date-holidays',
        note: `${official.id} has no ${y} arrangement${last !== undefined && y > last ? ` yet; its last year is ${last}` : ''}`,
      };
    }
    const holidays = new Map<IsoDate, Holiday[]>();
    for (const h of list) {
      const day = holidays.get(h.date) ?? [];
      if (!day.some((x) => x.name === h.name)) day.push(h);
      holidays.set(h.date, day);
    }
    data = { holidays, workdays, source };
    byYear.set(key, data);
    if (isHolidayCountry(code)) store?.put(code, y, { holidays: [...holidays.values()].flat(), workdays: [...workdays.values()], source }, zoneOf(code));
    return data;
  }

  const none: readonly Holiday[] = [];
  return {
    isKnown: isHolidayCountry,
    // A holiday of several days that starts in December and runs into January is only found in
    // its first year: date-holidays lists none such among public holidays.
    holidays: (code, date) => (isHolidayCountry(code) ? (year(code, Number(date.slice(0, 4))).holidays.get(date) ?? none) : none),
    workday: (code, date) => (isHolidayCountry(code) ? year(code, Number(date.slice(0, 4))).workdays.get(date) : undefined),
    sourceOf: (code, y) => year(code, y).source,
    zoneOf,
    countryOfZone,
  };
}
