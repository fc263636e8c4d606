import { addSkipToGroupText, removeAddFromGroupText } from '../../config/edit.js';
import { dateOf } from '../../schedule/build.js';
import type { CliIo } from '../io.js';
import { applyEdit, editTarget, findMeeting, meetingsOf, oneOffRank, type EditOptions } from '../group-edit.js';

export interface SkipOptions extends EditOptions {
  reason?: string;
}

/**
 * `tcon skip DATE --reason TEXT`: `skip:` for the meeting held (or dated) on DATE, under the
 * meeting's date (its day in the group's zone), in its series' own `meetings:` for a series with
 * an id; a one-off loses its `add` instead.
 */
export async function runSkip(date: string, opts: SkipOptions, io: CliIo): Promise<number> {
  const t = await editTarget(opts, io);
  const o = findMeeting(t, date, true, opts.series);
  const from = [o.date, dateOf(o.start)].sort()[0]!;
  if (o.status === 'added') {
    const rank = oneOffRank(t.group, o);
    return applyEdit(t, opts, io, { date: o.date, from, apply: (text) => removeAddFromGroupText(text, o.date, rank) });
  }
  const reason = opts.reason?.trim() || 'no call';
  const seriesIndex = meetingsOf(t, o);
  return applyEdit(t, opts, io, { date: o.date, seriesIndex, skip: true, from, apply: (text) => addSkipToGroupText(text, o.date, reason, seriesIndex) });
}
