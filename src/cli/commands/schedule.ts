import type { DateTime } from 'luxon';
import { occurrenceToJson, renderCsv, renderMarkdown } from '../../schedule/present.js';
import { resolveWindow } from '../../schedule/window.js';
import { addDays } from '../../schedule/dates.js';
import type { Group, Occurrence } from '../../schedule/types.js';
import type { CliIo } from '../io.js';
import { parseNow, selectGroups, type GroupOptions } from '../options.js';
import { renderTable } from '../table.js';
import { plannedBuilder, type ScheduleBuilder } from '../planned.js';
import { zoneOf } from '../../schedule/zoned.js';

export interface ScheduleOptions extends GroupOptions {
  year?: number;
  from?: string;
  to?: string;
  next?: number;
  now?: string;
  format: 'table' | 'markdown' | 'json' | 'csv';
}

/** The next `n` meetings held (not skipped) that have not ended at `now`, looking up to ten years ahead. */
function nextMeetings(build: ScheduleBuilder, group: Group, now: DateTime, n: number): Occurrence[] {
  const today = now.setZone(zoneOf(group.timezone)).toISODate()!;
  const out: Occurrence[] = [];
  for (let year = 0; year < 10 && out.filter((o) => o.status !== 'skipped').length < n; year++) {
    const from = addDays(today, year * 366);
    out.push(...build(group, { from, to: addDays(from, 365) }).filter((o) => o.end > now));
  }
  const held = out.filter((o) => o.status !== 'skipped');
  const last = held[n - 1];
  return last ? out.filter((o) => o.start <= last.start) : out;
}

function slotText(o: Occurrence, g: Group): string {
  if (o.slot === null) return 'one-off';
  const count = g.series.find((s) => s.index === o.seriesIndex)?.slots.length ?? 1;
  const label = o.slotLabel ? ` ${o.slotLabel}` : '';
  return count > 1 || label ? `${o.slot + 1}/${count}${label}` : '';
}

function table(rows: { group: Group; occ: Occurrence }[], many: boolean): string {
  const header = [...(many ? ['Group'] : []), 'Date', 'Day', 'Time', 'Slot', 'Status', 'Note'];
  const body = rows.map(({ group: g, occ: o }) => {
    const s = o.start.setLocale('en-GB');
    const time = `${s.toFormat('HH:mm')}-${o.end.toFormat('HH:mm')} ${g.zoneLabel}`;
    const note = [o.note, ...o.warnings.filter((w) => w !== o.note)].filter(Boolean).join('; ');
    return [...(many ? [g.id] : []), s.toISODate()!, s.toFormat('ccc'), time, slotText(o, g), o.status, note];
  });
  return renderTable(header, body);
}

export async function runSchedule(opts: ScheduleOptions, io: CliIo): Promise<number> {
  const { config, groups } = await selectGroups(opts, io);
  const now = parseNow(opts.now);
  const build = await plannedBuilder(config.dir, config.groups, io);
  const results = groups.map((group) => {
    const occ = opts.next
      ? nextMeetings(build, group, now, opts.next)
      : build(group, resolveWindow({ year: opts.year, from: opts.from, to: opts.to }, now, group.timezone));
    if (occ.length === 0) io.stderr.write(`tcon: ${group.id}: no meeting in this window\n`);
    return { group, occ };
  });
  switch (opts.format) {
    case 'json':
      io.stdout.write(`${JSON.stringify(results.flatMap(({ group, occ }) => occ.map((o) => occurrenceToJson(o, group))), null, 2)}\n`);
      break;
    case 'csv':
      io.stdout.write(renderCsv(results.flatMap(({ group, occ }) => occ.map((o) => occurrenceToJson(o, group)))));
      break;
    case 'markdown':
      io.stdout.write(
        results
          .map(({ group, occ }) => (results.length > 1 ? `### ${group.title}\n\n` : '') + renderMarkdown(occ, group))
          .join('\n'),
      );
      break;
    default:
      io.stdout.write(table(results.flatMap(({ group, occ }) => occ.map((o) => ({ group, occ: o }))), results.length > 1));
  }
  return 0;
}
