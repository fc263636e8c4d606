import { DateTime, type Zone } from 'luxon';
import { addDays, daysBetween, movedFromText } from './dates.js';
import { countDates, expandDates, fromDayNumber } from './recurrence.js';
import { createRotor } from './rotation.js';
import { startMs, withOccurrenceTimes } from './times.js';
import { instantIn, offsetAt, placeWallTime, zoneOf, type Placement } from './zoned.js';
import type { Group, IsoDate, MeetingException, Occurrence, Series, Slot, Window } from './types.js';

/*
 * One date per meeting: a meeting's date is its day in the group's zone, the day every output
 * prints. A rule yields rule dates; a slot holds the meeting of rule date D at its wall time on
 * D + `days` in its own zone (`"00:00 UTC +1d"`), which for a slot in the group's zone, or one
 * written with the right offset, is a time on D in the group's zone. `meetings:` keys, windows,
 * blackouts and holidays all speak of the meeting's date; the rule date stays the instance's
 * identity in calendars (RECURRENCE-ID, state), so configs that never crossed a date line keep
 * every UID, RECURRENCE-ID and SEQUENCE.
 */

/** Splits "HH:mm" into numbers (the config layer has validated it). */
export function parseHm(hm: string): [number, number] {
  return hm.split(':').map(Number) as [number, number];
}

/** The day of the instant `ms` in `zone` (by hand: this runs once per meeting). */
export function dayIn(zone: string, ms: number): IsoDate {
  return fromDayNumber(Math.floor((ms + offsetAt(zone, ms) * 60_000) / 86_400_000));
}

/**
 * How many days either side of a window a rule date can lie and still give a meeting inside it:
 * the largest day offset of the group's slots, plus the day a wall time in another zone can
 * cross (offsets run from -12 to +14, so up to two days).
 */
export function dateMargin(group: Group): number {
  let most = 0;
  for (const s of group.series) for (const slot of s.slots) most = Math.max(most, Math.abs(slot.days));
  return most + 2;
}

/** The first date a series can yield: its `from`, else (an open first series) the window start, widened. */
function seriesStart(series: Series, window: Window, margin: number): IsoDate {
  return series.from ?? addDays(window.from, -margin);
}

interface Placed {
  start: DateTime | undefined;
  warning: string | undefined;
}

function toPlaced(p: Placement, zone: string): Placed {
  if (p.kind === 'skipped') return { start: undefined, warning: p.warning };
  return { start: instantIn(p.ms, zoneOf(zone)), warning: p.kind === 'ok' ? undefined : p.warning };
}

/**
 * The settings of the meeting of `series` on `date` (the meeting's date): the group's
 * `meetings:` entry, with the series' own entry (`series[].meetings`) over it, field by field.
 */
export function exceptionFor(group: Group, series: Series, date: IsoDate): MeetingException | undefined {
  const g = group.exceptions.get(date);
  const s = series.exceptions.get(date);
  if (!s) return g;
  if (!g) return s;
  return {
    date,
    skip: s.skip ?? (s.move === undefined && s.moveDate === undefined ? g.skip : undefined),
    move: s.move ?? (s.skip === undefined && s.moveDate === undefined ? g.move : undefined),
    moveDate: s.moveDate ?? (s.skip === undefined && s.move === undefined ? g.moveDate : undefined),
    moveZone: s.move !== undefined ? s.moveZone : g.moveZone,
    add: [],
    link: s.link ?? g.link,
    note: s.note ?? g.note,
    title: s.title ?? g.title,
    duration: s.duration ?? g.duration,
  };
}

/**
 * Where the slot of rule date `date` puts the meeting (a DST gap under "skip": where it would
 * have been), in the group's zone. Runs once per rule date: no object spread, one DateTime.
 */
export function placeSlot(group: Group, slot: Slot, date: IsoDate): Placed & { would: DateTime } {
  const p = placeSlotMs(group, slot, date);
  if (p.start !== undefined) {
    const start = instantIn(p.start, zoneOf(group.timezone));
    return { start, warning: p.warning, would: start };
  }
  return { start: undefined, warning: p.warning, would: p.would! };
}

