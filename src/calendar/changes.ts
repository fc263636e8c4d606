/*
 * Change tracking (pure): what was last published or sent (the state) + the calendar of now ->
 * the new state, the SEQUENCE of every event and meeting, and the changes in words.
 *
 * iTIP (RFC 5546) lets a client replace an event only by one with a higher SEQUENCE, and a
 * meeting disappears only through a CANCEL. So: SEQUENCE goes up on exactly the events whose
 * time, date or rule changed; a meeting or series that vanished from the config gets a CANCEL
 * one SEQUENCE above what was sent. Cancelled things are kept as tombstones, so that one that
 * comes back is sent with a SEQUENCE above its CANCEL.
 *
 * Only meetings inside the window are judged: a run for 2028 does not cancel 2027.
 */
import { DateTime } from 'luxon';
import { isPlainInstant, plainDayText } from '../schedule/dates.js';
import { spanText } from '../schedule/when.js';
import type { IsoDate, Window } from '../schedule/types.js';
import { meetingDate } from './chunks.js';
import type { CalendarEvent, CalendarModel, CalendarState, Cancellation, EventState, GroupState, IcsTime, Meeting, MeetingState, Sequences } from './types.js';

export type { CalendarState, Channel, EventState, GroupState, MeetingState } from './types.js';
import { endMs, startMs, withSpanOf } from '../schedule/times.js';
import { zoneOf } from '../schedule/zoned.js';

export const EMPTY_STATE: CalendarState = { version: 1, feed: {}, invite: {} };

export type ChangeKind = 'added' | 'changed' | 'cancelled' | 'restored';

/** One change the next run makes, with the SEQUENCE it gets. */
export interface CalendarChange {
  kind: ChangeKind;
  /** A whole series (or one-off event) or one meeting of a series. */
  scope: 'series' | 'meeting';
  uid: string;
  /** The meeting's RECURRENCE-ID (scope meeting of a series). */
  recurrenceId: IcsTime | undefined;
  ruleDate: IsoDate | undefined;
  sequence: number;
  title: string;
  before: { start: DateTime; end: DateTime } | undefined;
  after: { start: DateTime; end: DateTime } | undefined;
  /** For a series change: what changed, in words. */
  detail: string | undefined;
}

export interface ChangeResult {
  /** The group's state after this run (to save once the output is written or sent). */
  state: GroupState;
  changes: CalendarChange[];
  /** SEQUENCE numbers to render with. */
  sequences: Sequences;
  /**
   * CANCELs of what vanished and is not removed otherwise: a meeting dropped from an event that
   * is not sent again (its CANCEL is the only news), a whole event gone. A meeting dropped from
   * an event that is sent again needs none: the new REQUEST replaces the whole event.
   */
  cancellations: Cancellation[];
}

/**
 * luxon's toUTC().toISO() ("2027-01-05T14:00:00.000Z") of a meeting's start or end, from the
 * epoch milliseconds (schedule/times.ts) where Date writes the same (years 1000-9999): no luxon
 * object per meeting.
 */
const isoStart = (m: Meeting) => isoOf(startMs(m), m, 'start');
const isoEnd = (m: Meeting) => isoOf(endMs(m), m, 'end');

function isoOf(ms: number, m: Meeting, key: 'start' | 'end'): string {
  if (!isPlainInstant(ms)) return m[key].toUTC().toISO()!;
  // A whole minute (every meeting): the day's text and the clock's, each made once.
  const day = Math.floor(ms / 86_400_000);
  const minute = (ms - day * 86_400_000) / 60_000;
  return Number.isInteger(minute) ? plainDayText(day) + isoClock(minute) : new Date(ms).toISOString();
}

/** `THH:mm:00.000Z` of each minute of the day, made once. */
const isoClocks: string[] = [];

function isoClock(minute: number): string {
  return (isoClocks[minute] ??= `T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000Z`);
}

function fromIso(s: string, zone: string): DateTime {
  return DateTime.fromISO(s, { zone: 'UTC' }).setZone(zoneOf(zone));
}

