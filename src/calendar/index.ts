/**
 * The calendar module's API (pure: no I/O, no clock; `now` is a parameter).
 *
 * Typical use, as `tcon ics` and `tcon invite` do it:
 * ```ts
 * const model = buildCalendarModel(group, window);          // events, UIDs, RECURRENCE-IDs
 * const run = computeChanges(state.invite[group.id], model); // SEQUENCEs, changes, CANCELs
 * const request = renderRequest(model, { now, sequences: run.sequences });
 * const cancel = run.cancellations.length ? renderCancel(group, run.cancellations, { now }) : undefined;
 * // after writing/sending: state.invite[group.id] = run.state (adapters/state.ts saves it)
 * ```
 * - `renderPublish(models, opts)`: the public feed (METHOD:PUBLISH), one or more groups;
 *   `CombinedFeed` writes each group's feed and the feed of them all, a group at a time.
 * - `renderRequest(model, { attendees, uid })`: the invitation (METHOD:REQUEST) with every
 *   roster member, or only `attendees` (e.g. one member for a personal message); with `uid`, only
 *   that event: an iMIP message must carry one UID (RFC 5546), so mail sends one per event.
 * - `renderCancel(group, cancellations, opts)`: METHOD:CANCEL for meetings (RECURRENCE-ID) or
 *   whole series. `computeChanges` gives the cancellations of what vanished from the config;
 *   `planCancel(state, { uid, ruleDate })` one on request (e.g. `tcon cancel`).
 * - `findMeeting(model, date)` finds the UID and rule date of the meeting held on a date.
 * - `planChunks(group, window, state)`: which events (one per series and year) a run writes.
 * Invitation planning per member (who is owed what) is src/itip's.
 */
export {
  buildCalendarModel,
  outlookUnmappable,
  seriesUid,
  meetingUid,
  chunkUid,
  meetingDate,
  outOfOrderMoves,
  type Chunk,
  type CalendarModel,
  type CalendarEvent,
  type SeriesEvent,
  type OverrideEvent,
  type SingleEvent,
  type Meeting,
  type IcsTime,
} from './model.js';
export {
  renderPublish,
  renderPublishChunks,
  CombinedFeed,
  renderRequest,
  renderCancel,
  cleanText,
  escapeText,
  tzidOf,
  ZERO_SEQUENCES,
  type Sequences,
  type RenderOptions,
  type PublishOptions,
  type RequestOptions,
  type CancelOptions,
  type Cancellation,
  type Attendee,
} from './render.js';
export {
  computeChanges,
  planCancel,
  describeChanges,
  fingerprint,
  topSequence,
  eventRevision,
  EMPTY_STATE,
  type Channel,
  type CalendarState,
  type GroupState,
  type EventState,
  type MeetingState,
  type CalendarChange,
  type ChangeKind,
  type ChangeResult,
} from './changes.js';
export { findMeeting } from './find.js';
export { planChunks, scheduleWindow } from './chunks.js';
