import { occurrenceToJson, renderCsv, renderMarkdown } from '../../schedule/present.js';
import { resolveWindow } from '../../schedule/window.js';
import type { Group, Occurrence } from '../../schedule/types.js';
import type { CliIo } from '../io.js';
import { parseNow, selectGroups, type GroupOptions } from '../options.js';
import { plannedBuilder } from '../planned.js';
import { nextMeetings, scheduleTable } from '../schedule-view.js';

export interface ScheduleOptions extends GroupOptions {
  year?: number;
  from?: string;
  to?: string;
  next?: number;
  now?: string;
  format: 'table' | 'markdown' | 'json' | 'csv';
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
      io.stdout.write(scheduleTable(results.flatMap(({ group, occ }) => occ.map((o) => ({ group, occ: o }))), results.length > 1));
  }
  return 0;
}