function meetingState(m: Meeting, zone: string, groupZone: string, sequence: number): MeetingState {
  const start = isoStart(m);
  const end = isoEnd(m);
  const date = meetingDate(m.occurrence, groupZone);
  // Two literals (no spread of a temporary object per meeting), keys in the one order the state file has.
  return m.recurrenceId ? { sequence, start, end, date, recurrenceId: m.recurrenceId, zone } : { sequence, start, end, date, zone };
}

/** The significant content of an event beyond its meetings: a change here bumps SEQUENCE. */
export function fingerprint(e: CalendarEvent): string {
  if (e.kind === 'series') {
    const s = e.series;
    const slot0 = s.slots[0]!;
    // A day offset is added only when there is one, so fingerprints written before it existed stay equal.
    const days = slot0.days ? ['days', slot0.days] : [];
    return ['rule', s.rule, 'slot', slot0.time, slot0.zone, ...days, 'dur', s.duration, 'from', s.from ?? '', 'until', s.until ?? ''].join('|');
  }
  return ['at', isoStart(e.meeting), isoEnd(e.meeting)].join('|');
}

function inWindow(date: IsoDate, w: Window): boolean {
  return date >= w.from && date <= w.to;
}

function cancellationOf(uid: string, ev: EventState, ruleDate: IsoDate | undefined, m: MeetingState, sequence: number): Cancellation {
  return {
    uid,
    recurrenceId: ruleDate !== undefined && ev.kind === 'series' ? m.recurrenceId : undefined,
    sequence,
    title: ev.title,
    start: fromIso(m.start, m.zone === 'UTC' ? 'UTC' : m.zone),
    end: fromIso(m.end, m.zone === 'UTC' ? 'UTC' : m.zone),
    zone: m.zone,
    ruleDate,
  };
}

/** The highest SEQUENCE sent for any part of an event, to anyone (see EventState.top). */
export function topSequence(ev: EventState): number {
  return Math.max(ev.top ?? 0, ev.sequence, ...Object.values(ev.meetings).map((m) => m.sequence));
}

/**
 * The SEQUENCE of what an up-to-date member holds. The first format of the state bumped only the
 * override of a moved meeting: there, the version members were sent is the highest of the live
 * parts.
 */
export function eventRevision(ev: EventState): number {
  return Math.max(
    ev.sequence,
    ...Object.values(ev.meetings)
      .filter((m) => !m.cancelled)
      .map((m) => m.sequence),
  );
}

/** A meeting's start and end (DateTimes made when first read: schedule/times.ts). */
const span = (m: { start: DateTime; end: DateTime }) => withSpanOf({}, m);

/** What an event state's `meetings` will be made from when first read (lazyMeetings). */
const pendingMeetings = new WeakMap<EventState, () => Record<IsoDate, MeetingState>>();

/** `meetings` of a state, made into an ordinary property (in its place among the keys). */
function settleMeetings(state: EventState, value: Record<IsoDate, MeetingState>): void {
  pendingMeetings.delete(state);
  Object.defineProperty(state, 'meetings', { value, writable: true, enumerable: true, configurable: true });
}

// One accessor pair for every state (no closures per event): the maker is looked up by the state.
const LAZY_MEETINGS = {
  enumerable: true,
  configurable: true,
  get(this: EventState): Record<IsoDate, MeetingState> {
    const value = pendingMeetings.get(this)!();
    settleMeetings(this, value);
    return value;
  },
  set(this: EventState, value: Record<IsoDate, MeetingState>): void {
    settleMeetings(this, value);
  },
};

/**
 * Adds `meetings` to `state` (after its keys so far) as a value made by `make` when first read,
 * and kept from then on as an ordinary property in its place among the keys; a write before that
 * replaces it. For what a run computes for a state it may not save (tcon ics --no-state): JSON,
 * spreads and deep equality read it like any other property. The key is added, not redefined: an
 * object whose data property becomes an accessor turns into a dictionary (hundreds of bytes an
 * event, kept for the whole run; issue 14).
 */
function lazyMeetings(state: EventState, make: () => Record<IsoDate, MeetingState>): void {
  pendingMeetings.set(state, make);
  Object.defineProperty(state, 'meetings', LAZY_MEETINGS);
}

