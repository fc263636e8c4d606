import { inBlackout, type Blackout, type Secretariat } from '../config/secretariat.js';
import { inDateRange } from '../schedule/dates.js';
import type { Group, HolidayCorrection, HolidayKind, HolidayPolicy, IsoDate, Member, Occurrence } from '../schedule/types.js';
import { offsetAt } from '../schedule/zoned.js';
import { localDate, type Holiday, type HolidayCalendar } from './holidays.js';
import { zoneCountry } from './zones.js';

/** A place whose holidays a group observes: a country read in one of its zones. */
export interface Place {
  country: string;
  zone: string;
  /** Why: "group", "secretariat", or the members it stands for. */
  why: string[];
  /** The corrections that concern this country (its own, and its country's for a subdivision), in order. */
  corrections: HolidayCorrection[];
}

/** A member whose holidays cannot be known, and why. */
export interface MemberWithoutCountry {
  member: Member;
  /**
   * - `no-zone`: neither a country, a region mapped to countries, nor a zone;
   * - `no-country`: the zone names no country (Etc/UTC, EST5EDT);
   * - `unknown-zone`: the zone is not in the tz database's names;
   * - `unknown-country`: the zone's country is one the holiday data does not know.
   */
  reason: 'no-zone' | 'no-country' | 'unknown-zone' | 'unknown-country';
  /** The zone's country, for `unknown-country`. */
  country: string | undefined;
}

/** The rules one group is planned by: its settings merged with the secretariat's. */
export interface GroupRules {
  policy: HolidayPolicy;
  /** Step of a shift, in days (7: the same weekday a week later). */
  shiftDays: number;
  places: Place[];
  blackouts: Blackout[];
  /** The kinds of holiday that count. */
  kinds: ReadonlySet<HolidayKind>;
  /** tcon.yaml's corrections, then the group's. */
  corrections: HolidayCorrection[];
  /** Members whose holidays are not observed, for warnings. */
  withoutCountry: MemberWithoutCountry[];
  /** dateIssue results by start and end instant (the same meeting is checked again after each rebuild). */
  cache: Map<string, DateIssue | null>;
}

/** What is wrong with a meeting's date: the holidays and blackouts it falls on. */
export interface DateIssue {
  holidays: Holiday[];
  blackouts: Blackout[];
  /** The policy that applies: the strongest of the group's (holidays) and the blackouts'. */
  policy: HolidayPolicy;
  /** In words, for notes: "Memorial Day (US)", "August break". */
  reason: string;
}

/** Unknown countries, by group, for messages: each configured code date-holidays does not know. */
export function unknownCountries(group: Group, settings: Secretariat, calendar: HolidayCalendar): string[] {
  const codes = new Set([
    ...settings.holidays.countries,
    ...(group.holidays?.countries ?? []),
    ...group.members.flatMap((m) => (m.country ? [m.country] : [])),
    ...(group.holidays?.corrections ?? []).map((c) => c.country),
  ]);
  return [...codes].filter((c) => !calendar.isKnown(c));
}

/** Whether a correction written for `code` concerns `country` (a country's covers its subdivisions). */
export function correctionConcerns(code: string, country: string): boolean {
  return country === code || country.startsWith(`${code}-`);
}

/** The kinds that count: the group's, else tcon.yaml's; `observances: true` adds optional days and observances. */
function kindsOf(group: Group, settings: Secretariat): Set<HolidayKind> {
  const kinds = new Set<HolidayKind>(group.holidays?.kinds ?? settings.holidays.kinds);
  if (group.holidays?.observances ?? settings.holidays.observances) {
    kinds.add('optional');
    kinds.add('observance');
  }
  return kinds;
}

export function groupRules(group: Group, settings: Secretariat, calendar: HolidayCalendar): GroupRules {
  const gh = group.holidays;
  const corrections = [...settings.holidays.corrections, ...(gh?.corrections ?? [])];
  const places = new Map<string, Place>();
  const add = (country: string, zone: string | undefined, why: string) => {
    if (!calendar.isKnown(country)) return;
    const z = zone ?? calendar.zoneOf(country);
    const key = `${country} ${z}`;
    const p = places.get(key) ?? { country, zone: z, why: [], corrections: corrections.filter((c) => correctionConcerns(c.country, country)) };
    if (!p.why.includes(why)) p.why.push(why);
    places.set(key, p);
  };
  for (const c of settings.holidays.countries) add(c, undefined, 'secretariat');
  for (const c of gh?.countries ?? []) add(c, undefined, 'group');
  const withoutCountry: MemberWithoutCountry[] = [];
  if (gh?.members ?? settings.holidays.members) {
    for (const m of group.members) {
      // A member's country: given; else the countries tcon.yaml maps their region to; else the
      // country of their zone (their own, or their region's representative zone).
      const regionCountries = m.region ? settings.holidays.regions[m.region] : undefined;
      if (m.country) add(m.country, m.zone, m.email);
      else if (regionCountries) for (const c of regionCountries) add(c, undefined, m.email);
      else if (!m.zone) withoutCountry.push({ member: m, reason: 'no-zone', country: undefined });
      else {
        const found = zoneCountry(m.zone);
        if ('missing' in found) withoutCountry.push({ member: m, reason: found.missing, country: undefined });
        else if (!calendar.isKnown(found.country)) withoutCountry.push({ member: m, reason: 'unknown-country', country: found.country });
        else add(found.country, m.zone, m.email);
      }
    }
  }
  return {
    policy: gh?.policy ?? settings.holidays.policy,
    shiftDays: gh?.shiftDays ?? settings.holidays.shiftDays ?? 7,
    places: [...places.values()],
    blackouts: settings.blackouts.filter((b) => !b.groups || b.groups.includes(group.id)),
    kinds: kindsOf(group, settings),
    corrections,
    withoutCountry,
    cache: new Map(),
  };
}

