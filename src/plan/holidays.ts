import Holidays from 'date-holidays';
import { data } from 'date-holidays/data';
import { offsetAt } from '../schedule/zoned.js';
import type { IsoDate } from '../schedule/types.js';

/*
 * Public holidays from the date-holidays package, by country (ISO 3166) or country-state
 * ("US-CA"), computed once per country and year and looked up by local date. Pure: the data
 * ships with the package; nothing here reads the clock or the machine's zone.
 */

export interface Holiday {
  /** Country or country-state code, as configured ("US", "US-CA"). */
  country: string;
  /** The local date in that country. */
  date: IsoDate;
  /** English name. */
  name: string;
  /** date-holidays type: public, bank, optional, observance, school. */
  type: string;
}

type HolidayType = 'public' | 'bank' | 'optional' | 'school' | 'observance';
const PUBLIC: readonly HolidayType[] = ['public', 'bank'];
const WITH_OBSERVANCES: readonly HolidayType[] = ['public', 'bank', 'optional', 'observance'];

export interface HolidayCalendar {
  /** Whether date-holidays knows the country (and state). */
  isKnown(country: string): boolean;
  /** The holidays of `country` on a local date: public and bank holidays, and with `observances` also observances and optional ones. */
  on(country: string, date: IsoDate, observances?: boolean): readonly Holiday[];
  /** The zone a country's dates are read in (its first zone). */
  zoneOf(country: string): string;
  /** The country an IANA zone belongs to, when date-holidays lists it. */
  countryOfZone(zone: string): string | undefined;
}

const DAY = 86_400_000;

function split(code: string): [string, string | undefined] {
  const [c, s] = code.split('-');
  return [c!, s];
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

let zoneCountries: Map<string, string> | undefined;

const PUBLIC_SET = new Set<string>(PUBLIC);

/** Holidays of every country date-holidays knows; each country's years are computed on first use. */
export function createHolidayCalendar(): HolidayCalendar {
  const types = new Set<string>(WITH_OBSERVANCES);
  const engines = new Map<string, Holidays | null>();
  const byYear = new Map<string, Map<IsoDate, Holiday[]>>();
  const countries = new Holidays().getCountries('en');

  function engine(code: string): Holidays | null {
    let e = engines.get(code);
    if (e !== undefined) return e;
    const [c, s] = split(code);
    e = null;
    if (countries[c]) {
      if (s === undefined) e = new Holidays(c, { languages: ['en'] });
      else if (new Holidays().getStates(c, 'en')?.[s]) e = new Holidays(c, s, { languages: ['en'] });
    }
    engines.set(code, e);
    return e;
  }

  function year(code: string, y: number): Map<IsoDate, Holiday[]> {
    const key = `${code}/${y}`;
    let m = byYear.get(key);
    if (m) return m;
    m = new Map();
    byYear.set(key, m);
    const e = engine(code);
    if (!e) return m;
    for (const h of e.getHolidays(y, 'en')) {
      if (!types.has(h.type)) continue;
      const first = h.date.slice(0, 10);
      // A holiday of several days (start..end) covers each of its dates.
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY));
      for (let i = 0; i < days; i++) {
        const date = addDays(first, i);
        const list = m.get(date) ?? [];
        if (!list.some((x) => x.name === h.name)) list.push({ country: code, date, name: h.name, type: h.type });
        m.set(date, list);
      }
    }
    return m;
  }

  const none: readonly Holiday[] = [];
  return {
    isKnown: (code) => engine(code) !== null,
    on(code, date, observances = false) {
      const y = Number(date.slice(0, 4));
      // A holiday of several days that starts in December and runs into January is only found
      // in its first year: date-holidays lists none such among public holidays.
      const all = year(code, y).get(date) ?? none;
      return observances ? all : all.filter((h) => PUBLIC_SET.has(h.type));
    },
    zoneOf(code) {
      return engine(code)?.getTimezones()[0] ?? 'UTC';
    },
    countryOfZone(zone) {
      if (!zoneCountries) {
        // Built once from the package's data: every country's zones, then its states' zones.
        // The first country listing a zone wins (countries are in code order).
        zoneCountries = new Map();
        for (const [c, region] of Object.entries(data.holidays)) {
          for (const z of region.zones ?? []) if (!zoneCountries.has(z)) zoneCountries.set(z, c);
        }
        for (const [c, region] of Object.entries(data.holidays)) {
          for (const state of Object.values(region.states ?? {})) for (const z of state.zones ?? []) if (!zoneCountries.has(z)) zoneCountries.set(z, c);
        }
      }
      return zoneCountries.get(zone);
    },
  };
}
