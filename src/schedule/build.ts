import { DateTime } from 'luxon';
import { addDays, movedFromText } from './dates.js';
import { expandDates } from './recurrence.js';
import { createRotor } from './rotation.js';
import { placeWallTime, zoneOf, type Placement } from './zoned.js';
import type { Group, IsoDate, Occurrence, Series, Window } from './types.js';

/** Splits "HH:mm" into numbers (the config layer has validated it). */
export function parseHm(hm: string): [number, number] {
  return hm.split(':').map(Number) as [number, number];
}

/** A meeting's end: elapsed minutes, not wall-clock ones (a 60-minute call across a DST change lasts 60 minutes). */
function plusMinutes(dt: DateTime, minutes: number): DateTime {
  return DateTime.fromMillis(dt.toMillis() + minutes * 60_000, { zone: dt.zone });
}

/** The first date a series can yield: its `from`, else (an open first series) the window start. */
function seriesStart(series: Series, window: Window): IsoDate {
  return series.from ?? window.from;
}

interface Placed {
  start: DateTime | undefined;
  warning: string | undefined;
}

function toPlaced(p: Placement, zone: string): Placed {
  if (p.kind === 'skipped') return { start: undefined, warning: p.warning };
  return { start: DateTime.fromMillis(p.ms, { zone: zoneOf(zone) }), warning: p.kind === 'ok' ? undefined : p.warning };
}


/**
 * The last rule date to expand so that every meeting held in the window is found: the window's
 * end, or later when a meeting of a later rule date is moved into the window (a call pulled
 * from 6 January to 29 December belongs to the December window). A move's target is a wall
 * date in its own zone, a day at most from its date in the group zone: the exact test is made
 * once the meeting is placed.
 */
function lastRuleDate(group: Group, window: Window): IsoDate {
  let last = window.to;
  for (const ex of group.exceptions.values()) {
    const to = ex.move?.slice(0, 10) ?? ex.moveDate;
    if (to && ex.date > last && to <= addDays(window.to, 1)) last = ex.date;
  }
  return last;
}

function expandSeries(group: Group, series: Series, window: Window): Occurrence[] {
  const start = seriesStart(series, window);
  const lastRule = lastRuleDate(group, window);
  const end = series.until && series.until < lastRule ? series.until : lastRule;
  if (end < window.from || end < start) return [];
  const rotor = createRotor(series.rotation, series.slots.length);
  const out: Occurrence[] = [];
  for (const date of expandDates(series.rule, start, start, end)) {
    const ex = group.exceptions.get(date);
    const slot = series.slots[rotor.slotFor(date)]!;
    const placed = toPlaced(placeWallTime(date, slot.hour, slot.minute, slot.zone, group.dst), group.timezone);
    const skipped = ex?.skip !== undefined || !placed.start;
    rotor.done(!skipped);
    // Outside the window by its rule date: only a meeting moved into the window is shown.
    const movedTo = ex?.move ?? (ex?.moveDate ? `${ex.moveDate}T${slot.time}` : undefined);
    if ((date < window.from || date > window.to) && (skipped || !movedTo)) continue;
    const duration = ex?.duration ?? series.duration;
    const occ: Occurrence = {
      groupId: group.id,
      title: ex?.title ?? group.title,
      ruleDate: date,
      seriesIndex: series.index,
      seriesId: series.id,
      slot: slot.index,
      slotLabel: slot.label,
      start: placed.start!,
      end: placed.start!,
      originalStart: undefined,
      slotZone: slot.zone,
      status: 'scheduled',
      note: ex?.note,
      link: ex?.link ?? group.link,
      warnings: placed.warning ? [placed.warning] : [],
    };
    if (skipped) {
      // A meeting that cannot be placed (DST gap under the "skip" policy) is shown where the
      // slot's wall time would have been, as luxon reads it (later by the gap).
      occ.start =
        placed.start ??
        DateTime.fromObject(
          { year: +date.slice(0, 4), month: +date.slice(5, 7), day: +date.slice(8, 10), hour: slot.hour, minute: slot.minute },
          { zone: zoneOf(slot.zone) },
        ).setZone(zoneOf(group.timezone));
      occ.status = 'skipped';
      occ.note = ex?.skip ?? occ.note ?? placed.warning;
    } else if (ex && movedTo) {
      const [d, t] = movedTo.split('T') as [string, string];
      const [h, m] = parseHm(t);
      // A move written as a date alone keeps the slot's wall time, in the slot's zone.
      const zone = ex.move ? ex.moveZone : slot.zone;
      const moved = toPlaced(placeWallTime(d, h, m, zone, { ...group.dst, gap: 'shift' }), group.timezone);
      // The config layer resolves a move target in a gap by shifting it ("skip" cannot apply to an explicit move).
      const movedStart = moved.start!;
      const day = movedStart.toISODate()!;
      if (day < window.from || day > window.to) continue;
      if (moved.warning) occ.warnings.push(moved.warning);
      occ.originalStart = occ.start;
      occ.start = movedStart;
      occ.status = 'moved';
      occ.note = ex.note ?? movedFromText(placed.start!, movedStart);
    }
    occ.end = plusMinutes(occ.start, duration);
    out.push(occ);
  }
  return out;
}

function expandAdds(group: Group, window: Window): Occurrence[] {
  const out: Occurrence[] = [];
  for (const ex of group.exceptions.values()) {
    if (ex.add.length === 0 || ex.date < window.from || ex.date > window.to) continue;
    for (const hm of ex.add) {
      const [h, m] = parseHm(hm);
      const placed = toPlaced(placeWallTime(ex.date, h, m, ex.addZone, { ...group.dst, gap: 'shift' }), group.timezone);
      const start = placed.start!;
      out.push({
        groupId: group.id,
        title: ex.title ?? group.title,
        note: ex.note,
        link: ex.link ?? group.link,
        ruleDate: ex.date,
        seriesIndex: null,
        seriesId: null,
        slot: null,
        slotLabel: undefined,
        slotZone: ex.addZone,
        start,
        end: plusMinutes(start, ex.duration ?? group.duration),
        originalStart: undefined,
        status: 'added',
        warnings: placed.warning ? [placed.warning] : [],
      });
    }
  }
  return out;
}

/**
 * Every meeting of `group` whose date (in the group's zone) lies in `window`, in start order:
 * held, moved and added meetings, and skipped ones (status `skipped`) where they would have been.
 * Rotation is counted from each series' start, not from the window, so a window shows the same
 * slots whatever its bounds.
 */
export function buildSchedule(group: Group, window: Window): Occurrence[] {
  const all = group.series.flatMap((s) => expandSeries(group, s, window)).concat(expandAdds(group, window));
  return all.sort((a, b) => a.start.toMillis() - b.start.toMillis() || (a.ruleDate < b.ruleDate ? -1 : a.ruleDate > b.ruleDate ? 1 : 0));
}
