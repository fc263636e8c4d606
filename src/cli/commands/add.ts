import { addOneOffToGroupText } from '../../config/edit.js';
import { readMove } from '../../config/resolve.js';
import { UsageError, type CliIo } from '../io.js';
import { applyEdit, editTarget, type EditOptions } from '../group-edit.js';

/** `tcon add DATETIME`: a one-off meeting (`add:` under its date), in the group's zone or the one given. */
export async function runAdd(when: string, opts: EditOptions, io: CliIo): Promise<number> {
  const t = await editTarget(opts, io);
  const target = readMove(when, '');
  if (!target || !target.date || !target.time) {
    throw new UsageError(`${when}: expected a date and time, 2027-03-10T10:00 (or "2027-03-10 10:00"), optionally followed by a zone`);
  }
  const time = `${target.time}${target.zone ? ` ${target.zone}` : ''}`;
  return applyEdit(t, opts, io, { date: target.date, from: target.date, apply: (text) => addOneOffToGroupText(text, target.date, time) });
}
