/*
 * Who is owed which invitation, update or cancellation, at which SEQUENCE (pure). The input is
 * one run of change tracking (calendar/changes.ts: the events, their revisions, what vanished)
 * and what each member was sent (the SentIndex port); the output is the messages still owed,
 * each with its send-log key, and the state with the SEQUENCEs those messages use.
 *
 * SEQUENCE, per member (RFC 5546 2.1.4; strict clients take only a higher one):
 * - a member gets an event when they have never had it, when their copy is older than the
 *   event's revision, or when their copy was cancelled (they left the roster and are back, or
 *   the whole event was cancelled and is back): at the revision, or one above anything they
 *   hold, whichever is higher;
 * - a CANCEL that stands in the state (a meeting dropped without the event being sent again)
 *   goes to the members who were told about the meeting and hold an older copy;
 * - a member who left the roster gets one CANCEL of each event still ahead, one above anything
 *   they hold, once;
 * - the event's `top` goes up to every SEQUENCE used, so that the next change is above it.
 */
import { DateTime } from 'luxon';
import {
  renderCancel,
  renderRequest,
  topSequence,
  type CalendarModel,
  type Cancellation,
  type ChangeResult,
  type EventState,
  type GroupState,
  type Sequences,
} from '../calendar/index.js';
import { formatDay, meetingTimes } from '../schedule/when.js';
import { buildCancel, buildRequest, type Recipient } from '../mail/messages.js';
import type { TemplateSet } from '../mail/templates.js';
import type { MailMessage, SendKey } from '../mail/types.js';
import { isPlaceholderAddress } from '../schedule/address.js';
import type { Group, Member, Occurrence } from '../schedule/types.js';
import { zoneOf } from '../schedule/zoned.js';
import { heldSequence, type SentIndex, type SentRecord } from './sent.js';
import {
  cancelledOccurrence,
  changeHeadline,
  changeItems,
  changeLine,
  changeLines,
  meetingStarts,
  movedItemsSinceTold,
  occurrencesOf,
  ridText,
  standingCancellations,
  toldStarts,
} from './words.js';

/** One message owed to one person: its send-log key is known up front, the message is built when sent. */
export interface OwedMessage {
  key: SendKey;
  group: string;
  /** Why it is sent, with the UID and SEQUENCE it is about (--dry-run --verbose). */
  reason: string;
  /** What it is, in words: `invitation`, `update`, `cancellation`, `reminder` (--dry-run counts them). */
  what: 'invitation' | 'update' | 'cancellation' | 'reminder';
  /** Why it is sent, in plain words: the meetings, what changed (--dry-run). */
  plain: string;
  /** Invitations and updates: how many meetings the event holds (held ones). */
  meetings?: number | undefined;
  build(): MailMessage;
  /** Extra fields for the send log (the meeting times a request told, to whom). */
  record?: SentRecord | undefined;
}

/** One group's run, as invitation planning needs it. */
export interface GroupInvitation {
  group: Group;
  model: CalendarModel;
  run: ChangeResult;
  templates: TemplateSet;
  /** Whether a member can be sent to (a placeholder address cannot); default: not a placeholder. */
  reachable?: ((m: Member) => boolean) | undefined;
  /** Why a cancelled meeting is off (a skip's reason, a holiday); default "removed from the schedule". */
  reasonOf?: ((c: Cancellation) => string) | undefined;
  /** The schedule the model was built from: its skipped meetings tell the messages which months have no call. */
  schedule?: readonly Occurrence[] | undefined;
}

function recipient(m: Member): Recipient {
  return { name: m.name, email: m.email, zone: m.zone };
}

function fromIso(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'UTC' });
}

/** Sequences with one event's SEQUENCE replaced (a member whose copy must go above their CANCEL). */
function withEvent(seq: Sequences, uid: string, value: number): Sequences {
  return { event: (u) => (u === uid ? value : seq.event(u)), meeting: seq.meeting };
}

/** Meetings of a cancelled whole event still ahead of `today` (group zone), for the message. */
function meetingsAhead(group: Group, ev: EventState | undefined, c: Cancellation, today: string): Occurrence[] {
  if (c.recurrenceId || !ev || ev.kind !== 'series') return [cancelledOccurrence(group, c)];
  const list = Object.entries(ev.meetings)
    .map(([date, m]) => cancelledOccurrence(group, { ...c, ruleDate: date, start: fromIso(m.start), end: fromIso(m.end) }))
    .filter((o) => o.start.toISODate()! >= today)
    .sort((a, b) => a.start.toMillis() - b.start.toMillis());
  return list.length ? list : [cancelledOccurrence(group, c)];
}

