import { DateTime } from 'luxon';
import { expandDates } from './recurrence.js';
import { createRotor } from './rotation.js';
import { fastZone, placeWallTime, type Placement } from './zoned.js';
import type { Group, IsoDate, MeetingException, Occurrence, Series, Window } from './types.js';

/** Splits "HH:mm" into numbers (the config layer has validated it). */
export function parseHm(hm: string): [number, number] {
  return hm.split(':').map(Number) as [number, number];
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
  return { start: DateTime.fromMillis(p.ms, { zone: fastZone(zone) }), warning: p.kind === 'ok' ? undefined : p.warning };
}

function base(group: Group, ex: MeetingException | undefined) {
  return {
    groupId: group.id,
    title: ex?.title ?? group.title,
    note: ex?.note,
    link: ex?.link ?? group.link,
  };
}

function expandSeries(group: Group, series: Series, window: Window): Occurrence[] {
  const start = seriesStart(series, window);
  const end = series.until && series.until < window.to ? series.until : window.to;
  if (end < window.from || end < start) return [];
  const rotor = createRotor(series.rotation, series.slots.length);
  const out: Occurrence[] = [];
  for (const date of expandDates(series.rule, start, start, end)) {
    const ex = group.exceptions.get(date);
    const slot = series.slots[rotor.slotFor(date)]!;
    const placed = toPlaced(placeWallTime(date, slot.hour, slot.minute, slot.zone, group.dst), group.timezone);
    const duration = ex?.duration ?? series.duration;
    const warnings = placed.warning ? [placed.warning] : [];
    const common = {
      ...base(group, ex),
      ruleDate: date,
      seriesIndex: series.index,
      seriesId: series.id,
      slot: slot.index,
      slotLabel: slot.label,
      slotZone: slot.zone,
      warnings,
    };
    // A meeting that cannot be placed (DST gap under the "skip" policy) is shown where the
    // slot's wall time would have been, read with the offset before the gap.
    const nominal =
      placed.start ??
      DateTime.fromObject({ year: +date.slice(0, 4), month: +date.slice(5, 7), day: +date.slice(8, 10), hour: slot.hour, minute: slot.minute }, { zone: slot.zone }).setZone(group.timezone);
    if (ex?.skip !== undefined || !placed.start) {
      rotor.done(false);
      if (date < window.from) continue;
      out.push({
        ...common,
        start: nominal,
        end: nominal.plus({ minutes: duration }),
        originalStart: undefined,
        status: 'skipped',
        note: ex?.skip ?? common.note ?? placed.warning,
      });
      continue;
    }
    rotor.done(true);
    if (ex?.move) {
      const [d, t] = ex.move.split('T') as [string, string];
      const [h, m] = parseHm(t);
      const moved = toPlaced(placeWallTime(d, h, m, ex.moveZone, group.dst), group.timezone);
      if (moved.warning) warnings.push(moved.warning);
      // "skip" gap policy cannot apply to an explicit move: the config layer rejects such a target.
      const movedStart = moved.start ?? nominal;
      const day = movedStart.toISODate()!;
      if (day < window.from || day > window.to) continue;
      out.push({
        ...common,
        start: movedStart,
        end: movedStart.plus({ minutes: duration }),
        originalStart: placed.start,
        status: 'moved',
        note: ex.note ?? `moved from ${placed.start.toFormat('ccc d LLL HH:mm')}`,
      });
      continue;
    }
    if (date < window.from) continue;
    out.push({
      ...common,
      start: placed.start,
      end: placed.start.plus({ minutes: duration }),
      originalStart: undefined,
      status: 'scheduled',
    });
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
        ...base(group, ex),
        ruleDate: ex.date,
        seriesIndex: null,
        seriesId: null,
        slot: null,
        slotLabel: undefined,
        slotZone: ex.addZone,
        start,
        end: start.plus({ minutes: ex.duration ?? group.duration }),
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
