/*
 * The invitation as files (`tcon ics --invite --state`), for a calendar client to import and
 * send (pure): one REQUEST per event (UID), the CANCELs owed next to it, and a CANCEL naming the
 * members who left the roster (RFC 5546 3.2.5: the organizer cancels for a removed attendee).
 * The audience is the whole roster, so the state remembers who each event named.
 */
import { DateTime } from 'luxon';
import type { GroupRun } from '../app/run.js';
import { renderCancel, renderRequest, topSequence, type Cancellation, type GroupState, type Sequences } from '../calendar/index.js';
import { isPlaceholderAddress } from '../schedule/address.js';
import { zoneOf } from '../schedule/zoned.js';

export interface InviteFile {
  uid: string;
  method: 'REQUEST' | 'CANCEL';
  /** What the file is: the invitation, the CANCELs owed to everyone, or the CANCEL of those who left. */
  kind: 'request' | 'cancel' | 'removed';
  ics: string;
}

/** The files of one group's invitation run, and the state to save once they are written. */
export function planInviteFiles(run: GroupRun, now: DateTime): { files: InviteFile[]; state: GroupState } {
  const { group, model, previous } = run;
  const result = run.run;
  const events = { ...result.state.events };
  const roster = group.members.filter((m) => !isPlaceholderAddress(m.email));
  const emails = roster.map((m) => m.email.toLowerCase()).sort();
  const raised = new Map<string, number>();
  const files: InviteFile[] = [];

  for (const e of model.events) {
    const before = previous?.events[e.uid];
    const told = before?.attendees;
    const ev = events[e.uid]!;
    // A member who joins gets the event at a SEQUENCE above anything anyone was sent for it: one
    // who left and comes back holds a CANCEL (the file has one SEQUENCE for all).
    const joined = told ? emails.filter((x) => !told.includes(x)) : [];
    if (joined.length && before && !before.cancelled && result.sequences.event(e.uid) <= topSequence(before)) {
      const sequence = topSequence(ev) + 1;
      raised.set(e.uid, sequence);
      events[e.uid] = { ...ev, sequence };
    }
  }
  const sequences: Sequences = { event: (uid) => raised.get(uid) ?? result.sequences.event(uid), meeting: result.sequences.meeting };
  const uids = [...new Set([...model.events.map((e) => e.uid), ...result.cancellations.map((c) => c.uid)])];
  for (const uid of uids) {
    if (model.events.some((e) => e.uid === uid)) files.push({ uid, method: 'REQUEST', kind: 'request', ics: renderRequest(model, { now, sequences, uid }) });
    const cancels = result.cancellations.filter((c) => c.uid === uid);
    if (cancels.length) files.push({ uid, method: 'CANCEL', kind: 'cancel', ics: renderCancel(group, cancels, { now }) });
  }
  // Members no longer on the roster: a CANCEL of each event they were named in that still has
  // meetings ahead, naming them, above anything sent for it.
  for (const [uid, ev] of Object.entries(events)) {
    const gone = (ev.attendees ?? []).filter((x) => !emails.includes(x));
    const ahead = Object.entries(ev.meetings)
      .filter(([, m]) => !m.cancelled && !ev.cancelled && Date.parse(m.end) > now.toMillis())
      .sort((a, b) => (a[1].start < b[1].start ? -1 : 1));
    if (gone.length && ahead.length) {
      const sequence = topSequence(ev) + 1;
      const [date, m] = ahead[0]!;
      const c: Cancellation = {
        uid,
        recurrenceId: undefined,
        sequence,
        title: ev.title,
        start: DateTime.fromISO(m.start, { zone: 'UTC' }).setZone(zoneOf(m.zone)),
        end: DateTime.fromISO(m.end, { zone: 'UTC' }).setZone(zoneOf(m.zone)),
        zone: m.zone,
        ruleDate: ev.kind === 'single' ? date : undefined,
      };
      files.push({
        uid,
        method: 'CANCEL',
        kind: 'removed',
        ics: renderCancel(group, [c], { now, attendees: gone.map((email) => ({ name: email, email, role: 'voting' as const })) }),
      });
      events[uid] = { ...ev, top: sequence };
    }
    // Who the files name now, for the events this run wrote; the others keep who they named.
    if (model.events.some((e) => e.uid === uid)) events[uid] = { ...events[uid]!, attendees: emails };
    else if (gone.length) events[uid] = { ...events[uid]!, attendees: (ev.attendees ?? []).filter((x) => emails.includes(x)) };
  }
  return { files, state: { events } };
}
