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
  /** The skips in the window that moved the slots of later meetings in it. */
  skips: IsoDate[];
  /** Meetings held in the window whose slot those skips changed. */
  meetings: number;
  /** Skips of the series before the window (their re-slotting is the schedule's settled state). */
  earlier: number;
}

/** Whether a skip in `series` hands its slot on (rotation by meeting, on-skip keep, several slots). */
export function keepsTurns(series: Series): boolean {
  return series.slots.length > 1 && series.rotation.mode === 'meeting' && series.rotation.onSkip === 'keep';
}

/**
 * The meetings of `window` that its skips re-slot, per series that keeps turns: each held
 * meeting whose slot differs from the one it would hold without the skips of the window before
 * it. Skips before the window are the settled state of the rotation, not news (advising
 * `advance` for a skip years ago would move every slot since). `build` is the schedule the
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
    const inWindow = (o: Occurrence) => o.date >= window.from && o.date <= window.to;
    let skipped = 0;
    let last = -1;
    let meetings = 0;
    all.forEach((o, i) => {
      if (!inWindow(o)) return;
      if (o.status === 'skipped') skipped++;
      else if (skipped % n !== 0) {
        meetings++;
        last = i;
      }
    });
    if (meetings === 0) continue;
    const skips = all
      .slice(0, last)
      .filter((o) => o.status === 'skipped' && inWindow(o))
      .map((o) => o.date);
    const earlier = all.filter((o) => o.status === 'skipped' && o.date < window.from).length;
    out.push({ series, skips, meetings, earlier });
  }
  return out;
}

/** "wg-14 series[1]: the skip of 2027-05-18 re-slots 4 meetings of this window ...". */
export function describeReslot(group: Group, r: Reslot): string {
  const named = r.skips.slice(-3).join(', ');
  const which = r.skips.length === 1 ? `the skip of ${named}` : `${r.skips.length} skips (${r.skips.length > 3 ? `..., ${named}` : named})`;
  const where = r.series.named ? `series ${r.series.id}` : `series[${r.series.index}]`;
  const past = r.earlier ? ` (and every date then takes its own turn's slot, after the ${r.earlier} earlier skip${r.earlier === 1 ? '' : 's'} too)` : '';
  return `${group.id} ${where}: ${which} ${r.skips.length === 1 ? 're-slots' : 're-slot'} ${r.meetings} later meeting${r.meetings === 1 ? '' : 's'} of this window: rotation by meeting with on-skip: keep hands a skipped meeting's slot to the next one; to keep every meeting's slot, set rotation: { on-skip: advance } on ${where}${past}`;
}
