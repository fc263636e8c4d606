import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { parseGroup } from '../config/parse.js';
import type { ConfigProblem } from '../config/problems.js';
import { addressProblem } from '../schedule/address.js';
import { addDays, isoWeekday } from '../schedule/dates.js';
import { expandDates, parseRule, ruleParts } from '../schedule/recurrence.js';
import { monthsBetween } from '../schedule/rotation.js';
import type { IsoDate } from '../schedule/types.js';
import { zoneOf } from '../schedule/zoned.js';
import { commentLines, commentText, flow, headerText, keyLine, quoted, scalar, slug } from './emit.js';
import { expandMaster, strayOverrides, type Calendar, type CalendarContext, type Instance, type SourceEvent, type WallTime } from './ics-source.js';

/*
 * A calendar export as one tcon group file.
 *
 * - Each recurring event (a master with RRULE) is a series: its RRULE without UNTIL/COUNT as the
 *   rule, DTSTART's date as `from`, the date of its last instance as `until`, DTSTART's wall time
 *   in its zone as the slot; EXDATEs are `skip`s, RECURRENCE-ID overrides `move`s (or a new
 *   title, length or link on the day), cancelled overrides `skip`s, RDATEs and events of their
 *   own one-offs (`add`).
 * - Alternating series built by hand, the secretariat's habit ("3rd Tuesday, every other month
 *   at 09:00" and the same one month later at 11:00; "every other Thursday" at two times a week
 *   apart): N series with the same rule and INTERVAL=N whose first meetings fall in N
 *   consecutive months (weeks) become one series with INTERVAL 1 and N slots, rotating by month
 *   (by week, counted from the Monday of the first).
 * - A series continued under another UID (Outlook's "this and following events", tcon's own
 *   feed with one event per year) is joined to the one it continues.
 * - What tcon's config cannot say exactly (times of day in the RRULE, seconds, a zone no name
 *   maps to IANA, a length that is not whole minutes, a move onto another meeting) is said, with
 *   the event, and kept as one-offs over the checked span.
 */

export interface IcsImportOptions {
  /** The group id, and the zone of floating times and of the group (default: that of most series). */
  group: string | undefined;
  zone: string | undefined;
  /** The file, as named in comments. */
  file: string;
  /** Today (the open-ended series are checked two years past it). */
  today: IsoDate;
}

export interface IcsImport {
  id: string;
  text: string;
  zone: string;
  /** What the import could not keep exactly, or changed, in words. */
  notes: string[];
  /** What the export held, in words (for the report). */
  summary: string[];
  /** Members without a zone (attendees). */
  membersWithoutZone: string[];
  window: { from: IsoDate; to: IsoDate; fromMs: number; toMs: number };
  problems: ConfigProblem[];
}

interface Person {
  name: string | undefined;
  email: string;
  role: string | undefined;
}

interface SeriesDraft {
  masters: SourceEvent[];
  id: string | undefined;
  title: string;
  link: string | undefined;
  from: IsoDate;
  until: IsoDate | undefined;
  rule: string;
  zone: string;
  slots: { time: string; label: string | undefined }[];
  /** "+0d" on the slots: some meetings fall on another day in the group's zone than in the slot's. */
  pinDay: boolean;
  rotation: { mode: 'month' | 'week'; anchor: IsoDate } | undefined;
  duration: number;
  meetings: Map<IsoDate, Record<string, string | number | undefined>>;
  comments: string[];
  instances: Instance[];
}

