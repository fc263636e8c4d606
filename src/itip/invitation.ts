/*
 * The library's one call for an invitation run (pure): what `tcon invite` and
 * `tcon ics --invite` do for one group, from the same code (app/run.ts, itip/invite.ts).
 */
import type { DateTime } from 'luxon';
import { runGroup, type GroupRun, type ScheduleBuilder } from '../app/run.js';
import { renderCancel, renderRequest, type GroupState } from '../calendar/index.js';
import type { TemplateSet } from '../mail/templates.js';
import { buildSchedule } from '../schedule/build.js';
import type { Group, Member, Occurrence, Window } from '../schedule/types.js';
import { planInvitations, type OwedMessage } from './invite.js';
import { EntryIndex, type SentIndex } from './sent.js';

export interface Invitation extends GroupRun {
  /** One iCalendar object per UID, as iMIP messages and `tcon ics --invite` files carry them (RFC 5546). */
  files: { uid: string; method: 'REQUEST' | 'CANCEL'; ics: string }[];
  /** The messages each member is owed (with `templates`), as `tcon invite` sends them. */
  messages: OwedMessage[];
  /** The group's state to save once the files are written or the messages sent. */
  state: GroupState;
}

/**
 * Everything an invitation run owes for one group: the change tracking against `previous`
 * (`state.invite[group.id]`), one REQUEST or CANCEL per UID (every roster member, or
 * `attendees`), and, given the mail `templates`, each member's messages against what the send
 * log says they were sent (`sent`; default: nothing yet).
 */
export function planInvitation(
  group: Group,
  window: Window,
  previous: GroupState | undefined,
  opts: {
    now: DateTime;
    attendees?: readonly Member[] | undefined;
    /** The schedule to invite to (default buildSchedule); the CLI passes the planned one (holiday policies applied). */
    schedule?: ScheduleBuilder | Occurrence[] | undefined;
    templates?: TemplateSet | undefined;
    sent?: SentIndex | undefined;
  },
): Invitation {
  const given = opts.schedule;
  const build: ScheduleBuilder = typeof given === 'function' ? given : given ? () => given : buildSchedule;
  const run = runGroup(group, window, build, previous);
  const { model, run: result } = run;
  const files: Invitation['files'] = model.events.map((e) => ({
    uid: e.uid,
    method: 'REQUEST' as const,
    ics: renderRequest(model, { now: opts.now, sequences: result.sequences, attendees: opts.attendees, uid: e.uid }),
  }));
  for (const uid of [...new Set(result.cancellations.map((c) => c.uid))]) {
    const mine = result.cancellations.filter((c) => c.uid === uid);
    files.push({ uid, method: 'CANCEL', ics: renderCancel(group, mine, { now: opts.now, attendees: opts.attendees }) });
  }
  if (!opts.templates) return { ...run, files, messages: [], state: result.state };
  const planned = planInvitations({ group, model, run: result, templates: opts.templates }, opts.sent ?? new EntryIndex(), opts.now);
  return { ...run, files, messages: planned.messages, state: planned.state };
}
