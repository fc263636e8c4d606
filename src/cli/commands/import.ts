import { join, resolve } from 'node:path';
import { displayPath } from '../../adapters/config-files.js';
import {
  existingFiles,
  readCalendarText,
  readIfExists,
  readWindowsZones,
  readYaml2icalRegistry,
  writeOutputFiles,
  type OutputFile,
} from '../../adapters/import-files.js';
import { ConfigError, problemOf, type ConfigProblem } from '../../config/problems.js';
import { withBridges, type BridgeEntry } from '../../import/bridges.js';
import { compareMeetings, describeInstant, importedMeetings, type Comparison } from '../../import/compare.js';
import { importIcs } from '../../import/from-ics.js';
import { readCalendar, sourceInstances, windowsZoneTable } from '../../import/ics-source.js';
import { checkWindow, feedDifferences, importYaml2ical, sourceMeetings, type GroupImport } from '../../import/from-yaml2ical.js';
import { readYaml2icalMeeting, type Y2Meeting } from '../../import/yaml2ical.js';
import { WEEKDAY_NAMES } from '../../schedule/phrases.js';
import type { Window } from '../../schedule/types.js';
import { isValidZone } from '../../schedule/zoned.js';
import { reportProblems, tell, UsageError, type CliIo } from '../io.js';
import { say, usage } from '../messages.js';
import { parseNow } from '../options.js';

export interface ImportYaml2icalOptions {
  outDir: string;
  dryRun?: boolean;
  force?: boolean;
  now?: string;
}

type Out = { write(chunk: string): unknown };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 || word.endsWith('s') ? '' : 's'}`;

function listDates(dates: readonly string[], max = 6): string {
  return dates.length <= max ? dates.join(', ') : `${dates.slice(0, max).join(', ')}, ... (${dates.length})`;
}

/**
 * Writes `files` (all or nothing: an existing file stops the run before anything is written,
 * unless --force), or prints them with --dry-run.
 */
async function emit(files: OutputFile[], opts: { dryRun?: boolean; force?: boolean }, io: CliIo): Promise<void> {
  if (opts.dryRun) {
    for (const f of files) io.stdout.write(`# ---- ${f.shown}\n${f.text}`);
    return;
  }
  const there = await existingFiles(files);
  if (there.length && !opts.force) {
    throw new UsageError(usage.wouldReplace(there.map((f) => f.shown)));
  }
  await writeOutputFiles(files);
}

/** The check of each group file against the source's meetings, printed; whether all were identical. */
function reportCheck(
  results: { id: string; shown: string; comparison?: Comparison; problems: ConfigProblem[] }[],
  window: Window,
  what: string,
  out: Out,
  zone = 'UTC',
): boolean {
  let ok = true;
  let count = 0;
  for (const r of results) {
    if (!r.comparison) {
      ok = false;
      out.write(`  ${r.id}: ${r.shown} does not load:\n`);
      for (const p of r.problems) out.write(`    ${p.file}:${p.line}:${p.col} ${p.field ? `${p.field}: ` : ''}${p.message}\n`);
      continue;
    }
    count += r.comparison.count;
    const { missing, extra } = r.comparison;
    if (!missing.length && !extra.length) continue;
    ok = false;
    out.write(`  ${r.id}: ${plural(missing.length + extra.length, 'difference')}\n`);
    for (const m of missing.slice(0, 10)) out.write(`    missing from the import: ${describeInstant(m, zone)}\n`);
    if (missing.length > 10) out.write(`    ... and ${missing.length - 10} more missing\n`);
    for (const m of extra.slice(0, 10)) out.write(`    not in the source: ${describeInstant(m, zone)}\n`);
    if (extra.length > 10) out.write(`    ... and ${extra.length - 10} more not in the source\n`);
  }
  out.write(
    `Check (${what}, ${window.from} to ${window.to}): ${plural(results.length, 'group')}, ${plural(count, 'meeting')}, ${ok ? 'identical' : 'DIFFERENT'}\n`,
  );
  return ok;
}

function summary(g: GroupImport): string {
  const parts = g.series.map((p) => {
    const s = p.schedules[0]!;
    if (p.rotation) {
      const times = p.slots.filter((x) => x.schedule).map((x) => x.text);
      return `${WEEKDAY_NAMES[s.day]}s rotating by ISO week (${[...new Set(times)].join(' / ')} UTC)`;
    }
    return `${s.frequency} ${WEEKDAY_NAMES[s.day]} ${s.time} UTC`;
  });
  if (g.adhoc.length) parts.push(`${plural(g.adhoc.length, 'adhoc schedule')} (listed, no meetings)`);
  const n = g.meeting.schedules.length;
  return `${g.id}: ${plural(n, 'schedule')} -> ${g.series.length === 0 ? 'no series' : plural(g.series.length, 'series')}${parts.length ? `: ${parts.join('; ')}` : ''}`;
}