interface OneOff {
  date: IsoDate;
  time: string;
  title: string | undefined;
  duration: number | undefined;
  link: string | undefined;
  comment: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const hm = (w: WallTime) => `${pad(w.hour)}:${pad(w.minute)}`;

/** A join link of an event: the conference properties clients write, URL, a link in LOCATION, then a meeting link in DESCRIPTION. */
export function joinLink(c: ICAL.Component): string | undefined {
  const ok = (s: unknown) => (typeof s === 'string' && /^https?:\/\/[^\s<>"]+$/.test(s.trim()) ? s.trim() : undefined);
  for (const name of [
    'x-google-conference',
    'x-microsoft-skypeteamsmeetingurl',
    'x-microsoft-onlinemeetingexternallink',
    'x-microsoft-onlinemeetingconflink',
    'url',
  ]) {
    const v = ok(c.getFirstPropertyValue(name));
    if (v) return v;
  }
  const find = (text: unknown, hosts?: RegExp) => {
    if (typeof text !== 'string') return undefined;
    for (const m of text.matchAll(/https?:\/\/[^\s<>"'()]+/g)) {
      const url = m[0].replace(/[.,;:!?\]]+$/, '');
      if (!hosts || hosts.test(url)) return ok(url);
    }
    return undefined;
  };
  return (
    find(c.getFirstPropertyValue('location')) ??
    find(
      c.getFirstPropertyValue('description'),
      /^https?:\/\/([a-z0-9-]+\.)*(zoom\.us|teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|webex\.com|gotomeeting\.com|meet\.jit\.si|whereby\.com|bluejeans\.com|meet\.[a-z0-9.-]+)\//i,
    )
  );
}

function person(p: ICAL.Property): Person | undefined {
  const value = String(p.getFirstValue() ?? '');
  const email = value.replace(/^mailto:/i, '').trim();
  const cn = p.getParameter('cn');
  const role = p.getParameter('role');
  const cutype = String(p.getParameter('cutype') ?? 'INDIVIDUAL').toUpperCase();
  if (cutype !== 'INDIVIDUAL' && cutype !== 'UNKNOWN') return undefined;
  return {
    name: typeof cn === 'string' && cn.trim() && !cn.includes('@') ? cn.trim() : undefined,
    email,
    role: typeof role === 'string' ? role.toUpperCase() : undefined,
  };
}

/** The day of an instant in a zone. */
function dayIn(zone: string, ms: number): IsoDate {
  return DateTime.fromMillis(ms, { zone: zoneOf(zone) }).toISODate()!;
}

/** A one-off's time text for a meeting at `w` (its own zone) whose date in the group's zone is `date`. */
function oneOffTime(w: WallTime, groupZone: string, date: IsoDate): string {
  const zone = w.zone ?? 'UTC';
  if (zone === groupZone) return hm(w);
  // An unknown zone is written in UTC, from the instant the VTIMEZONE gives.
  const wall = w.zone ? w : { ...w, ...utcWall(w.ms) };
  const days = Math.round((Date.parse(`${wall.date}T00:00Z`) - Date.parse(`${date}T00:00Z`)) / 86_400_000);
  return `${hm(wall)} ${zone}${days ? ` ${days > 0 ? '+' : '-'}${Math.abs(days)}d` : ''}`;
}

function utcWall(ms: number): Pick<WallTime, 'date' | 'hour' | 'minute'> {
  const d = DateTime.fromMillis(ms, { zone: 'UTC' });
  return { date: d.toISODate()!, hour: d.hour, minute: d.minute };
}

/** Why a recurring master cannot be a series, or undefined when it can. */
function inexpressible(m: SourceEvent): string | undefined {
  const rrules = m.component.getAllProperties('rrule');
  if (rrules.length === 0) return 'RDATEs without an RRULE';
  if (rrules.length > 1) return 'two RRULEs in one event';
  if (m.component.hasProperty('exrule')) return 'an EXRULE';
  if (m.start.allDay) return 'an all-day event (no time of day)';
  if (!m.start.zone) return `TZID "${m.start.tzid}" names no zone tcon knows (neither IANA nor a Windows name of CLDR)`;
  if (m.start.second) return `DTSTART has seconds (${hm(m.start)}:${pad(m.start.second)})`;
  const minutes = m.length / 60_000;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) return `a length of ${m.length / 60_000} minutes (tcon's are whole minutes, 1 to 1440)`;
  const recur = rrules[0]!.getFirstValue() as ICAL.Recur;
  if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(recur.freq)) return `FREQ=${recur.freq} (tcon's rules give days; times are slots)`;
  const parts = recur.parts as Record<string, unknown>;
  for (const k of ['BYHOUR', 'BYMINUTE', 'BYSECOND']) if (parts[k]) return `${k} in the RRULE (times of day are slots in tcon)`;
  return undefined;
}

/** The master's RRULE as a tcon rule (no UNTIL, COUNT or DTSTART), or why not. */
function ruleOf(m: SourceEvent): { rule: string } | { error: string } {
  const recur = (m.component.getFirstPropertyValue('rrule') as ICAL.Recur).clone();
  recur.until = null;
  recur.count = null;
  const text = recur.toString().replace(/^RRULE:/, '');
  const parsed = parseRule(text);
  return parsed.ok ? { rule: text } : { error: `RRULE ${text}: ${parsed.error}` };
}

const withoutInterval = (rule: string) =>
  rule
    .split(';')
    .filter((p) => !p.startsWith('INTERVAL='))
    .join(';');

/** The Monday (week start) of a date's week. */
const weekStart = (date: IsoDate, wkst = 1) => addDays(date, -((isoWeekday(date) - wkst + 7) % 7));

const WKST: Record<string, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };

export function importIcs(ctx: CalendarContext, cal: Calendar, opts: IcsImportOptions): IcsImport {
  const notes: string[] = [];
  const summary: string[] = [];
  // The group's zone, chosen as the export was read (floating times are in it).
  const zone = cal.zone;
  if (cal.events.some((e) => e.start.floating && !e.start.allDay))
    notes.push(`times without a zone (floating) are read in ${zone}${opts.zone ? ' (--zone)' : ' (the zone of most events; --zone to choose another)'}`);
  for (const [tzid, z] of cal.zones) {
    if (z.how === 'windows') summary.push(`TZID "${tzid}" is a Windows zone name: ${z.zone} (CLDR windowsZones)`);
    else if (z.how === 'suffix' || z.how === 'x-lic-location') summary.push(`TZID "${tzid}": ${z.zone}`);
    else if (!z.zone)
      notes.push(
        `TZID "${tzid}" names no zone tcon knows (neither IANA nor a Windows name of CLDR): its events are kept as one-offs in UTC, from the file's VTIMEZONE`,
      );
  }

  // The span: from the first meeting to the last dated one, and two years past today (or the
  // last dated meeting) when a series has no end.
  const dated: number[] = [];
  let open = false;
  for (const e of cal.events) {
    if (e.start.allDay || !Number.isFinite(e.start.ms)) continue;
    dated.push(e.start.ms + e.length);
    if (e.recurring && !e.recurrenceId) {
      const recur = e.component.getFirstPropertyValue('rrule') as ICAL.Recur | null;
      if (recur && !recur.until && !recur.count) open = true;
      else if (recur) {
        const all = expandMaster(ctx, e, Number.MAX_SAFE_INTEGER, 5000);
        if (all.length) dated.push(all[all.length - 1]!.end);
      }
      for (const r of ctx.values(e.component, 'rdate')) dated.push(r.wall.ms);
      for (const o of e.overrides) dated.push(o.start.ms + o.length);
    }
  }
  const firstMs = cal.events.filter((e) => !e.start.allDay && Number.isFinite(e.start.ms)).reduce((a, e) => Math.min(a, e.start.ms), Number.POSITIVE_INFINITY);
  const lastDated = dated.length ? Math.max(...dated) : Date.parse(`${opts.today}T00:00Z`);
  const from = Number.isFinite(firstMs) ? dayIn(zone, firstMs) : opts.today;
  const last = dayIn(zone, lastDated);
  const later = last > opts.today ? last : opts.today;
  const to = open ? `${Number(later.slice(0, 4)) + 2}${later.slice(4, 10) === '-02-29' ? '-02-28' : later.slice(4)}` : last;
  const window = {
    from,
    to,
    fromMs: DateTime.fromISO(from, { zone: zoneOf(zone) }).toMillis(),
    toMs: DateTime.fromISO(to, { zone: zoneOf(zone) })
      .endOf('day')
      .toMillis(),
  };

  // People: the organizer of most events; attendees of every event, once each.
  const organizers = new Map<string, { p: Person; n: number }>();
  const members = new Map<string, Person>();
  const badAddresses = new Set<string>();
  for (const e of cal.events) {
    const o = e.component.getFirstProperty('organizer');
    const op = o ? person(o) : undefined;
    if (op && !addressProblem(op.email)) organizers.set(op.email.toLowerCase(), { p: op, n: (organizers.get(op.email.toLowerCase())?.n ?? 0) + 1 });
    for (const a of e.component.getAllProperties('attendee')) {
      const p = person(a);
      if (!p) continue;
      if (addressProblem(p.email)) badAddresses.add(p.email);
      else if (!members.has(p.email.toLowerCase())) members.set(p.email.toLowerCase(), p);
    }
  }
  if (badAddresses.size) notes.push(`attendees left out, not one address each: ${[...badAddresses].map((a) => JSON.stringify(a)).join(', ')}`);
  const organizer = [...organizers.values()].sort((a, b) => b.n - a.n)[0]?.p;

  // Series, one-offs.
  const series: SeriesDraft[] = [];
  const oneOffs: OneOff[] = [];
  const addOneOff = (w: WallTime, length: number, title: string, link: string | undefined, comment: string) => {
    const ms = w.ms;
    if (!Number.isFinite(ms)) {
      notes.push(`${comment}: its time cannot be known (TZID "${w.tzid}" without a VTIMEZONE tcon can read): left out`);
      return;
    }
    const date = dayIn(zone, ms);
    const minutes = Math.round(length / 60_000);
    oneOffs.push({ date, time: oneOffTime(w.second ? { ...w, second: 0 } : w, zone, date), title, duration: minutes, link, comment });
  };
  const describe = (e: SourceEvent) => `${JSON.stringify(commentText(e.summary || '(no title)', 60))} (UID ${commentText(e.uid, 80)})`;
  const instancesOf = new Map<SourceEvent, Instance[]>();
  const masters = cal.events.filter((e) => e.recurring && !e.recurrenceId);
  for (const m of masters) {
    const instances = expandMaster(ctx, m, window.toMs);
    instancesOf.set(m, instances);
    if (m.start.allDay) {
      notes.push(`${describe(m)}: an all-day recurring event, not a meeting: not imported`);
      continue;
    }
    const why = inexpressible(m);
    const rule = why ? undefined : ruleOf(m);
    const reason = why ?? (rule && 'error' in rule ? rule.error : undefined);
    if (reason || !rule || 'error' in rule) {
      const kept = instances.filter((i) => !i.cancelled && i.start >= window.fromMs);
      notes.push(`${describe(m)}: ${reason}: kept as ${kept.length} one-off${kept.length === 1 ? '' : 's'}${open ? ` up to ${window.to}` : ''}`);
      for (const i of kept)
        addOneOff(
          i.override?.start ?? i.ruleStart,
          i.end - i.start,
          i.summary,
          joinLink((i.override ?? m).component),
          `${reason} (UID ${commentText(m.uid, 60)})`,
        );
      continue;
    }
    const recur = m.component.getFirstPropertyValue('rrule') as ICAL.Recur;
    const all = instances;
    let until: IsoDate | undefined;
    if (recur.until || recur.count) {
      const every = expandMaster(ctx, m, Number.MAX_SAFE_INTEGER, 20000);
      until = every.length ? every[every.length - 1]!.ruleStart.date : m.start.date;
    }
    const draft: SeriesDraft = {
      masters: [m],
      id: undefined,
      title: m.summary,
      link: joinLink(m.component),
      from: m.start.date,
      until,
      rule: rule.rule,
      zone: m.start.zone!,
      slots: [{ time: hm(m.start), label: undefined }],
      pinDay: false,
      rotation: undefined,
      duration: m.length / 60_000,
      meetings: new Map(),
      comments: [
        `UID ${m.uid}: ${JSON.stringify(m.summary)}, RRULE:${recur.toString()}, DTSTART ${m.start.date} ${hm(m.start)} ${m.start.tzid ? `TZID=${m.start.tzid}` : m.start.zone}`,
      ],
      instances: all,
    };
    // RFC 5545 counts DTSTART as the first instance even off the rule: then it is a one-off.
    const ruleDates = new Set(expandDates(rule.rule, m.start.date, m.start.date, until ?? addDays(m.start.date, 400)));
    if (!ruleDates.has(m.start.date)) {
      notes.push(`${describe(m)}: DTSTART ${m.start.date} is not a date of its RRULE (clients still show it): kept as a one-off`);
      addOneOff(m.start, m.length, m.summary, draft.link, `DTSTART of UID ${commentText(m.uid, 60)}, off its RRULE`);
    }
    series.push(draft);
  }

  // Continuations: a series that picks up where another with the same rule, time and zone ended.
  series.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (let i = 0; i < series.length; i++) {
    const a = series[i]!;
    for (let j = i + 1; j < series.length; j++) {
      const b = series[j]!;
      if (
        !a.until ||
        a.rule !== b.rule ||
        a.zone !== b.zone ||
        a.slots[0]!.time !== b.slots[0]!.time ||
        a.duration !== b.duration ||
        a.title !== b.title ||
        a.link !== b.link
      )
        continue;
      const next = expandDates(a.rule, a.from, addDays(a.until, 1), addDays(a.until, 400))[0];
      if (next !== b.from) continue;
      a.until = b.until;
      a.masters.push(...b.masters);
      a.instances.push(...b.instances);
      a.comments.push(...b.comments.map((c) => `continued by ${c}`));
      series.splice(j, 1);
      j = i;
    }
  }

  // Alternations built by hand: N series of one rule with INTERVAL=N in N consecutive periods.
  const merged = new Set<SeriesDraft>();
  for (const a of series) {
    if (merged.has(a)) continue;
    const parts = ruleParts(a.rule);
    const n = Number(parts.get('INTERVAL') ?? '1');
    const freq = parts.get('FREQ');
    if (n < 2 || (freq !== 'MONTHLY' && freq !== 'WEEKLY')) continue;
    const wkst = WKST[parts.get('WKST') ?? 'MO'] ?? 1;
    const period = (d: IsoDate) =>
      freq === 'MONTHLY' ? monthsBetween(a.from, d) : Math.round((Date.parse(weekStart(d, wkst)) - Date.parse(weekStart(a.from, wkst))) / (7 * 86_400_000));
    const group = series.filter(
      (b) =>
        !merged.has(b) &&
        withoutInterval(b.rule) === withoutInterval(a.rule) &&
        b.rule === a.rule &&
        b.zone === a.zone &&
        b.duration === a.duration &&
        !!b.until === !!a.until &&
        period(b.from) >= 0 &&
        period(b.from) < n,
    );
    const byPeriod = new Map<number, SeriesDraft>();
    for (const b of group) if (!byPeriod.has(period(b.from))) byPeriod.set(period(b.from), b);
    if (byPeriod.size !== n) continue;
    const ordered = [...byPeriod.entries()].sort((x, y) => x[0] - y[0]).map(([, s]) => s);
    const titles = new Set(ordered.map((s) => s.title));
    const first = ordered[0]!;
    const lastUntil = ordered
      .map((s) => s.until)
      .reduce<IsoDate | undefined>((x, y) => (x === undefined || y === undefined ? undefined : x > y ? x : y), first.until);
    const merge: SeriesDraft = {
      ...first,
      masters: ordered.flatMap((s) => s.masters),
      until: lastUntil,
      rule: a.rule
        .split(';')
        .filter((p) => !p.startsWith('INTERVAL='))
        .join(';'),
      slots: ordered.map((s) => ({ time: s.slots[0]!.time, label: titles.size > 1 ? s.title : undefined })),
      title: titles.size > 1 ? (cal.name ?? first.title) : first.title,
      rotation: freq === 'MONTHLY' ? { mode: 'month', anchor: first.from } : { mode: 'week', anchor: weekStart(first.from, wkst) },
      comments: [
        `${n} series of one rule at ${n} times, one ${freq === 'MONTHLY' ? 'month' : 'week'} apart, alternating: one series, slots in turn`,
        ...ordered.flatMap((s) => s.comments),
      ],
      instances: ordered.flatMap((s) => s.instances),
      meetings: new Map(),
    };
    for (const s of ordered) merged.add(s);
    series.splice(series.indexOf(first), 1, merge);
    for (const s of ordered.slice(1)) series.splice(series.indexOf(s), 1);
    summary.push(
      `${ordered.length} series alternating (${ordered.map((s) => `${s.slots[0]!.time}`).join(', ')} ${first.zone}): one series rotating by ${freq === 'MONTHLY' ? 'month' : 'week'}`,
    );
  }

  // Exceptions of each series: EXDATE, overrides, RDATE; and whether its slot needs "+0d".
  for (const s of series) {
    for (const i of s.instances) {
      if (dayIn(zone, i.ruleStart.ms) !== i.ruleStart.date && s.zone !== zone) s.pinDay = true;
    }
  }
  for (const s of series) {
    const master = s.masters[0]!;
    for (const m of s.masters) {
      const instances = instancesOf.get(m) ?? [];
      const byStart = new Map(instances.map((i) => [i.ruleStart.ms, i]));
      // EXDATE: the instances ical.js left out.
      for (const x of ctx.values(m.component, 'exdate')) {
        if (x.wall.ms < window.fromMs || x.wall.ms > window.toMs || byStart.has(x.wall.ms)) continue;
        // An EXDATE that removed a meeting: on a date of the rule, at the series' time, in its zone.
        const wall = DateTime.fromMillis(x.wall.ms, { zone: zoneOf(s.zone) });
        const ruleDate = wall.toISODate()!;
        if (x.wall.allDay || wall.toFormat('HH:mm') !== hm(m.start) || ruleDate < m.start.date || (s.until && ruleDate > s.until)) continue;
        if (!expandDates(s.rule, s.from, ruleDate, ruleDate).length) continue;
        s.meetings.set(dayIn(zone, x.wall.ms), { skip: 'cancelled in the calendar (EXDATE)' });
      }
      for (const i of instances) {
        if (!i.override) continue;
        const key = groupKey(zone, s, i.ruleStart);
        if (i.cancelled) {
          s.meetings.set(key, { skip: 'cancelled in the calendar (STATUS:CANCELLED)' });
          continue;
        }
        const o = i.override;
        const entry: Record<string, string | number | undefined> = {};
        if (o.start.ms !== i.ruleStart.ms) {
          if (!o.start.zone || o.start.allDay || o.start.second) {
            s.meetings.set(key, { skip: 'moved in the calendar (a one-off of its own here)' });
            addOneOff(o.start, o.length, o.summary, joinLink(o.component), `the override of ${key} (UID ${commentText(o.uid, 60)})`);
            continue;
          }
          entry.move = `${o.start.date}T${hm(o.start)}${o.start.zone === zone ? '' : ` ${o.start.zone}`}`;
        }
        if (o.length !== master.length) {
          const minutes = o.length / 60_000;
          if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
            s.meetings.set(key, { skip: 'changed in the calendar (a one-off of its own here)' });
            addOneOff(o.start, o.length, o.summary, joinLink(o.component), `the override of ${key} (UID ${commentText(o.uid, 60)}), ${minutes} minutes long`);
            continue;
          }
          entry.duration = minutes;
        }
        if (o.summary && o.summary !== s.title) entry.title = headerText(o.summary).text;
        const link = joinLink(o.component);
        if (link && link !== (s.link ?? undefined)) entry.link = link;
        if (Object.keys(entry).length) s.meetings.set(key, entry);
      }
      for (const o of strayOverrides(m, instances)) {
        if (o.cancelled || o.start.allDay) continue;
        notes.push(
          `${describe(o)}: an override whose RECURRENCE-ID ${o.recurrenceId!.date} ${hm(o.recurrenceId!)} names no meeting of its series: kept as a one-off`,
        );
        addOneOff(o.start, o.length, o.summary, joinLink(o.component), `an override of UID ${commentText(o.uid, 60)} that names no meeting`);
      }
      for (const r of ctx.values(m.component, 'rdate')) {
        const length = r.end ? r.end.ms - r.wall.ms : m.length;
        const over = instances.find((i) => i.ruleStart.ms === r.wall.ms);
        if (over?.cancelled) continue;
        const o = over?.override;
        addOneOff(o?.start ?? r.wall, o ? o.length : length, o?.summary ?? m.summary, joinLink((o ?? m).component), `RDATE of UID ${commentText(m.uid, 60)}`);
      }
    }
  }

