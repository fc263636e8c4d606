/*
 * Occurrences -> calendar events (pure). The model says which VEVENTs exist, with which UID,
 * RECURRENCE-ID, times and texts; render.ts only turns it into text, so the change tracking
 * (changes.ts) and every output form (PUBLISH, REQUEST, CANCEL) share one identity of events.
 */
import { DateTime } from 'luxon';
import { buildSchedule, placeSlot } from '../schedule/build.js';
import { addDays, utcOfWall } from '../schedule/dates.js';
import { expandDates, freqFirst, ruleParts } from '../schedule/recurrence.js';
import type { Group, IsoDate, Occurrence, Series, Window } from '../schedule/types.js';
import { endMs, startMs, withSpanOf } from '../schedule/times.js';
import { offsetAt, zoneOf } from '../schedule/zoned.js';
import { meetingDate, meetingUid, planChunks, scheduleWindow } from './chunks.js';
import type { CalendarEvent, CalendarModel, Chunk, IcsTime, Meeting, OverrideEvent, SeriesEvent, SingleEvent } from './types.js';

export type { CalendarEvent, CalendarModel, IcsTime, Meeting, OverrideEvent, SeriesEvent, SingleEvent } from './types.js';
export { meetingDate };
import { icsUtc, icsWall, msReadsBack, readWallMs, type Wall } from './wall.js';

export { chunkUid, meetingUid, seriesUid, type Chunk } from './chunks.js';

/**
 * Why `rule` has no form Outlook can map, or undefined when it has one. Outlook's recurrence
 * templates are: daily every N days; weekly every N weeks on a set of weekdays; monthly on day D
 * or on the first..fourth/last weekday; yearly on a month's day D or its nth weekday. Anything
 * else (BYSETPOS, BYWEEKNO, BYYEARDAY, several month days, a 5th weekday...) Outlook either
 * refuses or reinterprets. Month days above 28 are refused too: Outlook moves "day 31" to the
 * last day of short months where RFC 5545 skips those months.
 */
export function outlookUnmappable(rule: string, firstDate: IsoDate): string | undefined {
  const parts = ruleParts(rule);
  const allowed = new Set(['FREQ', 'INTERVAL', 'WKST', 'BYDAY', 'BYMONTHDAY', 'BYMONTH']);
  for (const k of parts.keys()) if (!allowed.has(k)) return `${k} has no Outlook equivalent`;
  const freq = parts.get('FREQ');
  const byday = parts.get('BYDAY')?.split(',');
  const bymonthday = parts.get('BYMONTHDAY')?.split(',');
  const bymonth = parts.get('BYMONTH')?.split(',');
  const nth = (d: string) => /^[+-]?\d+/.test(d);
  const nthOk = (d: string) => /^(\+?[1-4]|-1)(MO|TU|WE|TH|FR|SA|SU)$/.test(d);
  const dayOk = (d: string) => /^\d+$/.test(d) && Number(d) >= 1 && Number(d) <= 28;
  const firstDay = Number(firstDate.slice(8, 10));
  switch (freq) {
    case 'DAILY':
      return byday || bymonthday || bymonth ? 'a daily rule with BYDAY/BYMONTHDAY/BYMONTH' : undefined;
    case 'WEEKLY':
      if (bymonthday || bymonth) return 'a weekly rule with BYMONTHDAY/BYMONTH';
      return byday?.some(nth) ? 'a weekly rule with numbered weekdays' : undefined;
    case 'MONTHLY':
      if (bymonth) return 'a monthly rule with BYMONTH';
      if (byday && bymonthday) return 'both BYDAY and BYMONTHDAY';
      if (byday) return byday.length === 1 && nthOk(byday[0]!) ? undefined : 'BYDAY other than one first..fourth or last weekday';
      if (bymonthday) return bymonthday.length === 1 && dayOk(bymonthday[0]!) ? undefined : 'BYMONTHDAY other than one day 1..28';
      return firstDay <= 28 ? undefined : 'a monthly rule on day 29..31';
    case 'YEARLY':
      if (byday && bymonthday) return 'both BYDAY and BYMONTHDAY';
      if (!bymonth)
        return byday || bymonthday
          ? 'a yearly rule with BYDAY/BYMONTHDAY but no BYMONTH'
          : firstDate.slice(5) === '02-29'
            ? 'a yearly rule on 29 February'
            : undefined;
      if (bymonth.length !== 1) return 'a yearly rule in several months';
      if (byday) return byday.length === 1 && nthOk(byday[0]!) ? undefined : 'BYDAY other than one first..fourth or last weekday';
      if (bymonthday) return bymonthday.length === 1 && dayOk(bymonthday[0]!) ? undefined : 'BYMONTHDAY other than one day 1..28';
      return firstDay <= 28 ? undefined : 'a yearly rule on day 29..31';
    default:
      return `FREQ=${freq ?? '?'}`;
  }
}