/** placeSlot in epoch milliseconds (no DateTime unless the slot's wall time falls in a skipped gap). */
function placeSlotMs(
  group: Group,
  slot: Slot,
  date: IsoDate,
): { start: number | undefined; warning: string | undefined; would: DateTime | undefined; wouldMs: number } {
  const day = slot.days ? addDays(date, slot.days) : date;
  const p = placeWallTime(day, slot.hour, slot.minute, slot.zone, group.dst);
  if (p.kind !== 'skipped') return { start: p.ms, warning: p.kind === 'ok' ? undefined : p.warning, would: undefined, wouldMs: p.ms };
  // A meeting that cannot be placed (DST gap under the "skip" policy) is shown where the slot's
  // wall time would have been, as luxon reads it (later by the gap).
  const would = DateTime.fromObject(
    { year: +day.slice(0, 4), month: +day.slice(5, 7), day: +day.slice(8, 10), hour: slot.hour, minute: slot.minute },
    { zone: zoneOf(slot.zone) },
  ).setZone(zoneOf(group.timezone));
  return { start: undefined, warning: p.warning, would, wouldMs: would.toMillis() };
}

/** A move to a wall date-time `YYYY-MM-DDTHH:mm` in `zone` (a DST gap shifts it). */
function placeMove(group: Group, move: string, zone: string): Placed {
  const [d, t] = move.split('T') as [string, string];
  const [h, m] = parseHm(t);
  return toPlaced(placeWallTime(d, h, m, zone, { ...group.dst, gap: 'shift' }), group.timezone);
}

/**
 * A move written as a date alone (`move: 2027-03-10`): the meeting keeps its slot's wall time
 * (in the slot's zone, with its day offset) and is held on `to`, its new date in the group's
 * zone. The slot is placed as for a rule date as many days from `ruleDate` as `to` is from the
 * meeting's `date`; across a change of offset that can land on the day next to `to` in the
 * group's zone (a slot near midnight there), and is then placed once more, by that day.
 */
function placeOnDate(group: Group, slot: Slot, ruleDate: IsoDate, date: IsoDate, to: IsoDate): Placed {
  const policy = { ...group.dst, gap: 'shift' as const };
  let shift = daysBetween(date, to);
  let p = placeWallTime(addDays(ruleDate, slot.days + shift), slot.hour, slot.minute, slot.zone, policy);
  const day = p.kind === 'skipped' ? to : dayIn(group.timezone, p.ms);
  if (day !== to) {
    shift += daysBetween(day, to);
    p = placeWallTime(addDays(ruleDate, slot.days + shift), slot.hour, slot.minute, slot.zone, policy);
  }
  return toPlaced(p, group.timezone);
}

/** The date of a DateTime in its own zone, by its day number (luxon's toISODate formats; this runs once per meeting). */
export function dateOf(dt: DateTime): IsoDate {
  return fromDayNumber(Math.floor((dt.toMillis() + dt.offset * 60_000) / 86_400_000));
}

/**
 * The last rule date to expand so that every meeting held in the window is found: the window's
 * end, or later when a meeting of a later date is moved into the window (a call pulled from 6
 * January to 29 December belongs to the December window). A move's target is a wall date in
 * its own zone, a day at most from its date in the group zone: the exact test is made once the
 * meeting is placed.
 */
function lastDate(group: Group, series: Series, window: Window): IsoDate {
  let last = window.to;
  for (const map of [group.exceptions, series.exceptions]) {
    for (const ex of map.values()) {
      const to = ex.move?.slice(0, 10) ?? ex.moveDate;
      if (to && ex.date > last && to <= addDays(window.to, 1)) last = ex.date;
    }
  }
  return last;
}