  // Events of their own.
  for (const e of cal.events) {
    if (e.recurring && !e.recurrenceId) continue;
    if (e.start.allDay) {
      notes.push(`${describe(e)}: an all-day event, not a meeting: not imported`);
      continue;
    }
    if (e.cancelled) {
      summary.push(`${describe(e)}: cancelled (STATUS:CANCELLED), no meeting`);
      continue;
    }
    if (e.length <= 0 || e.length > 24 * 3_600_000)
      notes.push(`${describe(e)}: a length of ${e.length / 60_000} minutes: kept as ${Math.min(Math.max(Math.round(e.length / 60_000), 1), 1440)}`);
    addOneOff(
      e.start,
      Math.min(Math.max(e.length, 60_000), 24 * 3_600_000),
      e.summary,
      joinLink(e.component),
      `${e.recurrenceId ? 'an override without its series' : 'an event'} (UID ${commentText(e.uid, 60)})`,
    );
  }

  // Titles, links, ids.
  const titleCount = new Map<string, number>();
  for (const s of series) titleCount.set(s.title, (titleCount.get(s.title) ?? 0) + s.instances.length);
  for (const o of oneOffs) if (o.title) titleCount.set(o.title, (titleCount.get(o.title) ?? 0) + 1);
  const rawTitle = cal.name ?? [...titleCount].sort((a, b) => b[1] - a[1])[0]?.[0] ?? opts.file;
  const title = headerText(rawTitle || opts.file).text;
  const linkCount = new Map<string, number>();
  for (const s of series) if (s.link) linkCount.set(s.link, (linkCount.get(s.link) ?? 0) + s.instances.length);
  const link = [...linkCount].sort((a, b) => b[1] - a[1])[0]?.[0];
  const id = opts.group ?? slug(cal.name ?? title, 'imported');
  // Series that overlap in time run side by side (ids); one after the other, they need none.
  series.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const sequential = series.every((s, i) => i === series.length - 1 || (s.until !== undefined && s.until < series[i + 1]!.from));
  if (!sequential) {
    const ids = new Set<string>();
    series.forEach((s, i) => {
      let sid = slug(s.title, `s${i + 1}`);
      if (sid === id || ids.has(sid)) sid = `${sid}-${s.from}`;
      for (let k = 2; ids.has(sid); k++) sid = `${slug(s.title, 's')}-${s.from}-${k}`;
      ids.add(sid);
      s.id = sid;
    });
  }
  const durations = new Set(series.map((s) => s.duration));
  const duration = durations.size === 1 ? series[0]!.duration : 60;