/**
 * Compares what was last written (`previous`, undefined on a first run) with `model` and says
 * what the next run changes: the new state, SEQUENCE numbers, changes and CANCELs. Pure.
 *
 * SEQUENCE (RFC 5546 2.1.4; Thunderbird and others take an update only when it is higher):
 * - an event is sent whole, every component at one SEQUENCE: the event's revision. Any
 *   significant change (a meeting added, moved or back, the rule, a slot's time, the zone, the
 *   length, the span of dates) makes a new revision, one above every SEQUENCE ever used for the
 *   event, and the whole event goes out again;
 * - a dropped meeting (a skip, a cancellation) gets a CANCEL one above every SEQUENCE used; a
 *   change that only drops meetings keeps the revision (members' copies with the CANCEL are
 *   whole), and when the event changes otherwise too its REQUEST goes one above the CANCELs, so
 *   that a client takes both in either order.
 */
export function computeChanges(previous: GroupState | undefined, model: CalendarModel): ChangeResult {
  const prev = previous?.events ?? {};
  const groupZone = model.group.timezone;
  const window = model.window;
  const next: Record<string, EventState> = {};
  const changes: CalendarChange[] = [];
  const cancellations: Cancellation[] = [];
  const revisions = new Map<string, number>();
  /** The SEQUENCE each meeting last changed at, by UID, then rule date. */
  const changedAt = new Map<string, Map<IsoDate, number>>();
  const chunkUids = new Set(model.chunks.map((c) => c.uid));
  const seriesIds = new Set(model.group.series.map((x) => x.id));

  for (const e of model.events) {
    const old = prev[e.uid];
    const live = old && !old.cancelled ? old : undefined;
    const top = old ? topSequence(old) : -1;
    const fp = fingerprint(e);
    const scope = e.kind === 'series' ? 'series' : 'meeting';
    // Each meeting is keyed by its rule date (a single: its one meeting).
    const meetingsNow: readonly Meeting[] = e.kind === 'series' ? e.meetings : [e.meeting];
    const firstMeeting = meetingsNow[0];
    // A change of the whole event (keys in the order the JSON of `tcon diff` has always had).
    const eventChange = (kind: ChangeKind, sequence: number, before: CalendarChange['before'], detail: string | undefined): CalendarChange => ({
      uid: e.uid,
      recurrenceId: undefined,
      ruleDate: e.kind === 'single' ? e.meeting.ruleDate : undefined,
      title: e.title,
      kind,
      scope,
      sequence,
      before,
      after: firstMeeting && span(firstMeeting),
      detail,
    });
    // An override's zone by its rule date (indexed once: a lookup per meeting scanned them all).
    // Overrides are written in their event's zone (model.ts): the index is made only when one is not.
    let overrideZones: Map<IsoDate, string> | undefined;
    if (e.kind === 'series' && e.overrides.some((o) => o.zone !== e.zone)) {
      overrideZones = new Map();
      for (const o of e.overrides) if (!overrideZones.has(o.meeting.ruleDate)) overrideZones.set(o.meeting.ruleDate, o.zone);
    }

    // Meeting by meeting, against what was written (series only: a single is its one meeting).
    const added: [IsoDate, Meeting][] = [];
    const moved: [IsoDate, Meeting, MeetingState][] = [];
    const restored: [IsoDate, Meeting][] = [];
    const removed: [IsoDate, MeetingState][] = [];
    if (e.kind === 'series' && live) {
      for (const m of meetingsNow) {
        const date = m.ruleDate;
        const om = live.meetings[date];
        if (!om) added.push([date, m]);
        else if (om.cancelled) restored.push([date, m]);
        else if (om.start !== isoStart(m) || om.end !== isoEnd(m)) moved.push([date, m, om]);
      }
      const now = new Set(meetingsNow.map((m) => m.ruleDate));
      for (const [date, om] of Object.entries(live.meetings)) if (!om.cancelled && !now.has(date)) removed.push([date, om]);
    }
    const seriesChanged = !!live && live.fingerprint !== fp;
    const contentChanged = !live || seriesChanged || added.length + moved.length + restored.length > 0;

    let revision: number;
    if (!old) {
      revision = 0;
      changes.push(eventChange('added', revision, undefined, undefined));
    } else if (old.cancelled) {
      revision = top + 1;
      changes.push(eventChange('restored', revision, undefined, undefined));
    } else if (contentChanged) {
      // Dropped meetings get their CANCEL at top + 1 and the event goes out at top + 2: whichever
      // a client reads first, the later one is newer than what it holds.
      revision = top + 1 + (removed.length ? 1 : 0);
      if (seriesChanged) {
        const oldM = e.kind === 'single' ? Object.values(old.meetings)[0] : undefined;
        changes.push(
          eventChange(
            'changed',
            revision,
            oldM ? { start: fromIso(oldM.start, groupZone), end: fromIso(oldM.end, groupZone) } : undefined,
            e.kind === 'series' ? describeFingerprintChange(old.fingerprint, fp) : undefined,
          ),
        );
      } else {
        const meetingChange = (
          kind: ChangeKind,
          date: IsoDate,
          m: Meeting | undefined,
          om: MeetingState | undefined,
          rid: IcsTime | undefined,
        ): CalendarChange => ({
          kind,
          scope: 'meeting',
          uid: e.uid,
          recurrenceId: rid,
          ruleDate: date,
          sequence: revision,
          title: m?.occurrence.title ?? old.title,
          before: om ? { start: fromIso(om.start, groupZone), end: fromIso(om.end, groupZone) } : undefined,
          after: m ? span(m) : undefined,
          detail: undefined,
        });
        for (const [date, m, om] of moved) changes.push(meetingChange('changed', date, m, om, m.recurrenceId));
        for (const [date, m] of restored) changes.push(meetingChange('restored', date, m, undefined, m.recurrenceId));
        for (const [date, m] of added) changes.push(meetingChange('added', date, m, undefined, m.recurrenceId));
      }
    } else {
      revision = eventRevision(old);
    }
    revisions.set(e.uid, revision);

    const zoneOfMeeting = (date: IsoDate) => overrideZones?.get(date) ?? e.zone;
    // Without a live event before (a first run, --no-state, one back after a cancellation) every
    // meeting is at the event's SEQUENCE, and the meetings' state is made only when read (saved).
    const meetings: Record<IsoDate, MeetingState> = {};
    // Only the meetings whose SEQUENCE is not the event's are noted (sequences.meeting falls back to the event's).
    let changedHere: Map<IsoDate, number> | undefined;
    if (live) {
      const fresh = new Set([...added, ...restored].map(([d]) => d).concat(moved.map(([d]) => d)));
      for (const m of meetingsNow) {
        const date = m.ruleDate;
        const om = live.meetings[date];
        const seq = !om || om.cancelled || fresh.has(date) || seriesChanged ? revision : Math.min(om.sequence, revision);
        if (seq !== revision) (changedHere ??= new Map()).set(date, seq);
        meetings[date] = meetingState(m, zoneOfMeeting(date), groupZone, seq);
      }
    }
    if (changedHere) changedAt.set(e.uid, changedHere);
    else changedAt.delete(e.uid);
    let newTop = Math.max(top, revision);
    if (live && e.kind === 'series') {
      // Meetings of this event written before and gone now: a CANCEL of their own (also when
      // the event goes out again: the REQUEST leaves them out, the CANCEL says so on its own).
      const cancelSeq = top + 1;
      for (const [date, om] of removed) {
        meetings[date] = { ...om, sequence: cancelSeq, cancelled: true };
        newTop = Math.max(newTop, cancelSeq);
        cancellations.push(cancellationOf(e.uid, old!, date, om, cancelSeq));
        changes.push({
          kind: 'cancelled',
          scope: 'meeting',
          uid: e.uid,
          recurrenceId: om.recurrenceId,
          ruleDate: date,
          sequence: cancelSeq,
          title: old!.title,
          before: { start: fromIso(om.start, groupZone), end: fromIso(om.end, groupZone) },
          after: undefined,
          detail: undefined,
        });
      }
      for (const [date, om] of Object.entries(live.meetings)) if (om.cancelled && !meetings[date]) meetings[date] = om;
    }
    const chunk = e.kind === 'series' ? e.chunk : undefined;
    // Keys in the order the state file has always had them, each optional one only when set.
    const state = { kind: e.kind, sequence: revision } as EventState;
    if (newTop > revision) state.top = newTop;
    state.fingerprint = fp;
    state.title = e.title;
    if (chunk) {
      state.series = chunk.seriesId;
      if (chunk.year !== undefined) state.year = chunk.year;
      state.span = { from: chunk.from, to: chunk.to };
    } else if (e.kind === 'single' && e.seriesId) state.series = e.seriesId;
    if (live) state.meetings = meetings;
    else {
      const rev = revision;
      lazyMeetings(state, () => {
        const made: Record<IsoDate, MeetingState> = {};
        for (const m of meetingsNow) made[m.ruleDate] = meetingState(m, zoneOfMeeting(m.ruleDate), groupZone, rev);
        return made;
      });
    }
    if (old?.attendees) state.attendees = old.attendees;
    next[e.uid] = state;
  }

  // Events written before and gone now.
  for (const [uid, old] of Object.entries(prev)) {
    if (next[uid]) continue;
    const live = Object.entries(old.meetings).filter(([, m]) => !m.cancelled);
    // A chunk this run writes that holds no meeting any more, or one of a series the config no
    // longer has, is gone as a whole (from the window on); other events are judged by the
    // meetings inside the window (a run for 2028 does not cancel 2027).
    // Meetings of a series held alone (a rule with no Outlook form) are gone when they lie past
    // the series' own dates, whatever the window (the series was ended early).
    const seriesGone = old.series !== undefined && old.kind === 'series' && !seriesIds.has(old.series);
    const series = old.series !== undefined ? model.group.series.find((x) => x.id === old.series) : undefined;
    const beyond = (d: IsoDate) => !!series && ((series.until !== undefined && d > series.until) || (series.from !== undefined && d < series.from));
    const inside =
      chunkUids.has(uid) || (seriesGone && live.some(([, m]) => m.date >= window.from))
        ? live
        : live.filter(([, m]) => inWindow(m.date, window) || beyond(m.date));
    if (old.cancelled || inside.length === 0) {
      next[uid] = old;
      continue;
    }
    if (inside.length === live.length) {
      // Every meeting it had is in the window: the whole event is cancelled.
      const seq = topSequence(old) + 1;
      const first = [...inside].sort((a, b) => (a[1].start < b[1].start ? -1 : 1))[0]!;
      const meetings = Object.fromEntries(Object.entries(old.meetings).map(([d, m]) => [d, { ...m, cancelled: true }]));
      next[uid] = { ...old, sequence: seq, cancelled: true, meetings };
      cancellations.push(cancellationOf(uid, old, undefined, first[1], seq));
      changes.push({
        kind: 'cancelled',
        scope: old.kind === 'series' ? 'series' : 'meeting',
        uid,
        recurrenceId: undefined,
        ruleDate: old.kind === 'single' ? first[0] : undefined,
        sequence: seq,
        title: old.title,
        before: { start: fromIso(first[1].start, groupZone), end: fromIso(first[1].end, groupZone) },
        after: undefined,
        detail: old.kind === 'series' ? `${inside.length} meeting${inside.length === 1 ? '' : 's'}` : undefined,
      });
      continue;
    }
    // A series reaching outside the window lost its meetings inside it: cancel those only.
    const meetings = { ...old.meetings };
    const seq = topSequence(old) + 1;
    for (const [date, om] of inside) {
      meetings[date] = { ...om, sequence: seq, cancelled: true };
      cancellations.push(cancellationOf(uid, old, date, om, seq));
      changes.push({
        kind: 'cancelled',
        scope: 'meeting',
        uid,
        recurrenceId: om.recurrenceId,
        ruleDate: date,
        sequence: seq,
        title: old.title,
        before: { start: fromIso(om.start, groupZone), end: fromIso(om.end, groupZone) },
        after: undefined,
        detail: undefined,
      });
    }
    next[uid] = { ...old, top: seq, meetings };
  }

  const sequences: Sequences = {
    event: (uid) => revisions.get(uid) ?? 0,
    meeting: (uid, ruleDate) => changedAt.get(uid)?.get(ruleDate) ?? revisions.get(uid) ?? 0,
  };
  const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { state: { events: sorted }, changes, sequences, cancellations };
}