interface Planner {
  inv: GroupInvitation;
  sent: SentIndex;
  now: DateTime;
  /** The state as it stands after this run (revisions, tombstones), `top` raised as messages are planned. */
  events: Record<string, EventState>;
  reachable: (m: Member) => boolean;
}

function raiseTop(p: Planner, uid: string, sequence: number): void {
  const ev = p.events[uid];
  if (ev && sequence > topSequence(ev)) p.events[uid] = { ...ev, top: sequence };
}

/** REQUESTs: each member gets each event (series chunk or one-off) at its current revision, once. */
function requests(p: Planner): OwedMessage[] {
  const { group, model, run, templates } = p.inv;
  const out: OwedMessage[] = [];
  for (const e of model.events) {
    const revision = run.sequences.event(e.uid);
    const occurrences = occurrencesOf(e);
    const held = occurrences.filter((o) => o.status !== 'skipped');
    // The event's meetings and the skipped ones of its span: the messages name the months with no call.
    const chunk = e.kind === 'series' ? e.chunk : undefined;
    const skipped = chunk
      ? (p.inv.schedule ?? []).filter((o) => o.status === 'skipped' && o.seriesId === chunk.seriesId && o.date >= chunk.from && o.date <= chunk.to)
      : [];
    const listed = skipped.length ? [...occurrences, ...skipped].sort((a, b) => a.start.toMillis() - b.start.toMillis()) : occurrences;
    const single = { ...model, events: [e] };
    for (const m of group.members) {
      if (!p.reachable(m)) continue;
      const email = m.email.toLowerCase();
      const asked = p.sent.lastSequence(email, e.uid, 'request');
      const off = p.sent.lastWholeSequence(email, e.uid, 'cancel');
      // Their copy was taken off their calendar after their last request (they left the roster,
      // or the whole event was cancelled) and it is on the schedule now: a new invitation.
      const back = asked !== undefined && off !== undefined && off >= asked;
      // Up to date: the message they have is listed (and skipped as already sent).
      const upToDate = asked !== undefined && !back && asked >= revision;
      const sequence = upToDate ? asked : Math.max(revision, heldSequence(p.sent, email, e.uid) + 1);
      raiseTop(p, e.uid, sequence);
      const key: SendKey = { recipient: email, uid: e.uid, recurrenceId: null, sequence, kind: 'request' };
      const update = asked !== undefined && !back;
      let changes: string[] | undefined;
      let headline: string | undefined;
      let plain: string;
      if (update) {
        const known = changeItems(run.changes, e.uid);
        const items = known.length ? known : movedItemsSinceTold(group, e, toldStarts(p.sent, email, e.uid));
        changes = items.length ? items.map((c) => changeLine(group, c, m.zone)) : [`The schedule was updated since our last message (update ${sequence}).`];
        headline = changeHeadline(group, items);
        plain = items.length ? items.map((c) => changeLine(group, c, undefined)).join('; ') : 'the schedule changed since their last message';
      } else {
        const first = held[0];
        const last = held[held.length - 1];
        plain =
          !first || !last
            ? 'no meeting held'
            : held.length === 1
              ? `the meeting of ${formatDay(first.start)}`
              : `${held.length} meetings, ${formatDay(first.start)} to ${formatDay(last.start)}`;
        if (back) plain += ' (back on the schedule)';
      }
      const what = e.kind === 'series' ? `the series of ${occurrences.length} meetings` : `the meeting of ${occurrences[0]?.date}`;
      const reason = update
        ? `update of ${e.uid}, SEQUENCE ${asked} -> ${sequence}: ${changeLines(group, run.changes, e.uid, undefined).join('; ') || 'changed since the last message'}`
        : `invitation to ${what} (${e.uid}), SEQUENCE ${sequence}${back ? ' (back on the schedule)' : ''}`;
      const sequences = sequence === revision ? run.sequences : withEvent(run.sequences, e.uid, sequence);
      out.push({
        key,
        group: group.id,
        reason,
        what: update ? 'update' : 'invitation',
        plain,
        meetings: held.length,
        record: { meetings: meetingStarts(e), name: m.name, zone: m.zone },
        build: () =>
          buildRequest({
            group,
            to: recipient(m),
            templates,
            key,
            reason,
            meetings: listed,
            changes,
            headline,
            calendar: { method: 'REQUEST', ics: renderRequest(single, { now: p.now, sequences, attendees: [m] }) },
          }),
      });
    }
  }
  return out;
}

