/*
 * What an explicit cancellation cancels (`tcon cancel`, `tcon ics --cancel`), found in the
 * state: the meeting or event as members hold it (its UID, RECURRENCE-ID and times as they were
 * sent, even after the config's zone or rule changed since), with the next SEQUENCE (pure).
 */
import { DateTime } from 'luxon';
import { findMeeting, planCancel, type CalendarModel, type Cancellation, type EventState, type GroupState } from '../calendar/index.js';
import { seriesUid } from '../calendar/chunks.js';
import { isIsoDate } from '../schedule/dates.js';
import { standingCancellations } from './words.js';
import type { Group, IsoDate, Series } from '../schedule/types.js';
import { zoneOf } from '../schedule/zoned.js';

/** One meeting found by a date: in the state (sent before) or only in the config. */
export interface FoundMeeting {
  uid: string;
  /** The meeting's rule date (its key in the state). */
  ruleDate: IsoDate;
  /** The meeting's date, the key of `meetings:` in the config (its day in the group zone; a moved one's date before the move). */
  date: IsoDate;
  /** The series entry (`series[i]`) whose own `meetings:` holds the skip, for a series with an id (parallel calls); else undefined: the group's. */
  seriesIndex?: number | undefined;
  /** Whether it belongs to a series (a skip is written for it) or is a one-off (its `add` is removed). */
  oneOff: boolean;
  /** The event holds only this meeting (a one-off, or a meeting written as an event of its own). */
  ownEvent: boolean;
  /** Already cancelled in the state (a rerun after an interrupted cancel). */
  cancelled: boolean;
}

/** The state keeps instants in UTC; the day a meeting is held is its date in the group zone. */
function heldDay(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'UTC' }).setZone(zoneOf(zone)).toISODate()!;
}

/** Whether an event of the state belongs to a series (a chunk, a first-format series, or one meeting of a series written alone). */
function ofSeries(uid: string, ev: EventState): boolean {
  return ev.kind === 'series' || ev.series !== undefined || !/-add-\d{4}-\d{2}-\d{2}-\d+@/.test(uid);
}

/**
 * The meeting held on `date` (its day in the group zone) or whose rule date is `date`, as the
 * state holds it (live first, then one already cancelled), else as the config has it.
 */
export function findByDate(group: Group, state: GroupState | undefined, model: CalendarModel | undefined, date: IsoDate): FoundMeeting | undefined {
  const events = Object.entries(state?.events ?? {});
  for (const cancelled of [false, true]) {
    for (const pass of ['held', 'rule'] as const) {
      for (const [uid, ev] of events) {
        for (const [ruleDate, m] of Object.entries(ev.meetings)) {
          if (!!(m.cancelled || ev.cancelled) !== cancelled) continue;
          const hit = pass === 'held' ? heldDay(m.start, group.timezone) === date : ruleDate === date;
          if (hit)
            return { uid, ruleDate, ...configKey(group, model, uid, ruleDate, m.date), oneOff: !ofSeries(uid, ev), ownEvent: ev.kind === 'single', cancelled };
        }
      }
    }
  }
  const found = model ? findMeeting(model, date) : undefined;
  if (!found) return undefined;
  const o = found.meeting.occurrence;
  return {
    uid: found.uid,
    ruleDate: o.ruleDate,
    ...configKey(group, model, found.uid, o.ruleDate, o.date),
    oneOff: o.status === 'added',
    ownEvent: !found.series,
    cancelled: false,
  };
}

/** Where the config keys a meeting: its date (from the model when it holds the meeting), and the series entry of a named series. */
function configKey(
  group: Group,
  model: CalendarModel | undefined,
  uid: string,
  ruleDate: IsoDate,
  fallback: IsoDate,
): { date: IsoDate; seriesIndex: number | undefined } {
  for (const e of model?.events ?? []) {
    if (e.uid !== uid) continue;
    const m = e.kind === 'series' ? e.meetings.find((x) => x.ruleDate === ruleDate) : e.meeting;
    if (!m) continue;
    const series = group.series.find((s) => s.id === m.occurrence.seriesId);
    return { date: m.occurrence.date, seriesIndex: series?.named ? series.index : undefined };
  }
  const series = group.series.find((s) => uid.startsWith(`${group.id}-${s.id}-`));
  return { date: fallback, seriesIndex: series?.named ? series.index : undefined };
}

/** The state's events of a series: its chunks, and the first format's one event. */
export function seriesEvents(group: Group, series: Series, state: GroupState | undefined): string[] {
  return Object.entries(state?.events ?? {})
    .filter(([uid, ev]) => ev.series === series.id || uid === seriesUid(group.id, series.id))
    .map(([uid]) => uid)
    .sort();
}

/** The CANCEL of a meeting or a whole event at the next SEQUENCE, or the one standing already. */
export function cancelOne(
  state: GroupState,
  target: { uid: string; ruleDate?: IsoDate | undefined },
): { cancellation: Cancellation; state: GroupState } | undefined {
  const planned = planCancel(state, target);
  if (planned) return planned;
  const c = standingCancellations(state).find(
    (x) => x.uid === target.uid && (target.ruleDate === undefined ? !x.recurrenceId : x.ruleDate === target.ruleDate),
  );
  return c && { cancellation: c, state };
}

export type CancelTargets = { kind: 'found'; cancellations: Cancellation[]; state: GroupState } | { kind: 'none'; known: string[] };

/** `tcon ics --cancel <date | series id | all>`: the CANCELs, against the state after a run. */
export function cancelTargets(group: Group, state: GroupState, model: CalendarModel, target: string): CancelTargets {
  const uids: { uid: string; ruleDate?: string }[] = [];
  if (isIsoDate(target)) {
    const found = findByDate(group, state, model, target);
    if (!found) return { kind: 'none', known: [] };
    uids.push(found.ownEvent ? { uid: found.uid } : { uid: found.uid, ruleDate: found.ruleDate });
  } else if (target === 'all') {
    uids.push(...model.events.map((e) => ({ uid: e.uid })));
  } else {
    // A series (or a session list, all of its sessions) is cancelled event by event: its
    // chunks, or its meetings written alone.
    const chosen = group.series.filter((s) => s.id === target || s.session?.list === target);
    const events = [
      ...new Set(
        chosen.flatMap((series) => [...seriesEvents(group, series, state), ...model.events.filter((e) => e.seriesId === series.id).map((e) => e.uid)]),
      ),
    ];
    if (events.length === 0) return { kind: 'none', known: group.series.map((s) => s.id) };
    uids.push(...events.map((uid) => ({ uid })));
  }
  let current = state;
  const cancellations: Cancellation[] = [];
  for (const t of uids) {
    const planned = planCancel(current, t);
    if (!planned) continue;
    current = planned.state;
    cancellations.push(planned.cancellation);
  }
  return { kind: 'found', cancellations, state: current };
}
