import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { IsoDate } from '../schedule/types.js';
import { isValidZone, zoneOf as tzdbZone } from '../schedule/zoned.js';

/*
 * A calendar export as its clients read it, through ical.js (Mozilla's RFC 5545 parser, which
 * Thunderbird uses): its events grouped by UID, their times placed in time, and every meeting
 * it holds expanded by ical.js's own recurrence engine. The import reads the export with it, and
 * checks the config it writes against that expansion: tcon's rule engine (rrule, luxon) is not
 * involved on this side. Traps, each avoided here:
 *
 * - A TZID with a VTIMEZONE in the file is placed by that VTIMEZONE (what the sending client
 *   meant), never by the machine's zone: ical.js's toJSDate() would read floating times in the
 *   local zone, so it is never called; instants come from toUnixTime() (VTIMEZONE offsets) or,
 *   for a TZID without a VTIMEZONE, from luxon in the IANA zone the TZID maps to.
 * - Windows zone names (Outlook's "W. Europe Standard Time") are mapped to IANA by CLDR's
 *   windowsZones table (territory 001, the zone Windows itself calls canonical); Thunderbird's old
 *   "/mozilla.org/20050126_1/America/New_York" by its IANA tail; a VTIMEZONE's X-LIC-LOCATION last.
 * - ical.js keeps a TZID it has no VTIMEZONE for as a floating time, and loses the name: the TZID
 *   is read from the property's parameter instead.
 * - An override whose RECURRENCE-ID names no instance is still shown by clients (as an event of
 *   its own); a STATUS:CANCELLED override or event is no meeting.
 */

/** CLDR windowsZones (cldr-core's supplemental/windowsZones.json) as Windows name → IANA zone. */
export function windowsZoneTable(json: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const list =
    (json as { supplemental?: { windowsZones?: { mapTimezones?: { mapZone?: { _other?: string; _type?: string; _territory?: string } }[] } } })?.supplemental
      ?.windowsZones?.mapTimezones ?? [];
  for (const item of list) {
    const z = item.mapZone;
    if (z?._territory === '001' && z._other && z._type) out.set(z._other, z._type.split(' ')[0]!);
  }
  return out;
}

export interface ZoneReading {
  /** The IANA zone, when one could be found. */
  zone: string | undefined;
  /** How: `iana`, `windows` (CLDR), `suffix` (an IANA name at its end), `x-lic-location`, or undefined. */
  how: 'iana' | 'windows' | 'suffix' | 'x-lic-location' | undefined;
}

