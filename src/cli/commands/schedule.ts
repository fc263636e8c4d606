import { writeChunk, writeChunks, type ChunkSink } from '../../adapters/files.js';
import {
  CSV_HEADER,
  csvRow,
  JsonArrayWriter,
  markdownText,
  occurrenceToJson,
  renderMarkdown,
  rulesInWords,
  type OccurrenceJson,
} from '../../schedule/present.js';
import { resolveWindow } from '../../schedule/window.js';
import type { Group, Occurrence } from '../../schedule/types.js';
import { note, tell, type CliIo } from '../io.js';
import { say } from '../messages.js';
import { parseNow, selectGroups, type GroupOptions } from '../options.js';
import type { DateIssue } from '../../plan/rules.js';
import { describeReslot, reslotted } from '../../schedule/reslot.js';
import { loadPlanned } from '../planned.js';
import { nextMeetings, scheduleTable } from '../schedule-view.js';

export interface ScheduleOptions extends GroupOptions {
  year?: number;
  from?: string;
  to?: string;
  next?: number;
  now?: string;
  format: 'table' | 'markdown' | 'json' | 'csv';
  /** false (--no-holidays): leave out the holidays and blackouts that touch meetings (no holiday data loaded). */
  holidays?: boolean;
}

export async function runSchedule(opts: ScheduleOptions, io: CliIo): Promise<number> {
  const { config, groups } = await selectGroups(opts, io);
  const now = parseNow(opts.now);
  // Holidays and blackouts that touch a meeting are said with it, as tcon plan finds them.
  const { build, issues } = await loadPlanned(config.dir, config.groups, io, { holidays: opts.holidays !== false && opts.format !== 'csv' });
  const found = new Map<Occurrence, { issue: DateIssue; words: string[] }>();
  const one = (group: Group) => {
    const window = opts.next ? undefined : resolveWindow({ year: opts.year, from: opts.from, to: opts.to }, now, group.timezone);
    const occ = window ? build(group, window) : nextMeetings(build, group, now, opts.next!);
    if (occ.length === 0) tell(io, say.noMeetingInWindow(group.id));
    if (issues) for (const [o, i] of issues(group, occ)) found.set(o, i);
    // --next: the series of the meetings listed.
    const shown = window ?? (occ.length ? { from: occ[0]!.date, to: occ[occ.length - 1]!.date } : undefined);
    // Skips that moved the slots of later meetings, said under the table (stderr for the other formats).
    const notes = shown ? reslotted(group, shown, build).map((r) => describeReslot(group, r)) : [];
    return { group, occ, rule: rulesInWords(group, shown), notes };
  };
  if (opts.format === 'json' || opts.format === 'csv') {
    // Written group by group as it is made: memory holds one group's meetings, not all of them.
    const out = io.stdout as ChunkSink;
    const json = new JsonArrayWriter();
    const notes: string[] = [];
    if (opts.format === 'csv') await writeChunk(out, CSV_HEADER);
    for (const group of groups) {
      const r = one(group);
      notes.push(...r.notes);
      const rows = r.occ.map((o) => {
        const i = found.get(o)?.issue;
        // Added fields (the contract only grows): the holidays and blackouts that touch the meeting.
        // Added to the object made, not spread into a new one (a million rows: issue 14).
        const row: OccurrenceJson & { holidays?: unknown; blackouts?: unknown } = occurrenceToJson(o, group);
        if (opts.format === 'json' && issues) {
          row.holidays = (i?.holidays ?? []).map((h) => ({ country: h.country, date: h.date, name: h.name, type: h.type }));
          row.blackouts = (i?.blackouts ?? []).map((b) => b.name);
        }
        return row;
      });
      found.clear();
      await writeChunks(out, opts.format === 'csv' ? rows.map(csvRow) : json.pieces(rows));
    }
    if (opts.format === 'json') await writeChunk(out, `${json.end()}\n`);
    for (const n of notes) note(io, n);
    return 0;
  }
  const results = groups.map(one);
  const words = (o: Occurrence) => found.get(o)?.words ?? [];
  const notes = results.flatMap((r) => r.notes);
  switch (opts.format) {
    case 'markdown':
      io.stdout.write(
        results.map(({ group, occ }) => (results.length > 1 ? `### ${markdownText(group.title)}\n\n` : '') + renderMarkdown(occ, group, words)).join('\n'),
      );
      break;
    default:
      // The rule as tcon read it, above the dates it gives.
      for (const r of results) io.stdout.write(`${r.group.id} rule: ${r.rule}\n`);
      io.stdout.write('\n');
      io.stdout.write(
        scheduleTable(
          results.flatMap(({ group, occ }) => occ.map((o) => ({ group, occ: o }))),
          results.length > 1,
          words,
        ),
      );
      if (notes.length) io.stdout.write(`\n${notes.map((n) => `note: ${n}\n`).join('')}`);
      return 0;
  }
  for (const n of notes) note(io, n);
  return 0;
}
