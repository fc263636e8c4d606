/*
 * Calendar events and changes said in words for mail (pure): the meetings an event stands for,
 * what changed, a cancelled meeting as the message shows it. One wording for "moved": every
 * message that says a meeting moved (updates, reminders) says it with `movedLine`.
 */
import { DateTime } from 'luxon';
import type { CalendarChange, CalendarEvent, Cancellation, GroupState, IcsTime } from '../calendar/index.js';
import { formatClock, formatDay, meetingTimes } from '../schedule/when.js';
import type { Group, Occurrence } from '../schedule/types.js';
import { zoneOf } from '../schedule/zoned.js';
import type { SentIndex } from './sent.js';

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
export function movedLine(
  group: Group,
  before: { start: DateTime; end: DateTime },
  after: { start: DateTime; end: DateTime },
  zone: string | undefined,
): string {
  return `Moved: ${line(group, before, zone)} → now ${line(group, after, zone)}`;
}

type Span = { start: DateTime; end: DateTime };

/** One change of an event, as a message says it. */
export interface ChangeItem {
  kind: 'moved' | 'added' | 'restored' | 'cancelled' | 'series-added' | 'series-changed';
  before: Span | undefined;
  after: Span | undefined;
  detail: string | undefined;
}

/** The changes of one UID (change tracking's), as items. */
export function changeItems(changes: readonly CalendarChange[], uid: string): ChangeItem[] {
  return changes
    .filter((c) => c.uid === uid)
    .map((c) => {
      const kind: ChangeItem['kind'] =
        c.kind === 'added'
          ? c.scope === 'series'
            ? 'series-added'
            : 'added'
          : c.kind === 'changed'
            ? c.scope === 'series'
              ? 'series-changed'
              : 'moved'
            : c.kind;
      return { kind, before: c.before, after: c.after, detail: c.detail };
    });
}

/** One change in words, with times in the group's and the reader's zone. */
export function changeLine(group: Group, c: ChangeItem, zone: string | undefined): string {
  const before = c.before ? line(group, c.before, zone) : '';
  const after = c.after ? line(group, c.after, zone) : '';
  switch (c.kind) {
    case 'series-added':
      return `New series from ${after}`;
    case 'added':
      return `New meeting: ${after}`;
    case 'restored':
      return `Back on the schedule: ${after}`;
    case 'cancelled':
      return `Cancelled: ${before}`;
    case 'series-changed':
      return `The series changed (${c.detail ?? 'rule or time'}); every meeting is updated`;
    case 'moved':
      return c.before && c.after ? movedLine(group, c.before, c.after, zone) : `Moved: ${before} → now ${after}`;
  }
}

/** The changes of one UID in words, with times in the group's and the reader's zone. */
export function changeLines(group: Group, changes: readonly CalendarChange[], uid: string, zone: string | undefined): string[] {
  return changeItems(changes, uid).map((c) => changeLine(group, c, zone));
}

/** "Thu 11 Mar" of a time in the group's zone. */
function day(group: Group, dt: DateTime): string {
  return formatDay(dt.setZone(zoneOf(group.timezone)), { year: false });
}

/** "10:00 US PT" of a time in the group's zone. */
function clock(group: Group, dt: DateTime): string {
  return `${formatClock(dt.setZone(zoneOf(group.timezone)))} ${group.zoneLabel}`;
}

/**
 * What changed, in a few words for a subject line, in the group's zone: "Moved: WG-27 call of
 * Thu 11 Mar → Wed 10 Mar 10:00 US PT", "Cancelled: WG-27 call of Tue 19 Nov", with "(and 2
 * more changes)" after the first of several. Undefined when nothing is known to have changed.
 */
