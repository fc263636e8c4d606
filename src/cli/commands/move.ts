import { addMoveToGroupText } from '../../config/edit.js';
import { readMove } from '../../config/resolve.js';
import { dateOf } from '../../schedule/build.js';
import { UsageError, type CliIo } from '../io.js';
import { usage } from '../messages.js';
import { applyEdit, editTarget, findMeeting, meetingsOf, type EditOptions } from '../group-edit.js';

export interface MoveOptions extends EditOptions {
  to: string;
}

/**
 * `tcon move DATE --to WHEN`: `move:` for the meeting held (or dated) on DATE, under the
 * meeting's date (its day in the group's zone), in its series' own `meetings:` for a series with
 * an id. WHEN is read as the config reads a move: a date and time, a date alone (the slot's time
 * is kept) or a time alone (the same day), optionally followed by a zone.
 */
export async function runMove(date: string, opts: MoveOptions, io: CliIo): Promise<number> {
  const t = await editTarget(opts, io);
  const o = findMeeting(t, date, false, opts.series);
  const held = dateOf(o.start);
  const target = readMove(opts.to, held);
  if (!target) {
    throw new UsageError(usage.badMoveTo(opts.to));
  }
  // Written whole when a time is given (a time alone means the day the meeting is held, which a
  // holiday policy may have made another day than its date); a date alone keeps the slot's time.
  const to = `${target.date}${target.time ? `T${target.time}` : ''}${target.zone ? ` ${target.zone}` : ''}`;
  const seriesIndex = meetingsOf(t, o);
  return applyEdit(t, opts, io, {
    date: o.date,
    seriesIndex,
    from: [o.date, held, target.date].sort()[0]!,
    apply: (text) => addMoveToGroupText(text, o.date, to, seriesIndex),
  });
}
