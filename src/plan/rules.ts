import { inBlackout, type Blackout, type Secretariat } from '../config/secretariat.js';
import type { Group, HolidayPolicy, IsoDate, Occurrence } from '../schedule/types.js';
import { localDate, type Holiday, type HolidayCalendar } from './holidays.js';

/** A place whose holidays a group observes: a country read in one of its zones. */
export interface Place {
  country: string;
  zone: string;
  /** Why: "group", "secretariat", or the members it stands for. */
  why: string[];
}

/** The rules one group is planned by: its settings merged with the secretariat's. */
export interface GroupRules {
  policy: HolidayPolicy;
  /** Step of a shift, in days (7: the same weekday a week later). */
  shiftDays: number;
  places: Place[];
  blackouts: Blackout[];
  /** Observances count too, not only public and bank holidays. */
  observances: boolean;
  /** dateIssue results by start instant (the same meeting is checked again after each rebuild). */
  cache: Map<number, DateIssue | null>;
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
  const codes = new Set([...settings.holidays.countries, ...(group.holidays?.countries ?? []), ...group.members.flatMap((m) => (m.country ? [m.country] : []))]);
  return [...codes].filter((c) => !calendar.isKnown(c));
}

export function groupRules(group: Group, settings: Secretariat, calendar: HolidayCalendar): GroupRules {
  const gh = group.holidays;
  const places = new Map<string, Place>();
  const add = (country: string, zone: string | undefined, why: string) => {
    if (!calendar.isKnown(country)) return;
    const z = zone ?? calendar.zoneOf(country);
    const key = `${country} ${z}`;
    const p = places.get(key) ?? { country, zone: z, why: [] };
    if (!p.why.includes(why)) p.why.push(why);
    places.set(key, p);
  };
  for (const c of settings.holidays.countries) add(c, undefined, 'secretariat');
  for (const c of gh?.countries ?? []) add(c, undefined, 'group');
  if (gh?.members ?? settings.holidays.members) {
    for (const m of group.members) {
      // A member's country: given; else the countries tcon.yaml maps their region to; else the
      // country of their zone (their own, or their region's representative zone).
      const regionCountries = m.region ? settings.holidays.regions[m.region] : undefined;
      const country = m.country ?? (regionCountries ? undefined : m.zone ? calendar.countryOfZone(m.zone) : undefined);
      if (country) add(country, m.zone, m.email);
      else for (const c of regionCountries ?? []) add(c, undefined, m.email);
    }
  }
  return {
    policy: gh?.policy ?? settings.holidays.policy,
    shiftDays: gh?.shiftDays ?? settings.holidays.shiftDays ?? 7,
    places: [...places.values()],
    blackouts: settings.blackouts.filter((b) => !b.groups || b.groups.includes(group.id)),
    observances: gh?.observances ?? settings.holidays.observances,
    cache: new Map(),
  };
}

const STRENGTH: Record<HolidayPolicy, number> = { warn: 0, shift: 1, skip: 2 };

/** The holidays and blackouts a meeting starting at `ms` (group-zone date `date`) falls on. */
export function dateIssue(rules: GroupRules, calendar: HolidayCalendar, ms: number, date: IsoDate): DateIssue | undefined {
  const cached = rules.cache.get(ms);
  if (cached !== undefined) return cached ?? undefined;
  const issue = computeIssue(rules, calendar, ms, date);
  rules.cache.set(ms, issue ?? null);
  return issue;
}

function computeIssue(rules: GroupRules, calendar: HolidayCalendar, ms: number, date: IsoDate): DateIssue | undefined {
  const holidays: Holiday[] = [];
  for (const p of rules.places) {
    for (const h of calendar.on(p.country, localDate(ms, p.zone), rules.observances)) {
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
  return dateIssue(rules, calendar, o.start.toMillis(), o.start.toISODate()!);
}
