import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { buildCalendarModel, computeChanges, type IcsTime } from '../../calendar/index.js';
import type { DeliveryJob } from '../../adapters/delivery.js';
import type { SentIndex } from '../../adapters/sendlog.js';
import { defaultStatePath, readState } from '../../adapters/state.js';
import { addDays } from '../../schedule/dates.js';
import { groupTargets, rateMeeting } from '../../coverage/index.js';
import { meetingTimes } from '../../mail/format.js';
import { MailError, buildReminder, senderOf, type Recipient } from '../../mail/messages.js';
import { dueReminders, reminderRecipients } from '../../mail/reminders.js';
import type { Group, Occurrence } from '../../schedule/types.js';
import { UsageError, type CliIo } from '../io.js';
import { ridText } from '../mail-calendar.js';
import { route, runBatch, templatesFor, Unaddressed, type MailOptions } from '../mail-common.js';
import { parseNow, selectGroups } from '../options.js';
import { plannedBuilder } from '../planned.js';
import { zoneOf } from '../../schedule/zoned.js';

export interface RemindOptions extends MailOptions {
  days: number[];
  state?: string;
}

/** What changed for this reader since their invitation (from the send log's record of it). */
export function changesSinceInvitation(group: Group, o: Occurrence, uid: string, to: Recipient, sent: SentIndex): string[] {
  const first = sent.first(to.email, uid, 'request');
  const now = meetingTimes(group, o.start, o.end, to.zone).line;
  const told = first?.meetings?.[o.ruleDate];
  if (first?.meetings && told === undefined) return [`a new meeting, not in the invitation: ${now}`];
  if (told !== undefined) {
    const before = DateTime.fromISO(told, { zone: 'UTC' });
    if (before.toMillis() === o.start.toMillis()) return [];
    return [`moved: was ${meetingTimes(group, before, before.plus(o.end.diff(o.start)), to.zone).line}, now ${now}`];
  }
  if (o.status === 'moved' && o.originalStart) {
    return [`moved from ${meetingTimes(group, o.originalStart, o.originalStart.plus(o.end.diff(o.start)), to.zone).line}`];
  }
  return [];
}

/**
 * Which regions the meeting suits, from the coverage ratings of the group's regions:
 * "good for US East, Europe; fair for Japan".
 */
export function regionsLine(group: Group, o: Occurrence): string {
  const cells = rateMeeting(o.start.toMillis(), o.end.toMillis(), group.timezone, groupTargets(group));
  const of = (rating: string) => cells.filter((c) => c.rating === rating).map((c) => c.target.label);
  const parts = [['good', of('good')], ['fair', of('fair')]] as const;
  return parts.filter(([, list]) => list.length).map(([r, list]) => `${r} for ${list.join(', ')}`).join('; ');
}

export async function runRemind(opts: RemindOptions, io: CliIo): Promise<number> {
  const { config, groups } = await selectGroups(opts, io);
  const now = parseNow(opts.now);
  for (const g of groups) {
    try {
      senderOf(g);
    } catch (e) {
      if (e instanceof MailError) throw new UsageError(e.message);
      throw e;
    }
  }
  const r = route(opts, groups, config.dir, io);
  const statePath = opts.state ? resolve(io.cwd, opts.state) : defaultStatePath(config.dir);
  const state = await readState(statePath);
  const horizon = Math.max(...opts.days);
  // Reminders go out for where the meeting is really held (policies applied, reason in the note).
  const build = await plannedBuilder(config.dir, config.groups, io);
  const unaddressed = new Unaddressed();
  const plan = (sent: SentIndex): DeliveryJob[] =>
    groups.flatMap((group) => {
      const today = now.setZone(zoneOf(group.timezone)).toISODate()!;
      const window = { from: addDays(today, -1), to: addDays(today, horizon + 1) };
      const model = buildCalendarModel(group, window, build(group, window));
      // Same SEQUENCEs as the invitations: reminders of a meeting that moved are new messages.
      const seq = computeChanges(state.invite[group.id], model).sequences;
      const ids = new Map<Occurrence, { uid: string; rid: IcsTime | undefined; sequence: number }>();
      for (const e of model.events) {
        if (e.kind === 'series') for (const m of e.meetings) ids.set(m.occurrence, { uid: e.uid, rid: m.recurrenceId, sequence: seq.meeting(e.uid, m.ruleDate) });
        else ids.set(e.meeting.occurrence, { uid: e.uid, rid: undefined, sequence: seq.event(e.uid) });
      }
      const templates = templatesFor(config.dir, group.id);
      const jobs: DeliveryJob[] = [];
      for (const due of dueReminders(group, [...ids.keys()], now, opts.days)) {
        const id = ids.get(due.meeting)!;
        for (const to of reminderRecipients(group)) {
          if (!unaddressed.reachable(to)) continue;
          const key = { recipient: to.email.toLowerCase(), uid: id.uid, recurrenceId: ridText(id.rid), sequence: id.sequence, kind: `remind-${due.days}d` };
          const reason = `reminder (${due.days} day${due.days === 1 ? '' : 's'}) of ${meetingTimes(group, due.meeting.start, due.meeting.end, undefined).line}`;
          jobs.push({
            key,
            group: group.id,
            reason,
            build: () =>
              buildReminder({
                group,
                to,
                templates,
                key,
                reason,
                meeting: due.meeting,
                now,
                days: due.days,
                regions: regionsLine(group, due.meeting),
                changes: changesSinceInvitation(group, due.meeting, id.uid, to, sent),
              }),
          });
        }
      }
      return jobs;
    });
  return runBatch(opts, r, plan, io, unaddressed);
}