/** The first rule date to expand: the window's start, or earlier when a meeting of an earlier date is moved into the window (lastDate's mirror). */
function firstDate(group: Group, series: Series, window: Window): IsoDate {
  let first = window.from;
  for (const map of [group.exceptions, series.exceptions]) {
    for (const ex of map.values()) {
      const to = ex.move?.slice(0, 10) ?? ex.moveDate;
      if (to && ex.date < first && to >= addDays(window.from, -1)) first = ex.date;
    }
  }
  return first;
}

const inWindow = (d: IsoDate, w: Window) => d >= w.from && d <= w.to;

/**
 * Where expanding a series starts, and the rotation's turns taken before it. The dates before
 * the window matter only to a rotation by meeting: a series begun years before the window is
 * expanded from near the window, its turns counted (countDates) rather than walked (issue 14).
 * A rotation that keeps a skipped meeting's turn is walked from the start when a meeting before
 * the window is skipped (a `skip:` entry, or a DST gap under the "skip" policy): which ones are
 * depends on the slots the walk hands out.
 */
function expansionStart(group: Group, series: Series, start: IsoDate, first: IsoDate, margin: number): { from: IsoDate; turn: number } {
  const cut = addDays(first, -margin);
  if (cut <= start || series.slots.length <= 1) return { from: cut > start ? cut : start, turn: 0 };
  const rotation = series.rotation;
  if (rotation.mode !== 'meeting') return { from: cut, turn: 0 };
  if (rotation.onSkip === 'keep') {
    // A skip dated before the window's first date (a meeting's date lies within `margin` of its rule date).
    const skipsBefore = (m: ReadonlyMap<IsoDate, MeetingException>) => [...m.values()].some((ex) => ex.skip !== undefined && ex.date < first);
    if (group.dst.gap === 'skip' || skipsBefore(group.exceptions) || skipsBefore(series.exceptions)) return { from: start, turn: 0 };
  }
  return { from: cut, turn: countDates(series.rule, start, cut) };
}

function expandSeries(group: Group, series: Series, window: Window, margin: number): Occurrence[] {
  const start = seriesStart(series, window, margin);
  const lastRule = addDays(lastDate(group, series, window), margin);
  const end = series.until && series.until < lastRule ? series.until : lastRule;
  if (end < addDays(window.from, -margin) || end < start) return [];
  const near = expansionStart(group, series, start, firstDate(group, series, window), margin);
  const rotor = createRotor(series.rotation, series.slots.length, near.turn);
  const out: Occurrence[] = [];
  const zone = zoneOf(group.timezone);
  const ruleDates = expandDates(series.rule, start, near.from, end);
  for (let i = 0; i < ruleDates.length; i++) {
    const ruleDate = ruleDates[i]!;
    const slot = series.slots[rotor.slotFor(ruleDate)]!;
    const placed = placeSlotMs(group, slot, ruleDate);
    const date = dayIn(group.timezone, placed.wouldMs);
    const ex = exceptionFor(group, series, date);
    const skipped = ex?.skip !== undefined || placed.start === undefined;
    rotor.done(!skipped);
    // Outside the window by its date: only a meeting moved into the window is shown.
    if (!inWindow(date, window) && (skipped || !(ex?.move || ex?.moveDate))) continue;
    const duration = ex?.duration ?? series.duration;
    const warnings = placed.warning ? [placed.warning] : [];
    let status: Occurrence['status'] = 'scheduled';
    let note = ex?.note ?? series.note;
    let startAt = placed.wouldMs;
    let orig: number | undefined;
    if (skipped) {
      status = 'skipped';
      note = ex?.skip ?? note ?? placed.warning;
    } else if (ex?.move || ex?.moveDate) {
      // The config layer resolves a move target in a gap by shifting it ("skip" cannot apply to an explicit move).
      const moved = ex.move ? placeMove(group, ex.move, ex.moveZone) : placeOnDate(group, slot, ruleDate, date, ex.moveDate!);
      const movedStart = moved.start!;
      if (!inWindow(dayIn(group.timezone, movedStart.toMillis()), window)) continue;
      if (moved.warning) warnings.push(moved.warning);
      orig = startAt;
      startAt = movedStart.toMillis();
      status = 'moved';
      note = ex.note ?? movedFromText(instantIn(placed.start!, zone), movedStart);
    }
    out.push(occurrenceOf(group, series, slot, ex, date, ruleDate, zone, startAt, startAt + duration * 60_000, orig, status, note, warnings));
  }
  return out;
}