const IANA_TAIL = /((?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[A-Za-z0-9_+\-/]+)$/;

export function readZone(tzid: string, windows: ReadonlyMap<string, string>, location: string | undefined): ZoneReading {
  const id = tzid.trim().replace(/^"|"$/g, '');
  if (id === 'UTC' || id === 'Etc/UTC' || id === 'GMT') return { zone: 'UTC', how: 'iana' };
  if (/^[A-Za-z_]+(\/[A-Za-z0-9_+\-]+)+$/.test(id) && isValidZone(id)) return { zone: id, how: 'iana' };
  const win = windows.get(id);
  if (win && isValidZone(win)) return { zone: win, how: 'windows' };
  const tail = IANA_TAIL.exec(id)?.[1];
  if (tail && isValidZone(tail)) return { zone: tail, how: 'suffix' };
  if (location && isValidZone(location)) return { zone: location, how: 'x-lic-location' };
  return { zone: undefined, how: undefined };
}

/** A time of the export: its wall date and time in its own zone, and its instant. */
export interface WallTime {
  date: IsoDate;
  hour: number;
  minute: number;
  second: number;
  allDay: boolean;
  /** The TZID as written (undefined: UTC or floating). */
  tzid: string | undefined;
  /** The IANA zone it is in (UTC for `Z` times); undefined when the TZID maps to none. */
  zone: string | undefined;
  floating: boolean;
  /** Its instant, ms; NaN when it cannot be known (an unknown TZID without a VTIMEZONE). */
  ms: number;
}

export interface Calendar {
  /** The group's zone: --zone, else the zone most recurring events (then events) are in, else X-WR-TIMEZONE, else UTC; floating times are read in it. */
  zone: string;
  calendar: ICAL.Component;
  name: string | undefined;
  prodid: string | undefined;
  events: SourceEvent[];
  /** TZID → how it was read, for what the import says. */
  zones: Map<string, ZoneReading>;
}

export interface SourceEvent {
  uid: string;
  component: ICAL.Component;
  event: ICAL.Event;
  /** Overrides of this master (RECURRENCE-ID components of its UID). */
  overrides: SourceEvent[];
  start: WallTime;
  /** Length in ms (DTEND - DTSTART, or DURATION). */
  length: number;
  summary: string;
  cancelled: boolean;
  recurring: boolean;
  recurrenceId: WallTime | undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

export class CalendarContext {
  /** Zone of floating times (the group's, or --zone). */
  floatingZone = 'UTC';
  readonly zones = new Map<string, ZoneReading>();
  constructor(
    readonly calendar: ICAL.Component,
    readonly windows: ReadonlyMap<string, string>,
  ) {}

  zoneOf(tzid: string): ZoneReading {
    let z = this.zones.get(tzid);
    if (!z) {
      const vtz = this.calendar.getAllSubcomponents('vtimezone').find((c) => c.getFirstPropertyValue('tzid') === tzid);
      const loc = vtz?.getFirstPropertyValue('x-lic-location');
      z = readZone(tzid, this.windows, typeof loc === 'string' ? loc : undefined);
      this.zones.set(tzid, z);
    }
    return z;
  }

  /** A Time of the export (`tzid`: the TZID parameter of its property) as a WallTime. */
  wall(t: ICAL.Time, tzid: string | undefined): WallTime {
    const date = `${t.year}-${pad(t.month)}-${pad(t.day)}`;
    const base = { date, hour: t.isDate ? 0 : t.hour, minute: t.isDate ? 0 : t.minute, second: t.isDate ? 0 : t.second, allDay: t.isDate };
    if (t.zone === ICAL.Timezone.utcTimezone)
      return { ...base, tzid: undefined, zone: 'UTC', floating: false, ms: Date.UTC(t.year, t.month - 1, t.day, base.hour, base.minute, base.second) };
    if (!tzid) {
      const ms = DateTime.fromObject(
        { year: t.year, month: t.month, day: t.day, hour: base.hour, minute: base.minute, second: base.second },
        { zone: tzdbZone(this.floatingZone) },
      ).toMillis();
      return { ...base, tzid: undefined, zone: this.floatingZone, floating: true, ms };
    }
    const { zone } = this.zoneOf(tzid);
    let ms = Number.NaN;
    if (t.zone && t.zone !== ICAL.Timezone.localTimezone && t.zone.component) ms = t.toUnixTime() * 1000;
    else if (zone)
      ms = DateTime.fromObject(
        { year: t.year, month: t.month, day: t.day, hour: base.hour, minute: base.minute, second: base.second },
        { zone: tzdbZone(zone) },
      ).toMillis();
    return { ...base, tzid, zone, floating: false, ms };
  }

  /** The first value of a date-time property as a WallTime. */
  prop(comp: ICAL.Component, name: string): WallTime | undefined {
    const p = comp.getFirstProperty(name);
    if (!p) return undefined;
    const v = p.getFirstValue();
    if (!(v instanceof ICAL.Time)) return undefined;
    return this.wall(v, tzidOf(p));
  }

  /** Every value of a repeatable date-time property (EXDATE, RDATE); periods by their start. */
  values(comp: ICAL.Component, name: string): { wall: WallTime; end?: WallTime }[] {
    const out: { wall: WallTime; end?: WallTime }[] = [];
    for (const p of comp.getAllProperties(name)) {
      const tzid = tzidOf(p);
      for (const v of p.getValues()) {
        if (v instanceof ICAL.Time) out.push({ wall: this.wall(v, tzid) });
        else if (v instanceof ICAL.Period)
          out.push({ wall: this.wall(v.start, tzid), end: v.end ? this.wall(v.end, tzid) : v.duration ? this.wall(v.getEnd(), tzid) : undefined });
      }
    }
    return out;
  }
}

function tzidOf(p: ICAL.Property): string | undefined {
  const v = p.getParameter('tzid');
  return typeof v === 'string' ? v : Array.isArray(v) ? v[0] : undefined;
}

const GENERIC_CALENDAR_NAME = /^(?:|calendar|my calendar|kalender|calendrier|calendario|agenda|home|work|personal|default)$/i;

const validZone = (z: unknown) => (typeof z === 'string' && isValidZone(z) ? z : undefined);

/** The zone most recurring events are in (each counts as a thousand events), else most events. */
export function chooseZone(events: readonly SourceEvent[]): string | undefined {
  const count = new Map<string, number>();
  for (const e of events)
    if (!e.start.allDay && e.start.zone && !e.start.floating) count.set(e.start.zone, (count.get(e.start.zone) ?? 0) + (e.recurring ? 1000 : 1));
  return [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

/** Reads an iCalendar text; throws an Error with the parser's message when it is not one. */
export function readCalendar(text: string, windows: ReadonlyMap<string, string>, floatingZone?: string): { ctx: CalendarContext; cal: Calendar } {
  const jcal = ICAL.parse(text);
  const root = new ICAL.Component(
    Array.isArray(jcal[0]) ? (jcal[0] as unknown as [string, unknown[], unknown[]]) : (jcal as unknown as [string, unknown[], unknown[]]),
  );
  if (root.name !== 'vcalendar') throw new Error(`the file holds a ${root.name.toUpperCase()}, not a VCALENDAR`);
  const ctx = new CalendarContext(root, windows);
  if (floatingZone) ctx.floatingZone = floatingZone;
  const byUid = new Map<string, ICAL.Component[]>();
  root.getAllSubcomponents('vevent').forEach((c, i) => {
    const uid = String(c.getFirstPropertyValue('uid') ?? `(no UID ${i + 1})`);
    byUid.set(uid, [...(byUid.get(uid) ?? []), c]);
  });
  const readEvents = (): SourceEvent[] => {
    const events: SourceEvent[] = [];
    const read = (uid: string, c: ICAL.Component): SourceEvent | undefined => {
      const start = ctx.prop(c, 'dtstart');
      if (!start) return undefined;
      const event = new ICAL.Event(c);
      const end = event.endDate ? ctx.wall(event.endDate, tzidOf(c.getFirstProperty('dtend') ?? c.getFirstProperty('dtstart')!)) : undefined;
      const length = end && Number.isFinite(end.ms) && Number.isFinite(start.ms) ? end.ms - start.ms : 0;
      return {
        uid,
        component: c,
        event,
        overrides: [],
        start,
        length,
        summary: String(c.getFirstPropertyValue('summary') ?? ''),
        cancelled: String(c.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED',
        recurring: c.hasProperty('rrule') || c.hasProperty('rdate'),
        recurrenceId: ctx.prop(c, 'recurrence-id'),
      };
    };
    for (const [uid, comps] of byUid) {
      const masters = comps
        .filter((c) => !c.hasProperty('recurrence-id'))
        .map((c) => read(uid, c))
        .filter((e): e is SourceEvent => !!e);
      const overrides = comps
        .filter((c) => c.hasProperty('recurrence-id'))
        .map((c) => read(uid, c))
        .filter((e): e is SourceEvent => !!e);
      const master = masters.find((m) => m.recurring);
      if (master) {
        for (const o of overrides) master.event.relateException(o.event);
        master.overrides = overrides;
        events.push(master, ...masters.filter((m) => m !== master));
      } else {
        events.push(...masters, ...overrides);
      }
    }
    return events;
  };
  let events = readEvents();
  // Floating times are read in the group's zone, which only the zoned events tell: read again.
  const zoned = chooseZone(events) ?? validZone(root.getFirstPropertyValue('x-wr-timezone')) ?? 'UTC';
  const zone = floatingZone ?? zoned;
  if (zone !== ctx.floatingZone) {
    ctx.floatingZone = zone;
    if (events.some((e) => e.start.floating)) events = readEvents();
  }
  // Outlook exports its default calendar as X-WR-CALNAME:Calendar (in the user's language): no group name.
  const calname = root.getFirstPropertyValue('x-wr-calname');
  const name = typeof calname === 'string' && !GENERIC_CALENDAR_NAME.test(calname.trim()) ? calname.trim() : undefined;
  const prodid = root.getFirstPropertyValue('prodid');
  return { ctx, cal: { zone, calendar: root, name, prodid: typeof prodid === 'string' ? prodid : undefined, events, zones: ctx.zones } };
}

export interface Instance {
  /** Start and end instants, ms. */
  start: number;
  end: number;
  /** The instance's recurrence id (its start by the rule), and the override that replaced it. */
  ruleStart: WallTime;
  override: SourceEvent | undefined;
  cancelled: boolean;
  summary: string;
}

/**
 * The instances of a recurring master, as ical.js expands it (RRULE, RDATE, EXDATE, overrides by
 * RECURRENCE-ID), up to `untilMs`; cancelled overrides are returned with `cancelled`.
 */
export function expandMaster(ctx: CalendarContext, master: SourceEvent, untilMs: number, limit = 20000): Instance[] {
  const out: Instance[] = [];
  const it = master.event.iterator();
  const tzid = master.start.tzid;
  for (let next = it.next(), n = 0; next && n < limit; next = it.next(), n++) {
    const ruleStart = ctx.wall(next, tzid);
    if (ruleStart.ms > untilMs) break;
    const d = master.event.getOccurrenceDetails(next);
    const item = d.item as ICAL.Event;
    const override = item === master.event ? undefined : master.overrides.find((o) => o.event === item);
    if (override) {
      out.push({
        start: override.start.ms,
        end: override.start.ms + override.length,
        ruleStart,
        override,
        cancelled: override.cancelled,
        summary: override.summary,
      });
    } else {
      out.push({ start: ruleStart.ms, end: ruleStart.ms + master.length, ruleStart, override: undefined, cancelled: false, summary: master.summary });
    }
  }
  return out;
}

/** Overrides of `master` whose RECURRENCE-ID names none of its instances (clients show them as events of their own). */
export function strayOverrides(master: SourceEvent, instances: readonly Instance[]): SourceEvent[] {
  const used = new Set(instances.map((i) => i.override).filter((o) => o));
  return master.overrides.filter(
    (o) => !used.has(o) && o.recurrenceId && instances.length > 0 && o.recurrenceId.ms <= instances[instances.length - 1]!.ruleStart.ms,
  );
}

/**
 * Every meeting the export holds from `fromMs` to `toMs` (by start), as its clients show it:
 * expanded masters (cancelled instances left out), events of their own, stray overrides; all-day
 * events are no meetings. Used by the import's check.
 */
export function sourceInstances(ctx: CalendarContext, cal: Calendar, fromMs: number, toMs: number): { start: number; end: number; label: string }[] {
  const out: { start: number; end: number; label: string }[] = [];
  const keep = (start: number, end: number, label: string) => {
    if (start >= fromMs && start <= toMs) out.push({ start, end, label });
  };
  for (const e of cal.events) {
    if (e.start.allDay) continue;
    if (e.recurring && !e.recurrenceId) {
      const instances = expandMaster(ctx, e, toMs);
      for (const i of instances) if (!i.cancelled) keep(i.start, i.end, i.summary);
      for (const o of strayOverrides(e, instances)) if (!o.cancelled && !o.start.allDay) keep(o.start.ms, o.start.ms + o.length, o.summary);
      continue;
    }
    if (e.cancelled) continue;
    keep(e.start.ms, e.start.ms + e.length, e.summary);
  }
  return out.sort((a, b) => a.start - b.start);
}
