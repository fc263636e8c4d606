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
import type { IsoDate, Window } from '../schedule/types.js';
import type { CalendarEvent, CalendarModel, IcsTime, Meeting } from './model.js';
import type { Cancellation, Sequences } from './render.js';
import { zoneOf } from '../schedule/zoned.js';

/** What was last written for one meeting (by rule date within its series, or a one-off). */
export interface MeetingState {
  sequence: number;
  /** Start and end instants, ISO in UTC. */
  start: string;
  end: string;
  /** The date windows select the meeting by (its rule date; a moved one's day in the group zone). */
  date: IsoDate;
  recurrenceId?: IcsTime | undefined;
  /** The zone DTSTART was written in. */
  zone: string;
  cancelled?: boolean | undefined;
}

/** What was last written for one UID. */
export interface EventState {
  kind: 'series' | 'single';
  sequence: number;
  /** The significant content (rule, first slot, zone, length, series dates; or the times). */
  fingerprint: string;
  title: string;
  cancelled?: boolean | undefined;
  /** Series: every meeting by rule date. Single: its one meeting under its date. */
  meetings: Record<IsoDate, MeetingState>;
}

export interface GroupState {
  events: Record<string, EventState>;
}

/**
 * Where a calendar went: a feed (`tcon ics`, METHOD:PUBLISH) or invitations (`tcon ics --invite`,
 * `tcon invite`, METHOD:REQUEST/CANCEL). Tracked apart: a subscriber and an invitee have seen
 * different things, and a CANCEL owed to invitees must not be forgotten because a feed ran first.
 */
export type Channel = 'feed' | 'invite';

/** The state file's content: per channel, per group, per UID. */
export interface CalendarState {
  version: 1;
  feed: Record<string, GroupState>;
  invite: Record<string, GroupState>;
}

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
  /** CANCELs to send for what vanished (scope series or meeting), with their SEQUENCE. */
  cancellations: Cancellation[];
}

function iso(dt: DateTime): string {
  return dt.toUTC().toISO()!;
}

function fromIso(s: string, zone: string): DateTime {
  return DateTime.fromISO(s, { zone: 'UTC' }).setZone(zoneOf(zone));
}

function meetingState(m: Meeting, zone: string, groupZone: string, sequence: number): MeetingState {
  return {
    sequence,
    start: iso(m.start),
    end: iso(m.end),
    // Windows select meetings as buildSchedule does: by rule date, a moved one by its new day.
    date: m.occurrence.status === 'moved' ? m.start.setZone(zoneOf(groupZone)).toISODate()! : m.ruleDate,
    ...(m.recurrenceId ? { recurrenceId: m.recurrenceId } : {}),
    zone,
  };
}

/** The significant content of an event: a change here bumps SEQUENCE. */
export function fingerprint(e: CalendarEvent): string {
  if (e.kind === 'series') {
    const s = e.series;
    const slot0 = s.slots[0]!;
    return ['rule', s.rule, 'slot', slot0.time, slot0.zone, 'dur', s.duration, 'from', s.from ?? '', 'until', s.until ?? ''].join('|');
  }
  return ['at', iso(e.meeting.start), iso(e.meeting.end)].join('|');
}

function inWindow(date: IsoDate, w: Window): boolean {
  return date >= w.from && date <= w.to;
}

