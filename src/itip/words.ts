/*
 * Calendar events and changes said in words for mail (pure): the meetings an event stands for,
 * what changed, a cancelled meeting as the message shows it. One wording for "moved": every
 * message that says a meeting moved (updates, reminders) says it with `movedLine`.
 */
import { DateTime } from 'luxon';
import type { CalendarChange, CalendarEvent, Cancellation, GroupState, IcsTime } from '../calendar/index.js';
import { meetingTimes } from '../mail/format.js';
import type { Group, Occurrence } from '../schedule/types.js';
import { zoneOf } from '../schedule/zoned.js';

/** RECURRENCE-ID as the send log writes it: `TZID:YYYYMMDDTHHMMSS` or `YYYYMMDDTHHMMSSZ`. */
export function ridText(rid: IcsTime | undefined): string | null {
  if (!rid) return null;
  return 'utc' in rid ? rid.utc : `${rid.tzid}:${rid.wall}`;
}

/** The meetings (occurrences) an event stands for. */
export function occurrencesOf(e: CalendarEvent): Occurrence[] {
  return e.kind === 'series' ? e.meetings.map((m) => m.occurrence) : [e.meeting.occurrence];
}

/** Start (UTC ISO) of each meeting by rule date: what an invitation told, kept in the send log. */
export function meetingStarts(e: CalendarEvent): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of occurrencesOf(e)) out[o.ruleDate] = o.start.toUTC().toISO({ suppressMilliseconds: true })!;
  return out;
}

function line(group: Group, span: { start: DateTime; end: DateTime }, zone: string | undefined): string {
  return meetingTimes(group, span.start, span.end, zone).line;
}

/** "Moved: <was> → now <is>", in the group's and the reader's zone: the one wording of a move. */
export function movedLine(group: Group, before: { start: DateTime; end: DateTime }, after: { start: DateTime; end: DateTime }, zone: string | undefined): string {
  return `Moved: ${line(group, before, zone)} → now ${line(group, after, zone)}`;
}

/** The changes of one UID in words, with times in the group's and the reader's zone. */
export function changeLines(group: Group, changes: readonly CalendarChange[], uid: string, zone: string | undefined): string[] {
  return changes
    .filter((c) => c.uid === uid)
    .map((c) => {
      const before = c.before ? line(group, c.before, zone) : '';
      const after = c.after ? line(group, c.after, zone) : '';
      switch (c.kind) {
        case 'added':
          return c.scope === 'series' ? `New series from ${after}` : `New meeting: ${after}`;
        case 'restored':
          return `Back on the schedule: ${after}`;
        case 'cancelled':
          return `Cancelled: ${before}`;
        case 'changed':
          if (c.scope === 'series') return `The series changed (${c.detail ?? 'rule or time'}); every meeting is updated`;
          return c.before && c.after ? movedLine(group, c.before, c.after, zone) : `Moved: ${before} → now ${after}`;
      }
    });
}

/**
 * The meetings of an event that moved since a member's last request (`told`: the send log's
 * record of it, start by rule date), in words. For an update whose change tracking has nothing
 * to say: the state moved on without this member (`tcon ics --invite` wrote it, or the member's
 * last update failed), yet the member still needs to know what changed for them.
 */
export function movedSinceTold(group: Group, e: CalendarEvent, told: Readonly<Record<string, string>> | undefined, zone: string | undefined): string[] {
  if (!told) return [];
  const out: string[] = [];
  for (const o of occurrencesOf(e)) {
    const was = told[o.ruleDate];
    if (was === undefined) continue;
    const before = DateTime.fromISO(was, { zone: 'UTC' }).setZone(zoneOf(group.timezone));
    if (before.toMillis() === o.start.toMillis()) continue;
    out.push(movedLine(group, { start: before, end: before.plus(o.end.diff(o.start)) }, o, zone));
  }
  return out;
}

/**
 * CANCELs that stand in the state: meetings and events tombstoned by change tracking or by
 * `tcon cancel`. Members who were sent a request for the UID and not yet this CANCEL get it,
 * so a CANCEL is never lost, even when the run that found the meeting gone crashed.
 */
export function standingCancellations(state: GroupState): Cancellation[] {
  const out: Cancellation[] = [];
  for (const [uid, ev] of Object.entries(state.events)) {
    const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone: 'UTC' }).setZone(zoneOf(zone));
    const entries = Object.entries(ev.meetings).sort((a, b) => (a[1].start < b[1].start ? -1 : 1));
    if (ev.cancelled) {
      const first = entries[0];
      if (!first) continue;
      const m = first[1];
      out.push({ uid, recurrenceId: undefined, sequence: ev.sequence, title: ev.title, start: at(m.start, m.zone), end: at(m.end, m.zone), zone: m.zone, ruleDate: ev.kind === 'single' ? first[0] : undefined });
      continue;
    }
    if (ev.kind !== 'series') continue;
    for (const [date, m] of entries) {
      if (!m.cancelled) continue;
      out.push({ uid, recurrenceId: m.recurrenceId, sequence: m.sequence, title: ev.title, start: at(m.start, m.zone), end: at(m.end, m.zone), zone: m.zone, ruleDate: date });
    }
  }
  return out;
}

/** The occurrence-like view of a cancelled meeting, for the message body. */
export function cancelledOccurrence(group: Group, c: Cancellation): Occurrence {
  const start = c.start.setZone(zoneOf(group.timezone));
  return {
    groupId: group.id,
    title: c.title,
    date: start.toISODate()!,
    ruleDate: c.ruleDate ?? start.toISODate()!,
    seriesIndex: null,
    seriesId: null,
    slot: null,
    slotLabel: undefined,
    start,
    end: c.end.setZone(zoneOf(group.timezone)),
    originalStart: undefined,
    slotZone: group.timezone,
    status: 'skipped',
    note: undefined,
    link: undefined,
    warnings: [],
  };
}

