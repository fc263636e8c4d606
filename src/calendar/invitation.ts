import type { DateTime } from 'luxon';
import type { Group, Member, Window } from '../schedule/types.js';
import { computeChanges, type ChangeResult, type GroupState } from './changes.js';
import { buildCalendarModel, type CalendarModel } from './model.js';
import { renderCancel, renderRequest } from './render.js';

export interface Invitation {
  model: CalendarModel;
  /** Changes against `previous`, the SEQUENCE numbers used, and the state to save once sent. */
  result: ChangeResult;
  /** METHOD:REQUEST with every meeting of the window (every UID: for a file). */
  request: string;
  /** METHOD:CANCEL for meetings and series that vanished since `previous`; undefined if none. */
  cancel: string | undefined;
  /** The same, one iCalendar object per UID, as iMIP messages carry them (RFC 5546). */
  messages: { uid: string; method: 'REQUEST' | 'CANCEL'; ics: string }[];
}

/**
 * Everything an invitation run needs for one group, in one pure call: the REQUEST (every roster
 * member, or `attendees`), the CANCEL owed for what vanished, and the new state. Save
 * `result.state` as `state.invite[group.id]` only once the messages went out.
 */
export function planInvitation(
  group: Group,
  window: Window,
  previous: GroupState | undefined,
  opts: { now: DateTime; attendees?: readonly Member[] | undefined },
): Invitation {
  const model = buildCalendarModel(group, window);
  const result = computeChanges(previous, model);
  const request = renderRequest(model, { now: opts.now, sequences: result.sequences, attendees: opts.attendees });
  const cancel = result.cancellations.length ? renderCancel(group, result.cancellations, { now: opts.now, attendees: opts.attendees }) : undefined;
  const messages: Invitation['messages'] = model.events.map((e) => ({
    uid: e.uid,
    method: 'REQUEST' as const,
    ics: renderRequest(model, { now: opts.now, sequences: result.sequences, attendees: opts.attendees, uid: e.uid }),
  }));
  const cancelUids = [...new Set(result.cancellations.map((c) => c.uid))];
  for (const uid of cancelUids) {
    const mine = result.cancellations.filter((c) => c.uid === uid);
    messages.push({ uid, method: 'CANCEL', ics: renderCancel(group, mine, { now: opts.now, attendees: opts.attendees }) });
  }
  return { model, result, request, cancel, messages };
}
