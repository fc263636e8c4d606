/*
 * The one run step every calendar command shares (pure; what was loaded is passed in):
 * window -> the chunks of each series the run writes -> the planned schedule over them -> the
 * calendar model -> its warnings -> the changes against the state. `tcon ics`, `diff`, `invite`,
 * `cancel` and `remind` all start here, so they agree on UIDs, SEQUENCEs and meetings.
 */
import {
  buildCalendarModel,
  computeChanges,
  planChunks,
  scheduleWindow,
  type CalendarModel,
  type ChangeResult,
  type GroupState,
  ZERO_SEQUENCES,
} from '../calendar/index.js';
import type { Group, Occurrence, Window } from '../schedule/types.js';

/** The schedule a command publishes for a group and window (holiday and blackout policies applied). */
export type ScheduleBuilder = (group: Group, window: Window) => Occurrence[];

/** One group's run. */
export interface GroupRun {
  group: Group;
  /** The window the user asked for. */
  window: Window;
  /** The planned schedule the model was built from (the window and the chunks' spans). */
  schedule: Occurrence[];
  model: CalendarModel;
  /** The changes against `previous`, the SEQUENCEs, and the state to save. */
  run: ChangeResult;
  previous: GroupState | undefined;
}

/**
 * The run of one group over `window`: the chunks members hold or will hold (from the state),
 * the schedule over the window and those chunks, the model, the changes. Pure.
 *
 * `tracked: false`: a run whose state is kept nowhere (`tcon ics --no-state`, which has no
 * `previous` either). Its changes and state are not computed: it has no changes, an empty state,
 * and every SEQUENCE 0, which is what computeChanges gives a first run. A registry's feed spent
 * a tenth of its time making, then dropping, a state for each event (issue 14).
 */
export function runGroup(
  group: Group,
  window: Window,
  build: ScheduleBuilder,
  previous: GroupState | undefined,
  { tracked = true }: { tracked?: boolean } = {},
): GroupRun {
  const chunks = planChunks(group, window, previous);
  const schedule = build(group, scheduleWindow(window, chunks));
  const model = buildCalendarModel(group, window, schedule, chunks);
  const run: ChangeResult = tracked ? computeChanges(previous, model) : { state: { events: {} }, changes: [], sequences: ZERO_SEQUENCES, cancellations: [] };
  return { group, window, schedule, model, run, previous };
}