function describeFingerprintChange(before: string, after: string): string {
  const a = before.split('|');
  const b = after.split('|');
  const out: string[] = [];
  for (let i = 0; i < b.length; i += 1) {
    const key = b[i];
    if (key === 'rule' && a[i + 1] !== b[i + 1]) out.push(`rule ${a[i + 1]} -> ${b[i + 1]}`);
    if (key === 'slot' && (a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2])) out.push(`time ${a[i + 1]} ${a[i + 2]} -> ${b[i + 1]} ${b[i + 2]}`);
    if (key === 'dur' && a[i + 1] !== b[i + 1]) out.push(`length ${a[i + 1]} -> ${b[i + 1]} min`);
    if (key === 'from' && a[i + 1] !== b[i + 1]) out.push(`from ${a[i + 1] || 'open'} -> ${b[i + 1] || 'open'}`);
    if (key === 'until' && a[i + 1] !== b[i + 1]) out.push(`until ${a[i + 1] || 'open'} -> ${b[i + 1] || 'open'}`);
  }
  return out.join(', ') || 'changed';
}

/**
 * A CANCEL of one meeting (by rule date) or a whole series/event, as the next SEQUENCE after
 * what `state` says was sent; and the state after it. For `tcon cancel` and the mail module.
 * Undefined when the state has no such live meeting or event.
 */