  // The YAML, then the config parser's word on it: a move onto another meeting (which Outlook
  // allows and tcon does not) becomes a skip and a one-off, and the file is written again.
  let text = '';
  let problems: ConfigProblem[] = [];
  for (let round = 0; round < 20; round++) {
    text = render();
    problems = parseGroup(text, `${id}.yaml`).problems.filter((p) => p.severity === 'error');
    const fixable = problems
      .map((p) => /^(?:series\[(\d+)\]\.)?meetings\["(\d{4}-\d{2}-\d{2})"\]\.move$/.exec(p.field))
      .filter((m): m is RegExpExecArray => !!m);
    if (!fixable.length) break;
    for (const m of fixable) {
      const s = m[1] !== undefined ? series[Number(m[1])] : series.find((x) => x.meetings.get(m[2]!)?.move);
      const entry = s?.meetings.get(m[2]!);
      if (!s || !entry?.move) continue;
      const inst = s.instances.find((i) => i.override && groupKey(zone, s, i.ruleStart) === m[2]);
      s.meetings.set(m[2]!, { skip: 'moved in the calendar onto another meeting (a one-off here)' });
      if (inst?.override) {
        notes.push(
          `${describe(inst.override)}: moved from ${m[2]} onto or past another meeting of the group, which a tcon series cannot hold: kept as a one-off`,
        );
        addOneOff(
          inst.override.start,
          inst.override.length,
          inst.override.summary,
          joinLink(inst.override.component),
          `moved from ${m[2]} (UID ${commentText(inst.override.uid, 60)})`,
        );
      }
    }
  }
  const membersWithoutZone = [...members.values()].map((p) => p.name ?? p.email);
  summary.unshift(
    `${series.length} series, ${oneOffs.length} one-off${oneOffs.length === 1 ? '' : 's'}, ${members.size} member${members.size === 1 ? '' : 's'}${organizer ? `, organizer ${organizer.email}` : ''}; group zone ${zone}`,
  );
  return { id, text, zone, notes, summary, membersWithoutZone, window, problems };