const STRENGTH: Record<HolidayPolicy, number> = { warn: 0, shift: 1, skip: 2 };

/**
 * The holidays of a place on a local date, corrections applied in order (tcon.yaml's, then the
 * group's): a `remove` or `workday` drops what the data (and earlier corrections) had on the
 * date, an `add` adds its holiday.
 */
export function correctedHolidays(place: Place, calendar: HolidayCalendar, date: IsoDate): readonly Holiday[] {
  const data = calendar.holidays(place.country, date);
  if (!place.corrections.length) return data;
  let list: Holiday[] | readonly Holiday[] = data;
  for (const c of place.corrections) {
    if (!inDateRange(c, date)) continue;
    if (c.action === 'add') {
      const h: Holiday = { country: place.country, date, name: c.name, type: c.kind, start: c.start, note: undefined, source: c.file };
      list = [...list.filter((x) => x.name !== c.name), h];
    } else list = [];
  }
  return list;
}

/**
 * Whether a local date is a make-up working day of the place: a `workday` correction says so,
 * or the data has one there and no correction made the date a holiday.
 */
export function isMakeUpDay(place: Place, calendar: HolidayCalendar, date: IsoDate): boolean {
  let workday = calendar.workday(place.country, date) !== undefined;
  for (const c of place.corrections) {
    if (!inDateRange(c, date)) continue;
    workday = c.action === 'workday' ? true : c.action === 'add' ? false : workday;
  }
  return workday;
}

/** Whether a holiday concerns a meeting ending at `endMs`: a half day only a meeting that runs past its start. */
function concerns(h: Holiday, endMs: number, zone: string): boolean {
  if (!h.start) return true;
  const [y, m, d] = h.date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = h.start.split(':').map(Number) as [number, number];
  const localEnd = endMs + offsetAt(zone, endMs) * 60_000;
  return localEnd > Date.UTC(y, m - 1, d, hh, mm);
}

/**
 * The holidays and blackouts a meeting from `ms` to `endMs` (group-zone date `date`) falls on.
 * A holiday counts when the meeting's local date at its start, in the place's zone, is the
 * holiday, its kind counts, and (for a half day) the meeting runs past the holiday's start.
 */
export function dateIssue(rules: GroupRules, calendar: HolidayCalendar, ms: number, date: IsoDate, endMs: number = ms + 3_600_000): DateIssue | undefined {
  const key = `${ms} ${endMs}`;
  const cached = rules.cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const issue = computeIssue(rules, calendar, ms, endMs, date);
  rules.cache.set(key, issue ?? null);
  return issue;
}

function computeIssue(rules: GroupRules, calendar: HolidayCalendar, ms: number, endMs: number, date: IsoDate): DateIssue | undefined {
  const holidays: Holiday[] = [];
  for (const p of rules.places) {
    for (const h of correctedHolidays(p, calendar, localDate(ms, p.zone))) {
      if (!rules.kinds.has(h.type) || !concerns(h, endMs, p.zone)) continue;
      if (!holidays.some((x) => x.country === h.country && x.name === h.name)) holidays.push(h);
    }
  }
  const blackouts = rules.blackouts.filter((b) => inBlackout(b, date));
  if (!holidays.length && !blackouts.length) return undefined;
  const candidates: HolidayPolicy[] = [...(holidays.length ? [rules.policy] : []), ...blackouts.map((b) => b.policy)];
  const policy = candidates.reduce((p, c) => (STRENGTH[c] > STRENGTH[p] ? c : p));
  const names = [...blackouts.map((b) => b.name), ...groupNames(holidays)];
  return { holidays, blackouts, policy, reason: names.join(', ') };
}

/** "Memorial Day (US)", "Christmas Day (DE, FR)": one name per holiday, its countries after it. */
function groupNames(holidays: readonly Holiday[]): string[] {
  const by = new Map<string, string[]>();
  for (const h of holidays) by.set(h.name, [...(by.get(h.name) ?? []), h.country]);
  return [...by].map(([name, cs]) => `${name} (${[...new Set(cs)].join(', ')})`);
}

export function issueOf(rules: GroupRules, calendar: HolidayCalendar, o: Occurrence): DateIssue | undefined {
  return dateIssue(rules, calendar, o.start.toMillis(), o.start.toISODate()!, o.end.toMillis());
}