export function planCancel(
  state: GroupState,
  target: { uid: string; ruleDate?: IsoDate | undefined },
): { cancellation: Cancellation; state: GroupState } | undefined {
  const ev = state.events[target.uid];
  if (!ev || ev.cancelled) return undefined;
  if (target.ruleDate !== undefined && ev.kind === 'series') {
    const m = ev.meetings[target.ruleDate];
    if (!m || m.cancelled) return undefined;
    const seq = topSequence(ev) + 1;
    const meetings = { ...ev.meetings, [target.ruleDate]: { ...m, sequence: seq, cancelled: true } };
    return { cancellation: cancellationOf(target.uid, ev, target.ruleDate, m, seq), state: { events: { ...state.events, [target.uid]: { ...ev, meetings } } } };
  }
  const live = Object.entries(ev.meetings)
    .filter(([, m]) => !m.cancelled)
    .sort((a, b) => (a[1].start < b[1].start ? -1 : 1));
  const first = live[0];
  if (!first) return undefined;
  const seq = topSequence(ev) + 1;
  const meetings = Object.fromEntries(Object.entries(ev.meetings).map(([d, m]) => [d, { ...m, cancelled: true }]));
  return {
    cancellation: cancellationOf(target.uid, ev, undefined, first[1], seq),
    state: { events: { ...state.events, [target.uid]: { ...ev, sequence: seq, cancelled: true, meetings } } },
  };
}