/**
 * The zone to write a single instant in: `preferred`, unless its wall time there is ambiguous
 * (fall-back overlap), in which case only the UTC form says which instant is meant.
 */
function zoneFor(preferred: string, o: Occurrence): string {
  return msReadsBack(startMs(o), preferred) && msReadsBack(endMs(o), preferred) ? preferred : 'UTC';
}

/** The meeting of `o`: its instants are read as DateTimes only when asked (schedule/times.ts). */
function meetingOf(o: Occurrence, recurrenceId: IcsTime | undefined): Meeting {
  const m = withSpanOf({ ruleDate: o.ruleDate }, o) as Meeting;
  m.recurrenceId = recurrenceId;
  m.occurrence = o;
  return m;
}

function singleEvent(group: Group, o: Occurrence, uid: string): SingleEvent {
  return {
    kind: 'single',
    uid,
    seriesId: o.seriesId,
    title: o.title,
    note: o.note,
    link: o.link,
    zone: zoneFor(group.timezone, o),
    meeting: meetingOf(o, undefined),
  };
}

/**
 * How a series' master VEVENT repeats: the zone of DTSTART and RECURRENCE-IDs, the wall time of
 * each instance, the days from a rule date to its instance's date there, and the RRULE.
 * Normally the first slot's zone and time, on the rule dates. A first slot with a day offset
 * (`"00:00 UTC +1d"`) is held on other dates in its zone than the rule's: a weekly or daily
 * rule is shifted by as many weekdays (the week's start too, so "every other week on Saturday
 * and Sunday" stays in one week); other rules repeat in the group's zone, at the first slot's
 * time there, and the instances the other half of the year (the zones' DST differs) are
 * overrides.
 */
