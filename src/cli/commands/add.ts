import { addOneOffToGroupText } from '../../config/edit.js';
import { readMove } from '../../config/resolve.js';
import { dayIn } from '../../schedule/build.js';
import { daysBetween } from '../../schedule/dates.js';
import { isValidZone, placeWallTime } from '../../schedule/zoned.js';
import { UsageError, type CliIo } from '../io.js';
import { usage } from '../messages.js';
import { applyEdit, editTarget, type EditOptions } from '../group-edit.js';

/**
 * `tcon add DATETIME`: a one-off meeting (`add:` in the group's `meetings:`), in the group's zone
 * or the one given. It is written under its date in the group's zone (one date per meeting): a
 * time in another zone that falls on another day there gets its day offset ("00:00 UTC +1d").
 */
export async function runAdd(when: string, opts: EditOptions, io: CliIo): Promise<number> {
  const t = await editTarget(opts, io);
  const target = readMove(when, '');
  if (!target || !target.date || !target.time) {
    throw new UsageError(usage.badAddTime(when));
  }
  const zone = target.zone ?? t.group.timezone;
  let date = target.date;
  // An unknown zone is left to the parser, which names it.
  if (isValidZone(zone)) {
    const [h, m] = target.time.split(':').map(Number) as [number, number];
    const p = placeWallTime(target.date, h, m, zone, { ...t.group.dst, gap: 'shift' });
    if (p.kind !== 'skipped') date = dayIn(t.group.timezone, p.ms);
  }
  const days = daysBetween(date, target.date);
  const time = `${target.time}${target.zone ? ` ${target.zone}` : ''}${days ? ` ${days > 0 ? '+' : '-'}${Math.abs(days)}d` : ''}`;
  return applyEdit(t, opts, io, { date, from: date, apply: (text) => addOneOffToGroupText(text, date, time) });
}
