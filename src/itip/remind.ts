/*
 * Which reminders are due, to whom, with which key (pure). A reminder is keyed by the meeting's
 * UID and RECURRENCE-ID and the SEQUENCE at which the meeting last changed, so a meeting that
 * moved after its reminder went out is reminded again, and nothing else is.
 */
import type { DateTime } from 'luxon';
import type { CalendarModel, IcsTime, Sequences } from '../calendar/index.js';
import { groupTargets, rateMeeting } from '../coverage/index.js';
import { meetingTimes } from '../schedule/when.js';
import { buildReminder, type Recipient } from '../mail/messages.js';
import { dueReminders, reminderRecipients } from '../mail/reminders.js';
import type { TemplateSet } from '../mail/templates.js';
import type { SendKey } from '../mail/types.js';
import type { Group, Occurrence } from '../schedule/types.js';
import type { OwedMessage } from './invite.js';
import type { SentIndex } from './sent.js';
import { changeLine, movedSinceTold, ridText, toldStarts } from './words.js';

/**
 * What changed for this reader since they were last told of the meeting (the send log's record
 * of their latest request: an update they received is not news again), in the words an update
 * uses (movedSinceTold, changeLine). Without a record (a list address, a log from elsewhere), a
 * meeting the config moved says where it was.
 */
export function changesSinceInvitation(group: Group, o: Occurrence, uid: string, to: Recipient, sent: SentIndex): string[] {
  const told = toldStarts(sent, to.email, uid);
  if (told && told[o.ruleDate] === undefined) return [`New meeting, not in the invitation: ${meetingTimes(group, o.start, o.end, to.zone).line}`];
  const moved = told
    ? movedSinceTold(group, o, told)
    : o.status === 'moved' && o.originalStart
      ? movedSinceTold(group, o, { [o.ruleDate]: o.originalStart.toUTC().toISO()! })
      : undefined;
  return moved ? [changeLine(group, moved, to.zone)] : [];
}

/**
 * Which regions the meeting suits, from the coverage ratings of the group's regions:
 * "good for US East, Europe; fair for Japan".
 */
export function regionsLine(group: Group, o: Occurrence): string {
  const cells = rateMeeting(o.start.toMillis(), o.end.toMillis(), group.timezone, groupTargets(group));
  const of = (rating: string) => cells.filter((c) => c.rating === rating).map((c) => c.target.label);
  const parts = [
    ['good', of('good')],
    ['fair', of('fair')],
  ] as const;
  return parts
    .filter(([, list]) => list.length)
    .map(([r, list]) => `${r} for ${list.join(', ')}`)
    .join('; ');
}

/**
 * The reminders owed at `now` for the meetings of `model` (built with the chunks members hold,
 * so the UIDs are theirs), `days` before each meeting.
 */
export function planReminders(
  model: CalendarModel,
  sequences: Sequences,
  opts: { sent: SentIndex; now: DateTime; days: readonly number[]; templates: TemplateSet; reachable: (to: Recipient) => boolean },
): OwedMessage[] {
  const group = model.group;
  const ids = new Map<Occurrence, { uid: string; rid: IcsTime | undefined; sequence: number }>();
  for (const e of model.events) {
    if (e.kind === 'series')
      for (const m of e.meetings) ids.set(m.occurrence, { uid: e.uid, rid: m.recurrenceId, sequence: sequences.meeting(e.uid, m.ruleDate) });
    else ids.set(e.meeting.occurrence, { uid: e.uid, rid: undefined, sequence: sequences.event(e.uid) });
  }
  const out: OwedMessage[] = [];
  for (const due of dueReminders(group, [...ids.keys()], opts.now, opts.days)) {
    const id = ids.get(due.meeting)!;
    for (const to of reminderRecipients(group)) {
      if (!opts.reachable(to)) continue;
      const key: SendKey = {
        recipient: to.email.toLowerCase(),
        uid: id.uid,
        recurrenceId: ridText(id.rid),
        sequence: id.sequence,
        kind: `remind-${due.days}d`,
      };
      const reason = `reminder (${due.days} day${due.days === 1 ? '' : 's'}) of ${meetingTimes(group, due.meeting.start, due.meeting.end, undefined).line}`;
      out.push({
        key,
        group: group.id,
        reason,
        what: 'reminder',
        plain: reason,
        build: () =>
          buildReminder({
            group,
            to,
            templates: opts.templates,
            key,
            reason,
            meeting: due.meeting,
            now: opts.now,
            days: due.days,
            regions: regionsLine(group, due.meeting),
            changes: changesSinceInvitation(group, due.meeting, id.uid, to, opts.sent),
          }),
      });
    }
  }
  return out;
}