interface Master {
  zone: string;
  hour: number;
  minute: number;
  shift: number;
  rule: string;
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function shiftWeekly(rule: string, days: number): string | undefined {
  const parts = ruleParts(rule);
  const freq = parts.get('FREQ');
  const keys = [...parts.keys()];
  if (freq === 'DAILY' && keys.every((k) => k === 'FREQ' || k === 'INTERVAL')) return rule;
  if (freq !== 'WEEKLY' || !keys.every((k) => ['FREQ', 'INTERVAL', 'BYDAY', 'WKST'].includes(k))) return undefined;
  const turn = (d: string) => WEEKDAYS[(((WEEKDAYS.indexOf(d) + days) % 7) + 7) % 7]!;
  const byday = parts.get('BYDAY')?.split(',');
  if (byday?.some((d) => !WEEKDAYS.includes(d))) return undefined;
  const out = rule.split(';').map((p) => {
    const [k, v] = p.split('=') as [string, string];
    if (k === 'BYDAY') return `BYDAY=${v.split(',').map(turn).join(',')}`;
    if (k === 'WKST') return `WKST=${turn(v)}`;
    return p;
  });
  if (!parts.has('WKST') && Number(parts.get('INTERVAL') ?? '1') > 1 && (byday?.length ?? 0) > 1) out.push(`WKST=${turn('MO')}`);
  return out.join(';');
}

function masterOf(group: Group, series: Series, first: IsoDate): Master {
  const slot0 = series.slots[0]!;
  if (slot0.days === 0) return { zone: slot0.zone, hour: slot0.hour, minute: slot0.minute, shift: 0, rule: series.rule };
  const shifted = shiftWeekly(series.rule, slot0.days);
  if (shifted) return { zone: slot0.zone, hour: slot0.hour, minute: slot0.minute, shift: slot0.days, rule: shifted };
  const at = placeSlot(group, slot0, first).would.setZone(zoneOf(group.timezone));
  return { zone: group.timezone, hour: at.hour, minute: at.minute, shift: 0, rule: series.rule };
}

const inSpan = (d: IsoDate, s: { from: IsoDate; to: IsoDate }) => d >= s.from && d <= s.to;

/**
 * Moved meetings a client cannot keep as exceptions of the series. Outlook's recurrence model
 * (MS-OXOCAL, PidLidAppointmentRecur) allows no two instances to start on the same day, and an
 * exception must start after the end of the instance before it and end before the start of the
 * next one (exceptions included). Meetings held where the rule put them are kept; each moved
 * one is checked, in rule order, against its neighbours in the series (days in the series'
 * zone). Returns the rule dates of the moved meetings that must leave the series.
 */
export function outOfOrderMoves(meetings: readonly Occurrence[], zone: string): Set<IsoDate> {
  const out = new Set<IsoDate>();
  if (!meetings.some((o) => o.status === 'moved')) return out;
  const day = (dt: DateTime) => dt.setZone(zoneOf(zone)).toISODate()!;
  const kept = meetings.filter((o) => o.status !== 'moved');
  for (const o of meetings) {
    if (o.status !== 'moved') continue;
    const prev = [...kept].reverse().find((k) => k.ruleDate < o.ruleDate);
    const next = kept.find((k) => k.ruleDate > o.ruleDate);
    const ok =
      (!prev || (day(prev.start) < day(o.start) && prev.end.toMillis() <= o.start.toMillis())) &&
      (!next || (day(o.start) < day(next.start) && o.end.toMillis() <= next.start.toMillis()));
    if (!ok) out.add(o.ruleDate);
    else {
      kept.push(o);
      kept.sort((a, b) => (a.ruleDate < b.ruleDate ? -1 : 1));
    }
  }
  return out;
}

/**
 * The rule dates of a series in from..to, counted from its `from` (or, for an open first series,
 * from where the schedule was expanded: buildSchedule counts from there too).
 */
function ruleDates(series: Series, anchor: IsoDate, from: IsoDate, to: IsoDate): IsoDate[] {
  const lo = series.from && series.from > from ? series.from : from;
  const hi = series.until && series.until < to ? series.until : to;
  return expandDates(series.rule, series.from ?? anchor, lo, hi);
}

/**
 * The events of one series for a run: one recurring event per chunk (chunks.ts), and events of
 * their own for the meetings no chunk can hold (a rule with no Outlook form, a move Outlook
 * cannot keep as an exception or out of its chunk's year, a time a zone cannot say). Own events
 * are written for the meetings held in `window`.
 */
function seriesEvents(
  group: Group,
  series: Series,
  window: Window,
  anchor: IsoDate,
  chunks: readonly Chunk[],
  occs: Occurrence[],
  warnings: string[],
): CalendarEvent[] {
  const held = occs.filter((o) => o.status !== 'skipped');
  if (held.length === 0) return [];
  const single = (o: Occurrence) => singleEvent(group, o, meetingUid(group.id, `${series.id}-${o.ruleDate}`));
  const ownInWindow = (list: Occurrence[]) => list.filter((o) => inSpan(meetingDate(o, group.timezone), window)).map(single);
  // The master is written in the first slot's zone, not the group zone: an RRULE repeats the
  // wall time of DTSTART in its TZID, and a slot kept at "14:00 UTC" or "16:00 Europe/London"
  // moves against the group zone at DST changes (and the two zones change on different dates).
  // For slots in the group zone, as usual, the two are the same.
  const master = masterOf(group, series, held[0]!.ruleDate);
  const why = outlookUnmappable(master.rule, addDays(held[0]!.ruleDate, master.shift));
  if (why) {
    warnings.push(`${group.id} series ${series.id} (${master.rule}): ${why}; written as one event per meeting`);
    return ownInWindow(held);
  }
  const zone = master.zone;
  const outOfOrder = outOfOrderMoves(held, zone);
  const chunkOf = (d: IsoDate) => chunks.find((c) => inSpan(d, c));
  const own: Occurrence[] = [];
  const byChunk = new Map<string, Map<IsoDate, Occurrence>>();
  for (const o of held) {
    // A meeting belongs to the chunk (year) of its date in the group's zone.
    const c = chunkOf(o.date);
    // A meeting leaves its series when Outlook could not keep the move, or when it is held in
    // another chunk's span than its rule date's (moved across the turn of a year).
    if (outOfOrder.has(o.ruleDate) || (o.status === 'moved' && chunkOf(meetingDate(o, group.timezone)) !== c) || !c) {
      own.push(o);
      continue;
    }
    let m = byChunk.get(c.uid);
    if (!m) byChunk.set(c.uid, (m = new Map()));
    m.set(o.ruleDate, o);
  }
  const out: CalendarEvent[] = [];
  for (const chunk of chunks) {
    const byDate = byChunk.get(chunk.uid) ?? new Map<IsoDate, Occurrence>();
    const event = chunkEvent(group, series, chunk, anchor, master, byDate, own);
    if (event) out.push(event);
  }
  out.push(...ownInWindow(own.sort((a, b) => startMs(a) - startMs(b))));
  return out;
}

/** The recurring event of one chunk; meetings it cannot say exactly go to `own`. */
function chunkEvent(
  group: Group,
  series: Series,
  chunk: Chunk,
  anchor: IsoDate,
  master: Master,
  byDate: Map<IsoDate, Occurrence>,
  own: Occurrence[],
): SeriesEvent | undefined {
  if (byDate.size === 0) return undefined;
  const zone = master.zone;
  let first: IsoDate | undefined;
  let last: IsoDate | undefined;
  byDate.forEach((_, d) => {
    if (first === undefined || d < first) first = d;
    if (last === undefined || d > last) last = d;
  });
  const dates = ruleDates(series, anchor, first!, last!);
  // The instance of a rule date, as the master's RRULE produces it (a shifted rule: days later).
  const wallAt = (date: IsoDate): Wall => ({ date: master.shift ? addDays(date, master.shift) : date, hour: master.hour, minute: master.minute });
  const exdates: Wall[] = [];
  const overrides: OverrideEvent[] = [];
  const meetings: Meeting[] = [];
  const title = series.title ?? group.title;
  const link = series.link ?? group.link;
  const length = series.duration * 60_000;
  for (let i = 0; i < dates.length; i++) {
    const date = dates[i]!;
    const o = byDate.get(date);
    if (!o) {
      exdates.push(wallAt(date));
      continue;
    }
    const wallDate = master.shift ? addDays(date, master.shift) : date;
    const instance = readWallMs(utcOfWall(wallDate, master.hour, master.minute), zone);
    const start = startMs(o);
    const end = endMs(o);
    // Overrides share the TZID of their RECURRENCE-ID (one TZID per event in ical-generator, and
    // the clearest form anyway). A meeting whose own start or end cannot be said in that zone
    // (the later 01:30 of a fall-back night) leaves the series: EXDATE plus an event of its own
    // (in the group zone if it reads back there, else in UTC form). Rare, and the only form no
    // client can misread.
    if (!msReadsBack(start, zone) || !msReadsBack(end, zone)) {
      exdates.push(wallAt(date));
      own.push(o);
      continue;
    }
    // RECURRENCE-ID names the instance as the rule produces it: the master's TZID and the exact
    // wall time (even one in a DST gap), which is how clients match it (ical.js by wall time).
    const wallText = icsWall({ date: wallDate, hour: master.hour, minute: master.minute });
    const recurrenceId: IcsTime = zone === 'UTC' ? { utc: `${wallText}Z` } : { tzid: zone, wall: wallText };
    const meeting = meetingOf(o, recurrenceId);
    meetings.push(meeting);
    // A master instance in a DST gap or overlap is read differently by different clients
    // (ical.js reads a gap with the offset after it, RFC 5545 with the one before), and clients
    // add the length either exactly (RFC 5545) or on the wall clock (ical.js), which differs for
    // a meeting spanning a DST change: such meetings are written out as overrides.
    const same =
      instance.kind === 'ok' &&
      o.status === 'scheduled' &&
      start === instance.ms &&
      end - start === length &&
      o.title === title &&
      o.note === series.note &&
      o.link === link &&
      offsetAt(zone, start) === offsetAt(zone, end);
    if (same) continue;
    overrides.push({ kind: 'override', uid: chunk.uid, seriesId: series.id, title: o.title, note: o.note, link: o.link, zone, recurrenceId, meeting });
  }
  if (meetings.length === 0) return undefined;
  // Trailing and leading rule dates whose meeting left the series are not part of it.
  while (exdates.length && exdates[exdates.length - 1]!.date > meetings[meetings.length - 1]!.ruleDate) exdates.pop();
  while (exdates.length && exdates[0]!.date < meetings[0]!.ruleDate) exdates.shift();
  const firstHeld = meetings[0]!.ruleDate;
  const lastHeld = meetings[meetings.length - 1]!.ruleDate;
  // UNTIL: the end of the last rule date's day in the master's zone, in UTC (RFC 5545 3.3.10:
  // UTC when DTSTART has a TZID). Any instant of that day is covered, however a client reads a
  // DST-affected wall time, and the next rule date (a later day) is not.
  const until = dayEnd(wallAt(lastHeld).date, zone);
  // BYDAY ordinals without "+" (rrule.js prints "+3TU"): Outlook maps only RRULEs that fit its
  // templates (MS-OXCICAL 2.1.3.2.2), whose weeknum is "-1" or "1".."4", unsigned; Outlook, Google
  // and Apple all write "3TU". The fingerprint keeps the normalised rule, so state is unaffected.
  const rrule = `${freqFirst(master.rule).replace(/(BYDAY=|,)\+(?=\d)/g, '$1')};UNTIL=${icsUtc(until)}`;
  return {
    kind: 'series',
    uid: chunk.uid,
    seriesId: series.id,
    title: series.title ?? group.title,
    note: series.note,
    link: series.link ?? group.link,
    zone,
    series,
    chunk,
    dtstart: wallAt(firstHeld),
    duration: series.duration,
    rrule,
    exdates,
    overrides,
    meetings,
  };
}

/**
 * The instant of `date` 23:59:59 in `zone`, as luxon's fromISO reads it. Without a change of
 * offset within 26 hours either side (nearly always) it is the wall time minus the one offset,
 * computed here; otherwise luxon decides (its reading of a gap or overlap is kept).
 */
function dayEnd(date: IsoDate, zone: string): number {
  const wall = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), 23, 59, 59);
  const off = offsetAt(zone, wall - 26 * 3_600_000);
  const ms = wall - off * 60_000;
  if (+date.slice(0, 4) >= 1000 && off === offsetAt(zone, wall + 26 * 3_600_000) && offsetAt(zone, ms) === off) return ms;
  return DateTime.fromISO(`${date}T23:59:59`, { zone: zoneOf(zone) }).toMillis();
}