/** Problems of the input, printed as config problems are, with what was read; exit 2. */
function unreadable(e: unknown, what: string, io: CliIo): number {
  if (!(e instanceof ConfigError)) throw e;
  reportProblems(io, e.problems);
  const n = e.problems.filter((p) => p.severity === 'error').length;
  tell(io, say.inputErrors(n, what));
  return 2;
}

/** `tcon import yaml2ical DIR [--out-dir config/] [--dry-run] [--force]`. */
export async function runImportYaml2ical(dir: string, opts: ImportYaml2icalOptions, io: CliIo): Promise<number> {
  try {
    return await importYaml2icalRun(dir, opts, io);
  } catch (e) {
    return unreadable(e, 'the yaml2ical meeting files', io);
  }
}

async function importYaml2icalRun(dir: string, opts: ImportYaml2icalOptions, io: CliIo): Promise<number> {
  const now = parseNow(opts.now);
  const today = now.toISODate()!;
  const { files } = await readYaml2icalRegistry(dir, io.cwd);
  const problems: ConfigProblem[] = [];
  const meetings: Y2Meeting[] = [];
  for (const f of files) {
    const r = readYaml2icalMeeting(f.text, f.shown, f.name);
    problems.push(...r.problems);
    if (r.meeting) meetings.push(r.meeting);
  }
  if (problems.length) throw new ConfigError(problems);
  const imported = importYaml2ical(meetings, dir.replace(/\/+$/, ''));
  const outDir = resolve(io.cwd, opts.outDir);
  const out: OutputFile[] = imported.groups.map((g) => ({ path: join(outDir, g.file), shown: displayPath(join(outDir, g.file), io.cwd), text: g.text }));
  const secretariatPath = join(outDir, 'tcon.yaml');
  const bridges: BridgeEntry[] = imported.bridges.map((b) => ({
    ...b,
    comment: 'an IRC channel of the yaml2ical registry: two meetings in it cannot overlap',
  }));
  let bridgeNote = '';
  if (bridges.length) {
    const existing = opts.dryRun ? undefined : await readIfExists(secretariatPath);
    const merged = withBridges(
      existing,
      bridges,
      `IRC channels of the yaml2ical registry ${dir}, as bridges (tcon plan reports two meetings of one channel at once)`,
    );
    if (!merged)
      throw new UsageError(
        usage.bridgesNotABlockList(
          displayPath(secretariatPath, io.cwd),
          bridges.map((b) => b.id),
        ),
      );
    if (merged.added.length) {
      out.push({ path: secretariatPath, shown: displayPath(secretariatPath, io.cwd), text: merged.text });
      bridgeNote = `, tcon.yaml with ${plural(merged.added.length, 'bridge')}${existing === undefined ? '' : ' added'}`;
    }
  }
  await emit(out, opts, io);
  const report: Out = opts.dryRun ? io.stderr : io.stdout;
  const groupFiles = imported.groups.length;
  report.write(
    `tcon import yaml2ical: ${plural(meetings.length, 'meeting file')} from ${dir} -> ${opts.dryRun ? '(dry run, nothing written)' : `${displayPath(outDir, io.cwd)}/ (${plural(groupFiles, 'group file')}${bridgeNote})`}\n`,
  );
  for (const g of imported.groups) report.write(`  ${summary(g)}\n`);
  const notes = imported.groups.flatMap((g) => g.notes.map((n) => `${g.id}: ${n}`));
  if (notes.length) {
    report.write('Notes:\n');
    for (const n of notes) report.write(`  ${n}\n`);
  }

  const window = checkWindow(meetings, today);
  const feed = imported.groups.flatMap((g) => feedDifferences(g.meeting, window, today).map((d) => ({ g, d })));
  if (feed.length) {
    report.write(`Where yaml2ical's own feed differs from the import (the import keeps yaml2ical's ISO-week rule), ${today} to ${window.to}:\n`);
    for (const { g, d } of feed) {
      const s = d.schedule;
      report.write(`  ${g.id} schedule[${s.index}] (${s.frequency}, ${WEEKDAY_NAMES[s.day]} ${s.time} UTC): ${d.reason}\n`);
      if (d.onlyImport.length) report.write(`    only in the import (yaml2ical's rule): ${listDates(d.onlyImport)}\n`);
      if (d.onlyFeed.length) report.write(`    only in yaml2ical's feed: ${listDates(d.onlyFeed)}\n`);
    }
  }

  // The check: the files as written (read back from disk), else as they would be written.
  const texts = new Map<string, string>();
  for (const f of out) texts.set(f.path, opts.dryRun ? f.text : ((await readIfExists(f.path)) ?? ''));
  const results = imported.groups.map((g, i) => {
    const file = out[i]!;
    const loaded = importedMeetings(texts.get(file.path) ?? '', file.shown, window);
    const comparison = loaded.meetings ? compareMeetings(sourceMeetings(g.meeting, window), loaded.meetings) : undefined;
    return { id: g.id, shown: file.shown, comparison, problems: loaded.problems };
  });
  const ok = reportCheck(results, window, "tcon's schedule of the imported files against yaml2ical's ISO-week rule", report);
  return ok ? 0 : 1;
}