/** Meetings of an event as (rule date, meeting). */
function meetingsOf(e: CalendarEvent): [IsoDate, Meeting][] {
  return e.kind === 'series' ? e.meetings.map((m) => [m.ruleDate, m]) : [[e.meeting.ruleDate, e.meeting]];
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

/**
 * The highest SEQUENCE sent for any part of an event (the master, a meeting, a cancelled one).
 * Every change gets the next one: the version of an event a member holds (the highest SEQUENCE
 * of its parts) then goes up with each change, so a second meeting moved after a first one is
 * never mistaken for what the member already has.
 */
function topSequence(ev: EventState): number {
  return Math.max(ev.sequence, ...Object.values(ev.meetings).map((m) => m.sequence));
}

/**
 * Compares what was last written (`previous`, undefined on a first run) with `model` and says
 * what the next run changes: the new state, SEQUENCE numbers, changes and CANCELs. Pure.
 */
export function computeChanges(previous: GroupState | undefined, model: CalendarModel): ChangeResult {
  const prev = previous?.events ?? {};
  const groupZone = model.group.timezone;
  const window = model.window;
  const next: Record<string, EventState> = {};
  const changes: CalendarChange[] = [];
  const cancellations: Cancellation[] = [];
  const eventSeq = new Map<string, number>();
  const meetingSeq = new Map<string, number>();
  const span = (m: Meeting) => ({ start: m.start, end: m.end });

  for (const e of model.events) {
    const old = prev[e.uid];
    const top = old ? topSequence(old) : 0;
    const fp = fingerprint(e);
    let seq: number;
    let seriesChanged = false;
    const scope = e.kind === 'series' ? 'series' : 'meeting';
    const firstMeeting = e.kind === 'series' ? e.meetings[0] : e.meeting;
    const base = { uid: e.uid, recurrenceId: undefined, ruleDate: e.kind === 'single' ? e.meeting.ruleDate : undefined, title: e.title };
    if (!old) {
      seq = 0;
      changes.push({ ...base, kind: 'added', scope, sequence: seq, before: undefined, after: firstMeeting && span(firstMeeting), detail: undefined });
    } else if (old.cancelled) {
      seq = top + 1;
      changes.push({ ...base, kind: 'restored', scope, sequence: seq, before: undefined, after: firstMeeting && span(firstMeeting), detail: undefined });
    } else if (old.fingerprint !== fp) {
      seq = top + 1;
      seriesChanged = true;
      const oldM = e.kind === 'single' ? Object.values(old.meetings)[0] : undefined;
      changes.push({
        ...base,
        kind: 'changed',
        scope,
        sequence: seq,
        before: oldM ? { start: fromIso(oldM.start, groupZone), end: fromIso(oldM.end, groupZone) } : undefined,
        after: firstMeeting && span(firstMeeting),
        detail: e.kind === 'series' ? describeFingerprintChange(old.fingerprint, fp) : undefined,
      });
    } else {
      seq = old.sequence;
    }
    eventSeq.set(e.uid, seq);
    const meetings: Record<IsoDate, MeetingState> = {};
    const zoneOfMeeting = (m: Meeting) => (e.kind === 'series' ? (e.overrides.find((o) => o.meeting.ruleDate === m.ruleDate)?.zone ?? e.zone) : e.zone);
    for (const [date, m] of meetingsOf(e)) {
      const om = old && !old.cancelled ? old.meetings[date] : undefined;
      let ms = seq;
      if (e.kind === 'series' && om) {
        const moved = om.start !== iso(m.start) || om.end !== iso(m.end);
        if (om.cancelled) {
          ms = Math.max(seq, top + 1);
          if (!seriesChanged) changes.push({ kind: 'restored', scope: 'meeting', uid: e.uid, recurrenceId: m.recurrenceId, ruleDate: date, sequence: ms, title: m.occurrence.title, before: undefined, after: span(m), detail: undefined });
        } else if (moved) {
          ms = Math.max(seq, top + 1);
          if (!seriesChanged) {
            changes.push({
              kind: 'changed',
              scope: 'meeting',
              uid: e.uid,
              recurrenceId: m.recurrenceId,
              ruleDate: date,
              sequence: ms,
              title: m.occurrence.title,
              before: { start: fromIso(om.start, groupZone), end: fromIso(om.end, groupZone) },
              after: span(m),
              detail: undefined,
            });
          }
        } else {
          ms = Math.max(seq, om.sequence);
        }
      } else if (e.kind === 'series' && old && !old.cancelled && !seriesChanged && !om) {
        changes.push({ kind: 'added', scope: 'meeting', uid: e.uid, recurrenceId: m.recurrenceId, ruleDate: date, sequence: ms, title: m.occurrence.title, before: undefined, after: span(m), detail: undefined });
      }
      meetingSeq.set(`${e.uid}#${date}`, ms);
      meetings[date] = meetingState(m, zoneOfMeeting(m), groupZone, ms);
    }
    // Meetings of this series that were written before and are gone now.
    if (old && !old.cancelled && e.kind === 'series') {
      for (const [date, om] of Object.entries(old.meetings)) {
        if (meetings[date]) continue;
        if (om.cancelled || !inWindow(om.date, window)) {
          meetings[date] = om;
          continue;
        }
        const ms = Math.max(seq, top + 1);
        meetings[date] = { ...om, sequence: ms, cancelled: true };
        const c = cancellationOf(e.uid, old, date, om, ms);
        cancellations.push(c);
        changes.push({ kind: 'cancelled', scope: 'meeting', uid: e.uid, recurrenceId: om.recurrenceId, ruleDate: date, sequence: ms, title: old.title, before: { start: fromIso(om.start, groupZone), end: fromIso(om.end, groupZone) }, after: undefined, detail: undefined });
      }
    }
    next[e.uid] = { kind: e.kind, sequence: seq, fingerprint: fp, title: e.title, meetings };
  }

  // Events written before and gone now.
  for (const [uid, old] of Object.entries(prev)) {
    if (next[uid]) continue;
    const live = Object.entries(old.meetings).filter(([, m]) => !m.cancelled);
    const inside = live.filter(([, m]) => inWindow(m.date, window));
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
    const top = topSequence(old);
    for (const [date, om] of inside) {
      const ms = top + 1;
      meetings[date] = { ...om, sequence: ms, cancelled: true };
      cancellations.push(cancellationOf(uid, old, date, om, ms));
      changes.push({ kind: 'cancelled', scope: 'meeting', uid, recurrenceId: om.recurrenceId, ruleDate: date, sequence: ms, title: old.title, before: { start: fromIso(om.start, groupZone), end: fromIso(om.end, groupZone) }, after: undefined, detail: undefined });
    }
    next[uid] = { ...old, meetings };
  }

  const sequences: Sequences = {
    event: (uid) => eventSeq.get(uid) ?? 0,
    meeting: (uid, ruleDate) => meetingSeq.get(`${uid}#${ruleDate}`) ?? eventSeq.get(uid) ?? 0,
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
export function planCancel(state: GroupState, target: { uid: string; ruleDate?: IsoDate | undefined }): { cancellation: Cancellation; state: GroupState } | undefined {
  const ev = state.events[target.uid];
  if (!ev || ev.cancelled) return undefined;
  if (target.ruleDate !== undefined && ev.kind === 'series') {
    const m = ev.meetings[target.ruleDate];
    if (!m || m.cancelled) return undefined;
    const seq = topSequence(ev) + 1;
    const meetings = { ...ev.meetings, [target.ruleDate]: { ...m, sequence: seq, cancelled: true } };
    return { cancellation: cancellationOf(target.uid, ev, target.ruleDate, m, seq), state: { events: { ...state.events, [target.uid]: { ...ev, meetings } } } };
  }
  const live = Object.entries(ev.meetings).filter(([, m]) => !m.cancelled).sort((a, b) => (a[1].start < b[1].start ? -1 : 1));
  const first = live[0];
  if (!first) return undefined;
  const seq = topSequence(ev) + 1;
  const meetings = Object.fromEntries(Object.entries(ev.meetings).map(([d, m]) => [d, { ...m, cancelled: true }]));
  return { cancellation: cancellationOf(target.uid, ev, undefined, first[1], seq), state: { events: { ...state.events, [target.uid]: { ...ev, sequence: seq, cancelled: true, meetings } } } };
}

/** The changes in words, one line each, for `tcon diff`. */
export function describeChanges(changes: readonly CalendarChange[], zoneLabel: string): string[] {
  const when = (s: { start: DateTime; end: DateTime }) =>
    `${s.start.setLocale('en-GB').toFormat('ccc d LLL yyyy HH:mm')}-${s.end.toFormat('HH:mm')} ${zoneLabel}`;
  return changes.map((c) => {
    const seq = `SEQUENCE ${c.sequence}`;
    const what = c.scope === 'series' ? `series "${c.title}"` : `meeting${c.ruleDate ? ` of ${c.ruleDate}` : ''}`;
    switch (c.kind) {
      case 'added':
        return c.scope === 'series' ? `new ${what} starting ${c.after ? when(c.after) : '?'} (${seq})` : `new ${what}: ${c.after ? when(c.after) : '?'} (${seq})`;
      case 'restored':
        return `${what} back after a cancellation: ${c.after ? when(c.after) : '?'} (${seq})`;
      case 'changed':
        if (c.scope === 'series') return `${what} changed: ${c.detail ?? 'changed'}; every meeting is updated (${seq})`;
        return `${what} moved: ${c.before ? when(c.before) : '?'} -> ${c.after ? when(c.after) : '?'} (${seq})`;
      case 'cancelled':
        return c.scope === 'series' ? `${what} cancelled (${c.detail ?? ''}, CANCEL with ${seq})` : `${what} cancelled: ${c.before ? when(c.before) : '?'} (CANCEL with ${seq})`;
    }
  });
}