export function changeHeadline(group: Group, items: readonly ChangeItem[]): string | undefined {
  const first = items[0];
  if (!first) return undefined;
  const call = `${group.title} call`;
  const b = first.before;
  const a = first.after;
  let text: string;
  switch (first.kind) {
    case 'moved':
      if (!a || !b) text = `Moved: ${call}`;
      else if (
        day(group, a.start) === day(group, b.start) &&
        a.start.setZone(zoneOf(group.timezone)).hasSame(b.start.setZone(zoneOf(group.timezone)), 'year')
      ) {
        text = `Moved: ${call} of ${day(group, b.start)}, ${formatClock(b.start.setZone(zoneOf(group.timezone)))} → ${clock(group, a.start)}`;
      } else text = `Moved: ${call} of ${day(group, b.start)} → ${day(group, a.start)} ${clock(group, a.start)}`;
      break;
    case 'cancelled':
      text = b ? `Cancelled: ${call} of ${day(group, b.start)}` : `Cancelled: ${call}`;
      break;
    case 'added':
      text = a ? `New: ${call} on ${day(group, a.start)} ${clock(group, a.start)}` : `New: ${call}`;
      break;
    case 'restored':
      text = a ? `Back on: ${call} of ${day(group, a.start)} ${clock(group, a.start)}` : `Back on: ${call}`;
      break;
    case 'series-added':
      text = a ? `New: ${group.title} calls from ${day(group, a.start)}` : `New: ${group.title} calls`;
      break;
    case 'series-changed':
      text = `Changed: ${group.title} calls${first.detail ? ` (${first.detail})` : ''}`;
      break;
  }
  const more = items.length - 1;
  return more ? `${text} (and ${more} more change${more === 1 ? '' : 's'})` : text;
}

/**
 * What `recipient` was last told of each meeting of `uid` (start, UTC ISO, by rule date), from
 * the send log: the latest request's record, over the earlier ones' for meetings it does not
 * list. Undefined when no request to them recorded meeting times. The one source of "what the
 * member was told", for updates and reminders alike.
 */
export function toldStarts(sent: SentIndex, recipient: string, uid: string): Readonly<Record<string, string>> | undefined {
  const first = sent.first(recipient, uid, 'request')?.meetings;
  const last = sent.last(recipient, uid, 'request')?.meetings;
  return first || last ? { ...first, ...last } : undefined;
}

/**
 * The one "moved since you were told" rule: a meeting whose start differs from the start the
 * member was last told (`told`: toldStarts), as a change item; undefined when they were told
 * this start, or nothing of this meeting.
 */
export function movedSinceTold(group: Group, o: Occurrence, told: Readonly<Record<string, string>> | undefined): ChangeItem | undefined {
  const was = told?.[o.ruleDate];
  if (was === undefined) return undefined;
  const before = DateTime.fromISO(was, { zone: 'UTC' }).setZone(zoneOf(group.timezone));
  if (before.toMillis() === o.start.toMillis()) return undefined;
  return { kind: 'moved', before: { start: before, end: before.plus(o.end.diff(o.start)) }, after: { start: o.start, end: o.end }, detail: undefined };
}

/**
 * The meetings of an event that moved since the member was last told (movedSinceTold), as items.
 * For an update whose change tracking has nothing to say: the state moved on without this
 * member (`tcon ics --invite` wrote it, or the member's last update failed), yet the member
 * still needs to know what changed for them.
 */
export function movedItemsSinceTold(group: Group, e: CalendarEvent, told: Readonly<Record<string, string>> | undefined): ChangeItem[] {
  return occurrencesOf(e).flatMap((o) => movedSinceTold(group, o, told) ?? []);
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
      out.push({
        uid,
        recurrenceId: undefined,
        sequence: ev.sequence,
        title: ev.title,
        start: at(m.start, m.zone),
        end: at(m.end, m.zone),
        zone: m.zone,
        ruleDate: ev.kind === 'single' ? first[0] : undefined,
      });
      continue;
    }
    if (ev.kind !== 'series') continue;
    for (const [date, m] of entries) {
      if (!m.cancelled) continue;
      out.push({
        uid,
        recurrenceId: m.recurrenceId,
        sequence: m.sequence,
        title: ev.title,
        start: at(m.start, m.zone),
        end: at(m.end, m.zone),
        zone: m.zone,
        ruleDate: date,
      });
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
