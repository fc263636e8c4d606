import { loadPlanContext } from '../../adapters/plan-context.js';
import { planGroups, planOf } from '../../plan/plan.js';
import { correctionLines, planRows, planToJson, sourceLines } from '../../plan/present.js';
import { reportProblems, type CliIo } from '../io.js';
import { holidayStore } from '../planned.js';
import { parseNow, selectGroups } from '../options.js';
import { renderTable } from '../table.js';
import { coverageLines } from '../plan-coverage.js';

export interface PlanOptions {
  config: string;
  group?: string;
  all?: boolean;
  year?: number;
  now?: string;
  fix?: boolean;
  format: 'table' | 'json';
}

/** `tcon plan`: holidays, blackouts and conflicts of every group over a year; exit 1 if any remain. */
export async function runPlan(opts: PlanOptions, io: CliIo): Promise<number> {
  // --group as every command has it: that group's findings, and its conflicts with the others
  // (every group is planned: a conflict has two sides, and shifts keep clear of the others' calls).
  const { config, groups } = await selectGroups({ config: opts.config, group: opts.group, all: opts.all }, io);
  const { ctx, problems } = await loadPlanContext(config.dir, config.groups, undefined, { holidayStore: await holidayStore(config.dir, io) });
  reportProblems(io, problems);
  const year = opts.year ?? parseNow(opts.now).year;
  const all = planGroups(config.groups, { from: `${year}-01-01`, to: `${year}-12-31` }, ctx, { fix: !!opts.fix });
  const result = opts.group
    ? planOf(
        all,
        groups.map((g) => g.id),
      )
    : all;
  const coverage = coverageLines(result.groups);
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify(planToJson(result, coverage), null, 2)}\n`);
  } else {
    const json = planToJson(result, coverage);
    const rows = planRows(result);
    io.stdout.write(
      `Plan ${result.window.from} to ${result.window.to}, ${groups.length} group${groups.length === 1 ? '' : 's'}${result.fixed ? ', policies applied (--fix)' : ''}\n\n`,
    );
    io.stdout.write(rows.length ? renderTable(['Kind', 'Group', 'When', 'What', 'Action'], rows) : 'No holiday, blackout or conflict.\n');
    io.stdout.write('\n');
    const width = Math.max(...json.groups.map((g) => g.id.length));
    for (const g of json.groups) {
      const counts = `${g.held} held, ${g.skipped} skipped, ${g.moved} moved`;
      const where = g.countries.length ? g.countries.join(' ') : 'no holiday countries';
      io.stdout.write(`${g.id.padEnd(width)}  ${counts}; ${g.policy} on holidays (${where}); coverage: ${g.coverage ?? 'n/a'}\n`);
      io.stdout.write(`${' '.repeat(width)}  rule: ${g.rule}\n`);
    }
    const sources = sourceLines(json);
    if (sources.length) io.stdout.write(`\nHoliday data: ${sources.join(', ')}\n`);
    const corrections = correctionLines(json);
    if (corrections.length) {
      io.stdout.write(`\nHoliday corrections (${json.corrections.filter((c) => c.status === 'applied').length} of ${corrections.length} applied):\n`);
      for (const line of corrections) io.stdout.write(`  ${line}\n`);
    }
    if (result.fixed && json.changes.length) {
      io.stdout.write(`\n${json.changes.length} meeting${json.changes.length === 1 ? '' : 's'} changed:\n`);
      for (const c of json.changes)
        io.stdout.write(`  ${c.group} ${c.date}: ${c.action}${c.to ? ` to ${c.to.slice(0, 16).replace('T', ' ')}` : ''} (${c.reason})\n`);
    }
    io.stdout.write(
      result.unresolved
        ? `\n${result.unresolved} unresolved (${result.conflicts.length} conflict${result.conflicts.length === 1 ? '' : 's'})\n`
        : '\nAll clear.\n',
    );
  }
  return result.unresolved ? 1 : 0;
}
