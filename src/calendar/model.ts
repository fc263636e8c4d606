/*
 * Occurrences -> calendar events (pure). The model says which VEVENTs exist, with which UID,
 * RECURRENCE-ID, times and texts; render.ts only turns it into text, so the change tracking
 * (changes.ts) and every output form (PUBLISH, REQUEST, CANCEL) share one identity of events.
 */
import { DateTime } from 'luxon';
import { buildSchedule } from '../schedule/build.js';
import { expandDates, ruleParts } from '../schedule/recurrence.js';
import type { Group, IsoDate, Occurrence, Series, Window } from '../schedule/types.js';
import { offsetAt, zoneOf } from '../schedule/zoned.js';
import { icsUtc, icsWall, readWall, wallReadsBack, type Wall } from './wall.js';

/** A date-time value as written: a wall time with TZID, or an instant in UTC form. */
export type IcsTime = { tzid: string; wall: string } | { utc: string };

/** One meeting as change tracking sees it. */
export interface Meeting {
  /** The rule date (key of `meetings:` in the config); for one-offs, their date. */
  ruleDate: IsoDate;
  start: DateTime;
  end: DateTime;
  /** RECURRENCE-ID of this meeting within its series (undefined for events of their own). */
  recurrenceId: IcsTime | undefined;
  occurrence: Occurrence;
}

interface EventBase {
  uid: string;
  seriesId: string | null;
  title: string;
  note: string | undefined;
  link: string | undefined;
  /** TZID of DTSTART/DTEND (and RECURRENCE-ID, EXDATE); 'UTC' means the UTC form. */
  zone: string;
}

/** A recurring series: one master VEVENT with RRULE, EXDATEs and its overrides. */
export interface SeriesEvent extends EventBase {
  kind: 'series';
  series: Series;
  /** DTSTART: the first rule date at the first slot's wall time, in `zone` (the slot's zone). */
  dtstart: Wall;
  /** The master instance's length: DTEND = DTSTART + duration. */
  duration: number;
  /** The RRULE as written, UNTIL included (UNTIL in UTC, as RFC 5545 asks with a TZID DTSTART). */
  rrule: string;
  /** Wall times (in `zone`) of rule instances that are not held in the window. */
  exdates: Wall[];
  /** Instances that differ from the master (other slot, moved, own title/note/link/length). */
  overrides: OverrideEvent[];
  /** Every meeting held, by rule date, overridden or not. */
  meetings: Meeting[];
}

/** A RECURRENCE-ID instance of a series. */
export interface OverrideEvent extends EventBase {
  kind: 'override';
  recurrenceId: IcsTime;
  meeting: Meeting;
}

/** An event of its own: an added one-off, or a meeting of a series no client form can express. */
export interface SingleEvent extends EventBase {
  kind: 'single';
  meeting: Meeting;
}

export type CalendarEvent = SeriesEvent | SingleEvent;

export interface CalendarModel {
  group: Group;
  window: Window;
  events: CalendarEvent[];
  /** Things the calendar could not say the preferred way (e.g. a rule Outlook cannot map). */
  warnings: string[];
}

const UID_DOMAIN = 'tcon.invalid';

/** UID of a series: group id + series identity, stable whatever the window or the time. */
export function seriesUid(groupId: string, seriesId: string): string {
  return `${groupId}-${seriesId}@${UID_DOMAIN}`;
}

/** UID of one meeting written as an event of its own. */
export function meetingUid(groupId: string, key: string): string {
  return `${groupId}-${key}@${UID_DOMAIN}`;
}

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
      if (!bymonth) return byday || bymonthday ? 'a yearly rule with BYDAY/BYMONTHDAY but no BYMONTH' : firstDate.slice(5) === '02-29' ? 'a yearly rule on 29 February' : undefined;
      if (bymonth.length !== 1) return 'a yearly rule in several months';
      if (byday) return byday.length === 1 && nthOk(byday[0]!) ? undefined : 'BYDAY other than one first..fourth or last weekday';
      if (bymonthday) return bymonthday.length === 1 && dayOk(bymonthday[0]!) ? undefined : 'BYMONTHDAY other than one day 1..28';
      return firstDay <= 28 ? undefined : 'a yearly rule on day 29..31';
    default:
      return `FREQ=${freq ?? '?'}`;
  }
}