  function render(): string {
    const L: string[] = [];
    L.push('# yaml-language-server: $schema=../schema/group.schema.json');
    L.push(
      `# Imported from the calendar export ${commentText(opts.file)} by "tcon import ics"${cal.prodid ? ` (written by ${commentText(cal.prodid, 80)})` : ''}.`,
    );
    L.push(keyLine('', 'id', scalar(id), opts.group ? '--group' : cal.name ? 'from the calendar name (X-WR-CALNAME)' : 'from the title'));
    L.push(keyLine('', 'title', scalar(title), cal.name ? 'X-WR-CALNAME' : 'the SUMMARY of most meetings'));
    const zr = [...cal.zones.entries()].find(([, z]) => z.zone === zone);
    L.push(
      keyLine(
        '',
        'timezone',
        scalar(zone),
        opts.zone
          ? '--zone'
          : zr
            ? `TZID ${JSON.stringify(zr[0])}${zr[1].how === 'windows' ? ' (a Windows name: CLDR windowsZones)' : ''}: the zone of most series`
            : 'the zone of most events',
      ),
    );
    L.push(keyLine('', 'duration', String(duration), durations.size === 1 ? 'DTEND - DTSTART of the series' : 'default of one-offs; each series says its own'));
    if (organizer) {
      const name = headerText(organizer.name ?? organizer.email.split('@')[0]!).text;
      L.push(keyLine('', 'organizer', flow({ name, email: organizer.email }), 'ORGANIZER'));
    }
    if (link) L.push(keyLine('', 'link', scalar(link), 'the join link of most meetings'));
    if (!series.length) L.push('series: []   # no recurring event');
    else L.push('series:');
    series.forEach((s) => {
      for (const c of s.comments) L.push(...commentLines(c, '  '));
      let first = true;
      const put = (key: string, value: string, comment?: string) => {
        L.push(keyLine(first ? '  - ' : '    ', key, value, comment));
        first = false;
      };
      if (s.id) put('id', scalar(s.id), 'runs beside the other series');
      if (s.title && s.title !== title) put('title', scalar(headerText(s.title).text), 'SUMMARY');
      if (s.link && s.link !== link) put('link', scalar(s.link), 'join link');
      put('from', s.from, 'DTSTART');
      if (s.until) put('until', s.until, 'the last meeting (UNTIL or COUNT)');
      put('rule', scalar(s.rule), 'RRULE without UNTIL and COUNT');
      const slotText = (t: string) => `${t}${s.zone === zone ? '' : ` ${s.zone}`}${s.pinDay ? ' +0d' : ''}`;
      if (s.slots.length === 1)
        put(
          'slots',
          `[${quoted(slotText(s.slots[0]!.time))}]`,
          s.zone === zone ? "DTSTART's time" : `DTSTART's time in its own zone${s.pinDay ? " (+0d: the rule's dates are days there)" : ''}`,
        );
      else {
        L.push(`${first ? '  - ' : '    '}slots:`);
        first = false;
        for (const x of s.slots) L.push(`      - ${x.label ? flow({ time: slotText(x.time), label: headerText(x.label).text }) : quoted(slotText(x.time))}`);
      }
      if (s.rotation)
        put(
          'rotation',
          flow({ mode: s.rotation.mode, anchor: s.rotation.anchor }),
          s.rotation.mode === 'month' ? 'the slots take turns month by month' : 'the slots take turns week by week',
        );
      if (durations.size !== 1) put('duration', String(s.duration), 'DTEND - DTSTART');
      const own = s.id ? s.meetings : new Map<IsoDate, Record<string, string | number | undefined>>();
      if (own.size) {
        L.push('    meetings:');
        for (const [d, e] of [...own].sort((x, y) => (x[0] < y[0] ? -1 : 1))) L.push(`      ${d}: ${flow(e)}`);
      }
    });
    const group = new Map<IsoDate, { entry?: Record<string, string | number | undefined>; adds: OneOff[] }>();
    for (const s of series) if (!s.id) for (const [d, e] of s.meetings) group.set(d, { entry: e, adds: [] });
    for (const o of oneOffs) {
      const g = group.get(o.date) ?? { adds: [] };
      g.adds.push(o);
      group.set(o.date, g);
    }
    if (group.size) {
      L.push('meetings:');
      for (const [d, g] of [...group].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
        const adds = g.adds.map((o) =>
          flow({
            time: o.time,
            title: o.title && o.title !== title ? headerText(o.title).text : undefined,
            duration: o.duration !== duration ? o.duration : undefined,
            link: o.link && o.link !== link ? o.link : undefined,
          }),
        );
        const parts = { ...(g.entry ?? {}) };
        const body = Object.entries(parts)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}: ${scalar(v as string | number)}`);
        if (adds.length) body.push(`add: [${adds.join(', ')}]`);
        const why = [...new Set(g.adds.map((o) => o.comment))];
        L.push(`  ${d}: { ${body.join(', ')} }${why.length ? `   # ${commentText(why.join('; '), 200)}` : ''}`);
      }
    }
    if (members.size) {
      L.push('members:   # ATTENDEEs (no zone in a calendar: add zone: or region: to each for tcon check and suggest)');
      for (const p of [...members.values()].sort((a, b) => (a.email < b.email ? -1 : 1))) {
        const role = p.role === 'CHAIR' ? 'chair' : p.role === 'OPT-PARTICIPANT' || p.role === 'NON-PARTICIPANT' ? 'observer' : undefined;
        L.push(`  - ${flow({ name: headerText(p.name ?? p.email.split('@')[0]!).text, email: p.email, role })}`);
      }
    }
    return `${L.join('\n')}\n`;
  }
}

/** The `meetings:` key of a series' instance: the date the rule places it on, in the group's zone. */
function groupKey(zone: string, s: SeriesDraft, ruleStart: WallTime): IsoDate {
  return s.zone === zone ? ruleStart.date : dayIn(zone, ruleStart.ms);
}
