import { addDays, inDateRange } from '../schedule/dates.js';
import type { Group, HolidayCorrection, IsoDate, Window } from '../schedule/types.js';
import type { Holiday, HolidayCalendar } from './holidays.js';
import { correctionConcerns, type GroupRules } from './rules.js';

/*
 * What each correction of the holiday data did in a window, for `tcon plan`: which groups it
 * concerns, on which dates, and what it replaced, so that a correction the data has caught up
 * with (an `add` of a day the data now has, a `remove` of a day it no longer lists) shows.
 */

export interface CorrectionReport {
  correction: HolidayCorrection;
  /** Groups observing a country it concerns. */
  groups: string[];
  /** Its dates in the window. */
  dates: IsoDate[];
  /** remove, workday: the data's holidays it takes away. */
  removed: Holiday[];
  /** add: dates on which the data already has a holiday of that name and kind. */
  already: IsoDate[];
  /**
   * - `applied`: it changes the holidays of an observed country in the window;
   * - `no-change`: the data already agrees (an add of a day it has, a remove of a day it lacks);
   * - `outside-window`: no date of it in the window;
   * - `not-observed`: no group observes a country it concerns.
   */
  status: 'applied' | 'no-change' | 'outside-window' | 'not-observed';
}

function datesIn(c: HolidayCorrection, window: Window): IsoDate[] {
  const out: IsoDate[] = [];
  const from = c.yearly || c.from < window.from ? window.from : c.from;
  const to = c.yearly || c.to > window.to ? window.to : c.to;
  for (let d = from; d <= to; d = addDays(d, 1)) if (inDateRange(c, d)) out.push(d);
  return out;
}

/** Every correction of tcon.yaml and of the groups, in that order, with what it did in `window`. */
export function correctionReports(
  plans: readonly { group: Group; rules: GroupRules }[],
  secretariat: readonly HolidayCorrection[],
  calendar: HolidayCalendar,
  window: Window,
): CorrectionReport[] {
  const all = [...secretariat, ...plans.flatMap((p) => p.group.holidays?.corrections ?? [])];
  return all.map((c) => {
    const concerned = plans.filter((p) => p.rules.corrections.includes(c) && p.rules.places.some((pl) => correctionConcerns(c.country, pl.country)));
    const countries = [...new Set(concerned.flatMap((p) => p.rules.places.map((pl) => pl.country).filter((x) => correctionConcerns(c.country, x))))];
    const dates = datesIn(c, window);
    const removed: Holiday[] = [];
    const already: IsoDate[] = [];
    for (const d of dates) {
      for (const country of countries) {
        const data = calendar.holidays(country, d);
        if (c.action === 'add') {
          if (data.some((h) => h.name === c.name && h.type === c.kind) && !already.includes(d)) already.push(d);
        } else for (const h of data) if (!removed.some((x) => x.date === h.date && x.country === h.country && x.name === h.name)) removed.push(h);
      }
    }
    const status: CorrectionReport['status'] = !concerned.length
      ? 'not-observed'
      : !dates.length
        ? 'outside-window'
        : (c.action === 'add' && already.length === dates.length) || (c.action === 'remove' && !removed.length)
          ? 'no-change'
          : 'applied';
    return { correction: c, groups: concerned.map((p) => p.group.id), dates, removed, already, status };
  });
}
