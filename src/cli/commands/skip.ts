import { addSkipToGroupText, removeAddFromGroupText } from '../../config/edit.js';
import type { CliIo } from '../io.js';
import { applyEdit, editTarget, findMeeting, oneOffRank, type EditOptions } from '../group-edit.js';

export interface SkipOptions extends EditOptions {
  reason?: string;
}

/**
 * `tcon skip DATE --reason TEXT`: `skip:` for the meeting held (or placed by the rule) on DATE,
 * under its rule date; a one-off loses its `add` instead.
 */
export async function runSkip(date: string, opts: SkipOptions, io: CliIo): Promise<number> {
  const t = await editTarget(opts, io);
  const o = findMeeting(t, date, true);
  const from = [o.ruleDate, o.start.toISODate()!].sort()[0]!;
  if (o.status === 'added') {
    const rank = oneOffRank(t.group, o);
    return applyEdit(t, opts, io, { date: o.ruleDate, from, apply: (text) => removeAddFromGroupText(text, o.ruleDate, rank) });
  }
  const reason = opts.reason?.trim() || 'no call';
  return applyEdit(t, opts, io, { date: o.ruleDate, from, apply: (text) => addSkipToGroupText(text, o.ruleDate, reason) });
}