function texts(o: Occurrence) {
  return { title: o.title, note: o.note, link: o.link };
}

/**
 * The zone to write a single instant in: `preferred`, unless its wall time there is ambiguous
 * (fall-back overlap), in which case only the UTC form says which instant is meant.
 */
function zoneFor(preferred: string, ...instants: DateTime[]): string {
  return instants.every((dt) => wallReadsBack(dt, preferred)) ? preferred : 'UTC';
}

function meetingOf(o: Occurrence, recurrenceId: IcsTime | undefined): Meeting {
  return { ruleDate: o.ruleDate, start: o.start, end: o.end, recurrenceId, occurrence: o };
}

function singleEvent(group: Group, o: Occurrence, uid: string): SingleEvent {
  return {
    kind: 'single',
    uid,
    seriesId: o.seriesId,
    ...texts(o),
    zone: zoneFor(group.timezone, o.start, o.end),
    meeting: meetingOf(o, undefined),
  };
}

function seriesEvents(group: Group, series: Series, window: Window, occs: Occurrence[], warnings: string[]): CalendarEvent[] {
  const held = occs.filter((o) => o.status !== 'skipped');
  if (held.length === 0) return [];
  const byDate = new Map(held.map((o) => [o.ruleDate, o]));
  const ruleDates = [...byDate.keys()].sort();
  const first = ruleDates[0]!;
  const last = ruleDates[ruleDates.length - 1]!;
  const why = outlookUnmappable(series.rule, first);
  if (why) {
    warnings.push(`${group.id} series ${series.id} (${series.rule}): ${why}; written as one event per meeting`);
    return held.map((o) => singleEvent(group, o, meetingUid(group.id, `${series.id}-${o.ruleDate}`)));
  }
  const slot0 = series.slots[0]!;
  // The master is written in the first slot's zone, not the group zone: an RRULE repeats the
  // wall time of DTSTART in its TZID, and a slot kept at "14:00 UTC" or "16:00 Europe/London"
  // moves against the group zone at DST changes (and the two zones change on different dates).
  // For slots in the group zone, as usual, the two are the same.
  const zone = slot0.zone;
  const uid = seriesUid(group.id, series.id);
  // The master covers the rule dates of every meeting shown in the window (a meeting moved into
  // the window from a rule date outside it included), so every meeting keeps its RECURRENCE-ID
  // whatever the window. Rule dates in that range without a meeting shown become EXDATEs.
  const dates = expandDates(series.rule, series.from ?? window.from, first, last);
  const wallAt = (date: IsoDate): Wall => ({ date, hour: slot0.hour, minute: slot0.minute });
  const exdates: Wall[] = [];
  const overrides: OverrideEvent[] = [];
  const meetings: Meeting[] = [];
  const singles: SingleEvent[] = [];
  for (const date of dates) {
    const o = byDate.get(date);
    if (!o) {
      exdates.push(wallAt(date));
      continue;
    }
    const master = readWall(wallAt(date), zone);
    // RECURRENCE-ID names the instance as the rule produces it: the master's TZID and the exact
    // wall time (even one in a DST gap), which is how clients match it (ical.js by wall time).
    const recurrenceId: IcsTime = zone === 'UTC' ? { utc: `${icsWall(wallAt(date))}Z` } : { tzid: zone, wall: icsWall(wallAt(date)) };
    // Overrides share the TZID of their RECURRENCE-ID (one TZID per event in ical-generator, and
    // the clearest form anyway). A meeting whose own start or end cannot be said in that zone
    // (the later 01:30 of a fall-back night) leaves the series: EXDATE plus an event of its own
    // (in the group zone if it reads back there, else in UTC form). Rare, and the only form no
    // client can misread.
    if (!wallReadsBack(o.start, zone) || !wallReadsBack(o.end, zone)) {
      exdates.push(wallAt(date));
      singles.push(singleEvent(group, o, meetingUid(group.id, `${series.id}-${o.ruleDate}`)));
      continue;
    }
    const meeting = meetingOf(o, recurrenceId);
    meetings.push(meeting);
    // A master instance in a DST gap or overlap is read differently by different clients
    // (ical.js reads a gap with the offset after it, RFC 5545 with the one before), and clients
    // add the length either exactly (RFC 5545) or on the wall clock (ical.js), which differs for
    // a meeting spanning a DST change: such meetings are written out as overrides.
    const spansChange = offsetAt(zone, o.start.toMillis()) !== offsetAt(zone, o.end.toMillis());
    const same =
      master.kind === 'ok' &&
      !spansChange &&
      o.status === 'scheduled' &&
      o.start.toMillis() === master.ms &&
      o.end.toMillis() - o.start.toMillis() === series.duration * 60_000 &&
      o.title === group.title &&
      o.note === undefined &&
      o.link === group.link;
    if (same) continue;
    overrides.push({ kind: 'override', uid, seriesId: series.id, ...texts(o), zone, recurrenceId, meeting });
  }
  if (meetings.length === 0) return singles;
  // UNTIL: the end of the last rule date's day in the master's zone, in UTC (RFC 5545 3.3.10:
  // UTC when DTSTART has a TZID). Any instant of that day is covered, however a client reads a
  // DST-affected wall time, and the next rule date (a later day) is not.
  const until = DateTime.fromISO(`${last}T23:59:59`, { zone: zoneOf(zone) }).toUTC();
  // BYDAY ordinals without "+" (rrule.js prints "+3TU"): Outlook maps only RRULEs that fit its
  // templates (MS-OXCICAL 2.1.3.2.2), whose weeknum is "-1" or "1".."4", unsigned; Outlook, Google
  // and Apple all write "3TU". The fingerprint keeps the normalised rule, so state is unaffected.
  const rrule = `${series.rule.replace(/(BYDAY=|,)\+(?=\d)/g, '$1')};UNTIL=${icsUtc(until)}`;
  return [
    {
      kind: 'series',
      uid,
      seriesId: series.id,
      title: group.title,
      note: undefined,
      link: group.link,
      zone,
      series,
      dtstart: wallAt(first),
      duration: series.duration,
      rrule,
      exdates,
      overrides,
      meetings,
    },
    ...singles,
  ];
}

