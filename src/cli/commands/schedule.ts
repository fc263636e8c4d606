import type { DateTime } from 'luxon';
import { markdownText, occurrenceToJson, renderCsv, renderMarkdown, rulesInWords, slotZoneTime } from '../../schedule/present.js';
import { resolveWindow } from '../../schedule/window.js';
import { addDays } from '../../schedule/dates.js';
import type { Group, Occurrence } from '../../schedule/types.js';
import type { CliIo } from '../io.js';
import { parseNow, selectGroups, type GroupOptions } from '../options.js';
import { renderTable } from '../table.js';
import { plannedBuilder, type ScheduleBuilder } from '../planned.js';
import { describeReslot, reslotted } from '../../schedule/reslot.js';
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
  const series = g.series.find((s) => s.id === o.seriesId);
  // A session's host is said beside its time.
  if (series?.session) return '';
  const count = series?.slots.length ?? 1;
  const label = o.slotLabel ? ` ${o.slotLabel}` : '';
  return count > 1 || label ? `${o.slot + 1}/${count}${label}` : '';
}

function table(rows: { group: Group; occ: Occurrence }[], many: boolean): string {
  // Parallel calls and one-offs of their own are told apart by their title.
  const titled = rows.some(({ group: g, occ: o }) => o.title !== g.title);
  const header = [...(many ? ['Group'] : []), 'Date', 'Day', 'Time', ...(titled ? ['Title'] : []), 'Slot', 'Status', 'Note'];
  const body = rows.map(({ group: g, occ: o }) => {
    const s = o.start.setLocale('en-GB');
    const own = slotZoneTime(o, g);
    const time = `${s.toFormat('HH:mm')}-${o.end.toFormat('HH:mm')} ${g.zoneLabel}${own ? ` (${own})` : ''}`;
    const note = [o.note, ...o.warnings.filter((w) => w !== o.note)].filter(Boolean).join('; ');
    return [...(many ? [g.id] : []), s.toISODate()!, s.toFormat('ccc'), time, ...(titled ? [o.title] : []), slotText(o, g), o.status, note];
  });
  return renderTable(header, body);
}

export async function runSchedule(opts: ScheduleOptions, io: CliIo): Promise<number> {
  const { config, groups } = await selectGroups(opts, io);
  const now = parseNow(opts.now);
  const build = await plannedBuilder(config.dir, config.groups, io);
  const results = groups.map((group) => {
    const window = opts.next ? undefined : resolveWindow({ year: opts.year, from: opts.from, to: opts.to }, now, group.timezone);
    const occ = window ? build(group, window) : nextMeetings(build, group, now, opts.next!);
    if (occ.length === 0) io.stderr.write(`tcon: ${group.id}: no meeting in this window\n`);
    // --next: the series of the meetings listed.
    const shown = window ?? (occ.length ? { from: occ[0]!.date, to: occ[occ.length - 1]!.date } : undefined);
    // Skips that moved the slots of later meetings, said under the table (stderr for the other formats).
    const notes = shown ? reslotted(group, shown, build).map((r) => describeReslot(group, r)) : [];
    return { group, occ, rule: rulesInWords(group, shown), notes };
  });
  const notes = results.flatMap((r) => r.notes);
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
          .map(({ group, occ }) => (results.length > 1 ? `### ${markdownText(group.title)}\n\n` : '') + renderMarkdown(occ, group))
          .join('\n'),
      );
      break;
    default:
      // The rule as tcon read it, above the dates it gives.
      for (const r of results) io.stdout.write(`${r.group.id} rule: ${r.rule}\n`);
      io.stdout.write('\n');
      io.stdout.write(table(results.flatMap(({ group, occ }) => occ.map((o) => ({ group, occ: o }))), results.length > 1));
      if (notes.length) io.stdout.write(`\n${notes.map((n) => `note: ${n}\n`).join('')}`);
      return 0;
  }
  for (const n of notes) io.stderr.write(`tcon: note: ${n}\n`);
  return 0;
}