export interface ImportIcsOptions {
  group?: string;
  out?: string;
  zone?: string;
  dryRun?: boolean;
  force?: boolean;
  now?: string;
}

/** `tcon import ics FILE [--group ID] [--out FILE] [--zone ZONE] [--dry-run] [--force]`. */
export async function runImportIcs(file: string, opts: ImportIcsOptions, io: CliIo): Promise<number> {
  try {
    return await importIcsRun(file, opts, io);
  } catch (e) {
    return unreadable(e, 'the calendar export', io);
  }
}

async function importIcsRun(file: string, opts: ImportIcsOptions, io: CliIo): Promise<number> {
  const now = parseNow(opts.now);
  if (opts.group !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(opts.group)) throw new UsageError(usage.badGroupId(opts.group));
  if (opts.zone !== undefined && !isValidZone(opts.zone)) throw new UsageError(usage.notAZone(opts.zone));
  const { shown, text } = await readCalendarText(file, io.cwd);
  const windows = windowsZoneTable(await readWindowsZones());
  let read: ReturnType<typeof readCalendar>;
  try {
    read = readCalendar(text, windows, opts.zone);
  } catch (e) {
    throw new ConfigError([problemOf(shown, { code: 'config', text: `not an iCalendar file: ${e instanceof Error ? e.message : String(e)}` })]);
  }
  const { ctx, cal } = read;
  if (!cal.events.length) throw new ConfigError([problemOf(shown, { code: 'config', text: 'no events (VEVENT) in this calendar' })]);
  const imported = importIcs(ctx, cal, { group: opts.group, zone: opts.zone, file: shown, today: now.toISODate()! });
  const target = resolve(io.cwd, opts.out ?? join('config', `${imported.id}.yaml`));
  const out: OutputFile = { path: target, shown: displayPath(target, io.cwd), text: imported.text };
  await emit([out], opts, io);
  const report: Out = opts.dryRun ? io.stderr : io.stdout;
  report.write(`tcon import ics: ${shown}${cal.prodid ? ` (${cal.prodid})` : ''} -> ${opts.dryRun ? '(dry run, nothing written)' : out.shown}\n`);
  for (const s of imported.summary) report.write(`  ${s}\n`);
  if (imported.notes.length) {
    report.write('Not expressed exactly, or changed:\n');
    for (const n of imported.notes) report.write(`  ${n}\n`);
  }
  if (imported.membersWithoutZone.length)
    report.write(`Members without a zone (a calendar has none: add zone: or region: to each): ${imported.membersWithoutZone.join(', ')}\n`);
  const written = opts.dryRun ? out.text : ((await readIfExists(out.path)) ?? '');
  const loaded = importedMeetings(written, out.shown, imported.window);
  const source = sourceInstances(ctx, cal, imported.window.fromMs, imported.window.toMs);
  const comparison = loaded.meetings
    ? compareMeetings(
        source,
        loaded.meetings.filter((m) => m.start >= imported.window.fromMs && m.start <= imported.window.toMs),
      )
    : undefined;
  const ok = reportCheck(
    [{ id: imported.id, shown: out.shown, comparison, problems: loaded.problems.filter((p) => p.severity === 'error') }],
    imported.window,
    "tcon's schedule of the imported file against the export as ical.js expands it",
    report,
    imported.zone,
  );
  return ok ? 0 : 1;
}