/** Minutes since midnight, for one-off keys. */
function addedKey(o: Occurrence, rank: number): string {
  return `add-${o.ruleDate}-${rank}`;
}

/**
 * The calendar events of `group` for the meetings in `window` (the meetings `buildSchedule`
 * gives for the same window: expanding the events gives exactly their instants).
 */
export function buildCalendarModel(group: Group, window: Window, schedule: Occurrence[] = buildSchedule(group, window)): CalendarModel {
  const warnings: string[] = [];
  const events: CalendarEvent[] = [];
  for (const series of group.series) {
    const occs = schedule.filter((o) => o.seriesId === series.id);
    if (occs.length > 0) events.push(...seriesEvents(group, series, window, occs, warnings));
  }
  // One-offs are keyed by their date and rank on that date, so changing the time of an added
  // meeting updates it (same UID) instead of cancelling it and adding another.
  const ranks = new Map<IsoDate, number>();
  for (const o of schedule.filter((x) => x.status === 'added')) {
    const rank = ranks.get(o.ruleDate) ?? 0;
    ranks.set(o.ruleDate, rank + 1);
    events.push(singleEvent(group, o, meetingUid(group.id, addedKey(o, rank))));
  }
  return { group, window, events, warnings };
}

/** Every meeting of the model, in start order. */
export function modelMeetings(model: CalendarModel): Meeting[] {
  return model.events
    .flatMap((e) => (e.kind === 'series' ? e.meetings : [e.meeting]))
    .sort((a, b) => a.start.toMillis() - b.start.toMillis());
}