/** The changes in words, one line each, for `tcon diff`. */
export function describeChanges(changes: readonly CalendarChange[], zoneLabel: string): string[] {
  const when = (s: { start: DateTime; end: DateTime }) => spanText(s.start, s.end, zoneLabel);
  return changes.map((c) => {
    const seq = `SEQUENCE ${c.sequence}`;
    const what = c.scope === 'series' ? `series "${c.title}"` : `meeting${c.ruleDate ? ` of ${c.ruleDate}` : ''}`;
    switch (c.kind) {
      case 'added':
        return c.scope === 'series'
          ? `new ${what} starting ${c.after ? when(c.after) : '?'} (${seq})`
          : `new ${what}: ${c.after ? when(c.after) : '?'} (${seq})`;
      case 'restored':
        return `${what} back after a cancellation: ${c.after ? when(c.after) : '?'} (${seq})`;
      case 'changed':
        if (c.scope === 'series') return `${what} changed: ${c.detail ?? 'changed'}; every meeting is updated (${seq})`;
        return `${what} moved: ${c.before ? when(c.before) : '?'} -> ${c.after ? when(c.after) : '?'} (${seq})`;
      case 'cancelled':
        if (c.scope === 'series') return `${what} cancelled (${c.detail ?? ''}, CANCEL with ${seq})`;
        return `${what} cancelled: ${c.before ? when(c.before) : '?'} (CANCEL with ${seq})`;
    }
  });
}
