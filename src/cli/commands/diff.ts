import type { DateTime } from 'luxon';
import { describeChanges } from '../../calendar/index.js';
import type { CliIo } from '../io.js';
import { prepareRuns, type RunOptions } from '../run.js';
import { describeReslot, reslotted } from '../../schedule/reslot.js';
import { zoneOf } from '../../schedule/zoned.js';

export interface DiffOptions extends RunOptions {
  invite?: boolean;
  json?: boolean;
}

/** As every JSON output of tcon writes times: ISO 8601 with the offset, without milliseconds. */
const iso = (dt: DateTime) => dt.toISO({ suppressMilliseconds: true });

/** What the next `tcon ics` (or, with --invite, the next invitation) would change, in words. */
export async function runDiff(opts: DiffOptions, io: CliIo): Promise<number> {
  const { runs, statePath, channel, build } = await prepareRuns(opts, io, opts.invite ? 'invite' : 'feed');
  const reslots = (r: (typeof runs)[number]) => reslotted(r.group, r.window, build).map((x) => describeReslot(r.group, x));
  if (opts.json) {
    const out = runs.map((r) => ({
      group: r.group.id,
      changes: r.run.changes.map((c) => ({
        kind: c.kind,
        scope: c.scope,
        uid: c.uid,
        ruleDate: c.ruleDate ?? null,
        // The meeting's date (its day in the group's zone, as every output names it): where it is
        // held after the change, or was held before a cancellation. Null for a whole series.
        date: c.scope === 'meeting' ? ((c.after ?? c.before)?.start.setZone(zoneOf(r.group.timezone)).toISODate() ?? null) : null,
        sequence: c.sequence,
        before: c.before ? { start: iso(c.before.start), end: iso(c.before.end) } : null,
        after: c.after ? { start: iso(c.after.start), end: iso(c.after.end) } : null,
        detail: c.detail ?? null,
      })),
      reslotted: reslots(r),
    }));
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const against = statePath ? `what was last ${channel === 'invite' ? 'sent as invitations' : 'published'} (${statePath})` : 'nothing (no state)';
  for (const r of runs) {
    const lines = describeChanges(r.run.changes, r.group.zoneLabel);
    io.stdout.write(`${r.group.id} (${r.model.window.from} to ${r.model.window.to}), against ${against}:\n`);
    io.stdout.write(lines.length ? lines.map((l) => `  - ${l}\n`).join('') : '  no changes\n');
    for (const n of reslots(r)) io.stdout.write(`  note: ${n}\n`);
  }
  return 0;
}