/** Minutes since midnight, for one-off keys. */
function addedKey(o: Occurrence, rank: number): string {
  return `add-${o.ruleDate}-${rank}`;
}

/**
 * The calendar events of `group` for a run over `window`: every meeting the schedule holds in
 * the window, in the chunks `chunks` (planChunks; default: the window's own, one per series and
 * year), whose whole spans the schedule must cover (scheduleWindow). Expanding the events gives
 * exactly the schedule's instants over the window and the chunks' spans.
 */
export function buildCalendarModel(
  group: Group,
  window: Window,
  schedule?: Occurrence[],
  chunks: readonly Chunk[] = planChunks(group, window, undefined),
): CalendarModel {
  const span = scheduleWindow(window, chunks);
  const occurrences = schedule ?? buildSchedule(group, span);
  const warnings: string[] = [];
  const events: CalendarEvent[] = [];
  for (const series of group.series) {
    const occs = occurrences.filter((o) => o.seriesId === series.id);
    const mine = chunks.filter((c) => c.seriesId === series.id);
    if (occs.length > 0) events.push(...seriesEvents(group, series, window, span.from, mine, occs, warnings));
  }
  // One-offs are keyed by their date and rank on that date, so changing the time of an added
  // meeting updates it (same UID) instead of cancelling it and adding another.
  const ranks = new Map<IsoDate, number>();
  for (const o of occurrences.filter((x) => x.status === 'added')) {
    const rank = ranks.get(o.ruleDate) ?? 0;
    ranks.set(o.ruleDate, rank + 1);
    if (inSpan(meetingDate(o, group.timezone), window)) events.push(singleEvent(group, o, meetingUid(group.id, addedKey(o, rank))));
  }
  return { group, window, chunks: [...chunks], events, warnings };
}