/**
 * CANCELs that stand in the state (change tracking's tombstones, `tcon cancel`'s): to every
 * member who was told about the meeting (or holds the event) and holds an older copy, so a
 * CANCEL is never lost, even when the run that found the meeting gone crashed. `everyone`: to
 * every member (an explicit `tcon cancel`, which also says why).
 */
function cancellationMessages(
  p: Planner,
  cancellations: readonly Cancellation[],
  why: string | ((c: Cancellation) => string),
  everyone = false,
): OwedMessage[] {
  const { group, templates } = p.inv;
  const out: OwedMessage[] = [];
  const today = p.now.setZone(zoneOf(group.timezone)).toISODate()!;
  for (const c of cancellations) {
    const reasonText = typeof why === 'string' ? why : why(c);
    const ev = p.events[c.uid];
    // A whole series; a one-off event (no RECURRENCE-ID either) is one meeting.
    const whole = !c.recurrenceId && ev?.kind === 'series';
    for (const m of group.members) {
      if (!p.reachable(m)) continue;
      const email = m.email.toLowerCase();
      const asked = p.sent.lastSequence(email, c.uid, 'request');
      const key: SendKey = { recipient: email, uid: c.uid, recurrenceId: ridText(c.recurrenceId), sequence: c.sequence, kind: 'cancel' };
      // A copy newer than the CANCEL (a request sent after the meeting was dropped) has it out
      // already; a CANCEL that went out is listed (and skipped as already sent).
      const sentAlready = p.sent.has(key);
      if (!sentAlready && (asked ?? -1) >= c.sequence) continue;
      if (!everyone && !sentAlready) {
        // Only to members who were told about it: any request for a whole event, a request that
        // listed the meeting for one meeting (a member who joined later never had it).
        if (asked === undefined) continue;
        if (!whole && c.ruleDate !== undefined && c.recurrenceId && !p.sent.told(email, c.uid).has(c.ruleDate)) continue;
        const off = p.sent.lastWholeSequence(email, c.uid, 'cancel');
        if (off !== undefined && off >= asked && off >= c.sequence) continue;
      }
      const held = c.start.setZone(zoneOf(group.timezone));
      // A meeting held on another day than its rule date (moved by the config or a holiday
      // policy) says where it is held: that is the one cancelled.
      const elsewhere = c.ruleDate !== undefined && c.ruleDate !== held.toISODate() ? `, held ${meetingTimes(group, held, c.end, undefined).line}` : '';
      const what = whole ? `${c.title} (${c.uid}), the whole series` : `the meeting of ${c.ruleDate ?? held.toISODate()}${elsewhere} (${c.uid})`;
      const ruleDay =
        c.ruleDate && c.ruleDate !== held.toISODate()
          ? `the meeting of ${c.ruleDate}, held ${meetingTimes(group, held, c.end, undefined).line}`
          : `the meeting of ${meetingTimes(group, held, c.end, undefined).line}`;
      out.push({
        key,
        group: group.id,
        reason: `cancellation of ${what}, SEQUENCE ${c.sequence}${reasonText ? `: ${reasonText}` : ''}`,
        what: 'cancellation',
        plain: `${whole ? `the whole series (${meetingsAhead(group, ev, c, today).length} meetings ahead)` : ruleDay}${reasonText ? `: ${reasonText}` : ''}`,
        build: () =>
          buildCancel({
            group,
            to: recipient(m),
            templates,
            key,
            reason: what,
            meetings: meetingsAhead(group, ev, c, today),
            whole,
            why: reasonText,
            calendar: { method: 'CANCEL', ics: renderCancel(group, [c], { now: p.now, attendees: [m] }) },
          }),
      });
    }
  }
  return out;
}

/**
 * CANCELs for people who left the roster: whoever was sent a request for an event of the group
 * that still has meetings ahead, and is no longer a member, gets a CANCEL of the whole event
 * (series chunk or one-off) above anything they were sent, once. The meetings go on for
 * everyone else. Name and zone are those of their last request.
 */