/**
 * A meeting of a series, its instants as accessors made when first read (times.ts), keys in the
 * order they always had. The group zone's offsets at its instants are asked as a DateTime of
 * them would (the zone use a run reports: src/tzdb/use.ts).
 */
function occurrenceOf(
  group: Group,
  series: Series,
  slot: Slot,
  ex: MeetingException | undefined,
  date: IsoDate,
  ruleDate: IsoDate,
  zone: Zone,
  start: number,
  end: number,
  orig: number | undefined,
  status: Occurrence['status'],
  note: string | undefined,
  warnings: string[],
): Occurrence {
  zone.offset(start);
  zone.offset(end);
  if (orig !== undefined) zone.offset(orig);
  const occ = withOccurrenceTimes(
    {
      groupId: group.id,
      title: ex?.title ?? series.title ?? group.title,
      date,
      ruleDate,
      seriesIndex: series.index,
      seriesId: series.id,
      slot: slot.index,
      slotLabel: slot.label,
    },
    zone,
    start,
    end,
    orig,
  ) as Occurrence;
  occ.slotZone = slot.zone;
  occ.status = status;
  occ.note = note;
  occ.link = ex?.link ?? series.link ?? group.link;
  occ.warnings = warnings;
  return occ;
}

function expandAdds(group: Group, window: Window): Occurrence[] {
  const out: Occurrence[] = [];
  for (const ex of group.exceptions.values()) {
    if (ex.add.length === 0 || !inWindow(ex.date, window)) continue;
    for (const one of ex.add) {
      const [h, m] = parseHm(one.time);
      const day = one.days ? addDays(ex.date, one.days) : ex.date;
      const placed = toPlaced(placeWallTime(day, h, m, one.zone, { ...group.dst, gap: 'shift' }), group.timezone);
      const start = placed.start!.toMillis();
      const end = start + (one.duration ?? ex.duration ?? group.duration) * 60_000;
      const zone = zoneOf(group.timezone);
      zone.offset(end);
      const occ = withOccurrenceTimes(
        {
          groupId: group.id,
          title: one.title ?? ex.title ?? group.title,
          note: one.note ?? ex.note,
          link: one.link ?? ex.link ?? group.link,
          date: ex.date,
          ruleDate: ex.date,
          seriesIndex: null,
          seriesId: null,
          slot: null,
          slotLabel: undefined,
          slotZone: one.zone,
        },
        zone,
        start,
        end,
        undefined,
      ) as Occurrence;
      occ.status = 'added';
      occ.warnings = placed.warning ? [placed.warning] : [];
      out.push(occ);
    }
  }
  return out;
}

/**
 * Every meeting of `group` whose date (its day in the group's zone; for a moved meeting, the day
 * it is held) lies in `window`, in start order: held, moved and added meetings, and skipped ones
 * (status `skipped`) where they would have been. Rotation is counted from each series' start, not
 * from the window, so a window shows the same slots whatever its bounds.
 */
export function buildSchedule(group: Group, window: Window): Occurrence[] {
  const margin = dateMargin(group);
  const all = group.series.flatMap((s) => expandSeries(group, s, window, margin)).concat(expandAdds(group, window));
  return all.sort(
    (a, b) =>
      startMs(a) - startMs(b) ||
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      (a.seriesIndex ?? Infinity) - (b.seriesIndex ?? Infinity) ||
      ((a.seriesId ?? '') < (b.seriesId ?? '') ? -1 : (a.seriesId ?? '') > (b.seriesId ?? '') ? 1 : 0),
  );
}
