import type { DateTime } from 'luxon';
import type { Group, Member, Window } from '../schedule/types.js';
import { computeChanges, type ChangeResult, type GroupState } from './changes.js';
import { buildCalendarModel, type CalendarModel } from './model.js';
import { renderCancel, renderRequest } from './render.js';

export interface Invitation {
  model: CalendarModel;
  /** Changes against `previous`, the SEQUENCE numbers used, and the state to save once sent. */
  result: ChangeResult;
  /** METHOD:REQUEST with every meeting of the window. */
  request: string;
  /** METHOD:CANCEL for meetings and series that vanished since `previous`; undefined if none. */
  cancel: string | undefined;
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
  return { model, result, request, cancel };
}