function removals(p: Planner): OwedMessage[] {
  const { group, templates } = p.inv;
  const members = new Set(group.members.map((m) => m.email.toLowerCase()));
  const out: OwedMessage[] = [];
  for (const [uid, ev] of Object.entries(p.events)) {
    // An event cancelled as a whole (in this very run, say) was sent to the members only: someone
    // who left the roster meanwhile still holds it.
    const ahead = Object.entries(ev.meetings)
      .filter(([, m]) => (ev.cancelled || !m.cancelled) && fromIso(m.end) > p.now)
      .sort((a, b) => (a[1].start < b[1].start ? -1 : 1));
    const first = ahead[0];
    if (!first) continue;
    for (const email of p.sent.recipients(uid, 'request')) {
      if (members.has(email) || isPlaceholderAddress(email)) continue;
      const asked = p.sent.lastSequence(email, uid, 'request')!;
      const off = p.sent.lastWholeSequence(email, uid, 'cancel');
      if (off !== undefined && off >= asked) continue; // their copy is cancelled already
      const sequence = heldSequence(p.sent, email, uid) + 1;
      raiseTop(p, uid, sequence);
      const [date, m] = first;
      const c: Cancellation = {
        uid,
        recurrenceId: undefined,
        sequence,
        title: ev.title,
        start: fromIso(m.start).setZone(zoneOf(m.zone)),
        end: fromIso(m.end).setZone(zoneOf(m.zone)),
        zone: m.zone,
        ruleDate: ev.kind === 'single' ? date : undefined,
      };
      const told = p.sent.last(email, uid, 'request');
      const to: Recipient = { name: told?.name ?? email, email, zone: told?.zone };
      const key: SendKey = { recipient: email, uid, recurrenceId: null, sequence, kind: 'cancel' };
      const series = ev.kind === 'series';
      const what = series ? `${ev.title} (${uid}), the ${ahead.length} meetings ahead` : `the meeting of ${date} (${uid})`;
      out.push({
        key,
        group: group.id,
        reason: `cancellation of ${what} for ${email}, who left the roster, SEQUENCE ${sequence}`,
        what: 'cancellation',
        plain: `left the roster: ${series ? `the ${ahead.length} meetings ahead` : `the meeting of ${formatDay(fromIso(m.start).setZone(zoneOf(group.timezone)))}`} taken off their calendar`,
        build: () =>
          buildCancel({
            group,
            to,
            templates,
            key,
            reason: what,
            meetings: ahead.map(([d, x]) => cancelledOccurrence(group, { ...c, ruleDate: d, start: fromIso(x.start), end: fromIso(x.end) })),
            whole: series,
            removed: true,
            why: '',
            calendar: { method: 'CANCEL', ics: renderCancel(group, [c], { now: p.now, attendees: [{ name: to.name, email, role: 'voting' }] }) },
          }),
      });
    }
  }
  return out;
}

function planner(inv: GroupInvitation, sent: SentIndex, now: DateTime, state: GroupState): Planner {
  return {
    inv,
    sent,
    now,
    events: { ...state.events },
    reachable: inv.reachable ?? ((m) => !isPlaceholderAddress(m.email)),
  };
}

/**
 * Every message one group's members are owed after a run of change tracking: invitations and
 * updates, the CANCELs standing in the state, and the CANCELs of members who left. `state` is
 * the group's state to save (before sending: a run that stops half-way is finished by the next
 * one with the same SEQUENCEs).
 */
export function planInvitations(inv: GroupInvitation, sent: SentIndex, now: DateTime): { messages: OwedMessage[]; state: GroupState } {
  const p = planner(inv, sent, now, inv.run.state);
  const reasonOf = inv.reasonOf ?? (() => 'removed from the schedule');
  // CANCELs first: a run that drops a meeting and changes the event otherwise sends the CANCEL
  // below the new REQUEST, and clients read mail in the order it came.
  const messages = [...cancellationMessages(p, standingCancellations(inv.run.state), reasonOf), ...requests(p), ...removals(p)];
  return { messages, state: { events: p.events } };
}

/**
 * An explicit cancellation (`tcon cancel`): the CANCEL of `cancellation` to every member, with
 * the reason, each above what they hold; and the state after it.
 */
export function planCancellation(
  inv: GroupInvitation,
  sent: SentIndex,
  now: DateTime,
  state: GroupState,
  cancellation: Cancellation,
  why: string,
): { messages: OwedMessage[]; state: GroupState } {
  const p = planner(inv, sent, now, state);
  const messages = cancellationMessages(p, [cancellation], why, true);
  return { messages, state: { events: p.events } };
}
