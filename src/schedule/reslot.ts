/*
 * Skips that re-slot later meetings (pure). In a rotation by meeting that keeps its turns
 * (`on-skip: keep`, the default), a skipped meeting hands its slot to the next meeting held, so
 * one skip changes the slot of every meeting after it: the 11:00 call becomes the 09:00 call,
 * and on a rule of several weekdays a Tuesday gets the Wednesday's time. That is the point of
 * `keep` (slots stay balanced over the meetings held), but it should never happen unseen:
 * `schedule`, `diff` and `invite` say how many meetings of their window a skip re-slots, and how
 * to keep them (`on-skip: advance`, where every date keeps the slot of its turn).
 */
import { addDays } from './dates.js';
import type { Group, IsoDate, Occurrence, Series, Window } from './types.js';

export interface Reslot {
  series: Series;
  /** The skips, before or in the window, that moved the slots of meetings in it. */
  skips: IsoDate[];
  /** Meetings held in the window whose slot is not their turn's (what `on-skip: advance` gives). */
  meetings: number;
}

/** Whether a skip in `series` hands its slot on (rotation by meeting, on-skip keep, several slots). */
export function keepsTurns(series: Series): boolean {
  return series.slots.length > 1 && series.rotation.mode === 'meeting' && series.rotation.onSkip === 'keep';
}

/**
 * The re-slotted meetings of `window`, per series that keeps turns: each held meeting whose
 * slot differs from its rule date's turn, and the skips before it. `build` is the schedule the
 * command publishes (policies applied: a holiday skip re-slots as a config skip does).
 */
export function reslotted(group: Group, window: Window, build: (g: Group, w: Window) => Occurrence[]): Reslot[] {
  const out: Reslot[] = [];
  for (const series of group.series) {
    if (!keepsTurns(series) || (series.from && series.from > window.to) || (series.until && series.until < window.from)) continue;
    // From the series' start (turns count from there), a little past the window (a meeting
    // moved out of it still takes its turn).
    const all = build(group, { from: series.from ?? window.from, to: addDays(window.to, 62) })
      .filter((o) => o.seriesId === series.id)
      .sort((a, b) => (a.ruleDate < b.ruleDate ? -1 : a.ruleDate > b.ruleDate ? 1 : 0));
    const n = series.slots.length;
    let last = -1;
    let meetings = 0;
    all.forEach((o, turn) => {
      if (o.status === 'skipped' || o.date < window.from || o.date > window.to) return;
      if (o.slot !== turn % n) {
        meetings++;
        last = turn;
      }
    });
    if (meetings === 0) continue;
    const skips = all.slice(0, last).filter((o) => o.status === 'skipped').map((o) => o.date);
    out.push({ series, skips, meetings });
  }
  return out;
}

/** "wg-14 series[1]: the skip of 2027-05-18 re-slots 4 meetings of this window ...". */
export function describeReslot(group: Group, r: Reslot, window: Window): string {
  const before = r.skips.filter((d) => d < window.from).length;
  const named = r.skips.slice(-3).join(', ');
  const which = r.skips.length === 1 ? `the skip of ${named}` : `${r.skips.length} skips (${r.skips.length > 3 ? `..., ${named}` : named})`;
  const where = r.series.named ? `series ${r.series.id}` : `series[${r.series.index}]`;
  return `${group.id} ${where}: ${which}${before ? ` (${before} before this window)` : ''} ${r.skips.length === 1 ? 're-slots' : 're-slot'} ${r.meetings} later meeting${r.meetings === 1 ? '' : 's'} of this window: rotation by meeting with on-skip: keep hands a skipped meeting's slot to the next one; to keep every meeting's slot, set rotation: { on-skip: advance } on ${where}`;
}
