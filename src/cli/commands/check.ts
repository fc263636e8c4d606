import { DateTime } from 'luxon';
import { loadRegions } from '../../adapters/config-files.js';
import { writeChunk, writeChunks, type ChunkSink } from '../../adapters/files.js';
import { formatTimeWindow } from '../../config/regions.js';
import { cellToJson, scheduleCoverageToJson, type CellJson, type ScheduleCellJson, type ScheduleSummaryJson } from '../../coverage/present.js';
import { explainRating, localTime } from '../../coverage/rate.js';
import {
  coverageOfSchedule,
  fairOrBetter,
  groupTargets,
  rateMeeting,
  regionTarget,
  resolveTargets,
  type CoverageTarget,
  type ScheduleCoverage,
} from '../../coverage/schedule.js';
import { dayText } from '../../schedule/dates.js';
import { JsonArrayWriter, rulesInWords } from '../../schedule/present.js';
import { dayMark, formatClock, formatHours, spanText } from '../../schedule/when.js';
import { resolveWindow } from '../../schedule/window.js';
import { placeWallTime, zoneOf } from '../../schedule/zoned.js';
import { zoneError } from '../../config/zones.js';
import type { Group, RegionSet } from '../../schedule/types.js';
import { LETTER, paintFor, percent, type Paint } from '../color.js';
import { reportProblems, UsageError, warning, type CliIo } from '../io.js';
import { usage } from '../messages.js';
import { parseNow, selectGroups, unknownPlaces, type GroupOptions } from '../options.js';
import { plannedBuilder } from '../planned.js';
import { renderTable } from '../table.js';

export interface CheckOptions extends GroupOptions {
  zone?: string;
  regions?: string[];
  require?: string[];
  duration?: number;
  year?: number;
  from?: string;
  to?: string;
  now?: string;
  format: 'table' | 'json';
}

function targetsOrFail(set: RegionSet, names: readonly string[], flag: string): CoverageTarget[] {
  const { targets, unknown } = resolveTargets(set, names);
  if (unknown.length) throw unknownPlaces(flag, unknown, set);
  return targets;
}

// "T9:00" is 09:00, as everywhere a time is read.
const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{1,2}):(\d{2})(?::00)?$/;

export async function runCheck(start: string | undefined, opts: CheckOptions, io: CliIo): Promise<number> {
  return start === undefined ? checkSchedule(opts, io) : checkSlot(start, opts, io);
}

/** `tcon check 2027-03-16T09:00 --zone America/New_York`: one meeting, every region. */
async function checkSlot(start: string, opts: CheckOptions, io: CliIo): Promise<number> {
  let group: Group | undefined;
  let set: RegionSet;
  if (opts.group) {
    group = (await selectGroups(opts, io)).groups[0]!;
    set = group.coverage.regions;
  } else {
    const loaded = await loadRegions(opts.config, { cwd: io.cwd });
    reportProblems(io, loaded.problems);
    set = loaded.regions;
  }
  const zone = opts.zone ?? group?.timezone;
  if (!zone) throw new UsageError(usage.checkNeedsZone());
  const zoneProblem = zoneError(zone);
  if (zoneProblem) throw new UsageError(usage.badZone(zoneProblem));
  const m = DATE_TIME_RE.exec(start);
  if (!m) throw new UsageError(usage.badCheckStart(start));
  const placed = placeWallTime(m[1]!, Number(m[2]), Number(m[3]), zone, { gap: 'shift', overlap: 'earlier' });
  if (placed.kind === 'skipped' || !DateTime.fromISO(m[1]!, { zone: 'utc' }).isValid || Number(m[2]) > 23 || Number(m[3]) > 59) {
    throw new UsageError(usage.notADateTime(start));
  }
  if (placed.kind !== 'ok') warning(io, placed.warning);
  const duration = opts.duration ?? group?.duration ?? 60;
  const required = targetsOrFail(set, opts.require ?? [], '--require');
  const asked = opts.regions ? targetsOrFail(set, opts.regions, '--regions') : group ? groupTargets(group) : set.regions.map(regionTarget);
  const targets = [...asked, ...required.filter((r) => !asked.some((a) => a.id === r.id))];
  const startMs = placed.ms;
  const endMs = startMs + duration * 60_000;
  const cells = rateMeeting(startMs, endMs, zone, targets);
  const failed = cells.filter((c) => c.rating === 'poor' && required.some((r) => r.id === c.target.id)).map((c) => c.target.id);
  const startDt = DateTime.fromMillis(startMs, { zone: zoneOf(zone) });
  const endDt = DateTime.fromMillis(endMs, { zone: zoneOf(zone) });

  if (opts.format === 'json') {
    const out: SlotJson = {
      mode: 'slot',
      start: startDt.toISO({ suppressMilliseconds: true })!,
      end: endDt.toISO({ suppressMilliseconds: true })!,
      startUtc: startDt.toUTC().toISO({ suppressMilliseconds: true })!,
      zone,
      duration,
      results: cells.map((c) => ({
        ...cellToJson(c),
        verdict: explainRating(c.start, c.end, c.target.windows).reason,
        required: required.some((r) => r.id === c.target.id),
      })),
      summary: { required: required.map((r) => r.id), failed, ok: failed.length === 0 },
    };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return failed.length ? 1 : 0;
  }

  const paint = paintFor(io.stdout, io.env);
  io.stdout.write(`${spanText(startDt, endDt, zone)} (${formatHours(startDt.toUTC(), endDt.toUTC())} UTC), ${duration} min\n\n`);
  const rows = cells.map((c) => {
    const local = `${dayText(DateTime.fromMillis(c.start, { zone: 'UTC' }), { year: false })} ${localTime(c.start)}-${localTime(c.end)}`;
    const shift = c.dayShift === 0 ? '' : ` (${dayMark(c.dayShift)})`;
    const req = required.some((r) => r.id === c.target.id) ? ' (required)' : '';
    return [c.target.label + req, c.target.zone, local + shift, c.rating, explainRating(c.start, c.end, c.target.windows).reason];
  });
  io.stdout.write(
    renderTable(['Region', 'Zone', 'Local time', 'Rating', 'Verdict'], rows, (row, col, text) => (col === 3 ? paint.rating(cells[row]!.rating, text) : text)),
  );
  if (required.length) {
    io.stdout.write(
      failed.length
        ? `\nFAIL: required region${failed.length > 1 ? 's' : ''} rated poor: ${failed.join(', ')}\n`
        : `\nOK: every required region (${required.map((r) => r.id).join(', ')}) is fair or better\n`,
    );
  }
  return failed.length ? 1 : 0;
}

export interface SlotJson {
  mode: 'slot';
  start: string;
  end: string;
  startUtc: string;
  zone: string;
  duration: number;
  results: (CellJson & { verdict: string; required: boolean })[];
  summary: { required: string[]; failed: string[]; ok: boolean };
}

export interface ScheduleCheckJson {
  mode: 'schedule';
  from: string;
  to: string;
  results: ScheduleCellJson[];
  summary: ScheduleSummaryJson & { required: string[]; failed: string[]; ok: boolean };
}

/** `tcon check --group wg-14 --year 2027`: every meeting, every region, every member. */
async function checkSchedule(opts: CheckOptions, io: CliIo): Promise<number> {
  if (opts.zone) throw new UsageError(usage.zoneWithoutStart());
  if (opts.duration) throw new UsageError(usage.durationWithoutStart());
  const { config, groups } = await selectGroups(opts, io);
  const now = parseNow(opts.now);
  // The schedule as held: a meeting the holiday policy moved is rated where it really is.
  const build = await plannedBuilder(config.dir, config.groups, io);
  const json: ScheduleCheckJson = {
    mode: 'schedule',
    from: '',
    to: '',
    results: [],
    summary: { regions: [], members: [], membersWithoutZone: [], warnings: [], required: [], failed: [], ok: true },
  };
  const text: string[] = [];
  const paint = paintFor(io.stdout, io.env);
  // Every group's regions and window first: a bad --require fails before anything is written,
  // and the JSON's from/to (written before its rows) are known.
  const plans = groups.map((group) => {
    const set = group.coverage.regions;
    const required = targetsOrFail(set, opts.require ?? [], '--require');
    const asked = opts.regions ? targetsOrFail(set, opts.regions, '--regions') : groupTargets(group);
    const targets = [...asked, ...required.filter((r) => !asked.some((a) => a.id === r.id))];
    const window = resolveWindow({ year: opts.year, from: opts.from, to: opts.to }, now, group.timezone);
    if (!json.from || window.from < json.from) json.from = window.from;
    if (!json.to || window.to > json.to) json.to = window.to;
    return { group, required, targets, window };
  });
  // JSON is written group by group as it is made (JSON.stringify(json, null, 2)'s bytes): memory
  // holds one group's rows, not every meeting's.
  const asJson = opts.format === 'json';
  const out = io.stdout as ChunkSink;
  const rows = new JsonArrayWriter('  ');
  if (asJson) await writeChunk(out, `{\n  "mode": "schedule",\n  "from": ${JSON.stringify(json.from)},\n  "to": ${JSON.stringify(json.to)},\n  "results": `);
  for (const { group, required, targets, window } of plans) {
    const cov = coverageOfSchedule(group, build(group, window), { targets });
    // A required region fails when a whole rotation passes without a fair-or-better meeting for it.
    const failed = required
      .filter((r) => cov.warnings.some((w) => w.kind === 'no-coverage' && w.regions.includes(r.id)))
      .map((r) => (groups.length > 1 ? `${group.id}:${r.id}` : r.id));
    json.summary.required.push(...required.map((r) => (groups.length > 1 ? `${group.id}:${r.id}` : r.id)));
    json.summary.failed.push(...failed);
    if (!asJson) {
      text.push(
        renderScheduleCoverage(
          group,
          window,
          cov,
          paint,
          required.map((r) => r.id),
          failed,
        ),
      );
      continue;
    }
    const part = scheduleCoverageToJson(cov, group);
    await writeChunks(out, rows.pieces(part.results));
    json.summary.regions.push(...part.summary.regions);
    json.summary.members.push(...part.summary.members);
    json.summary.membersWithoutZone.push(...part.summary.membersWithoutZone);
    json.summary.warnings.push(...part.summary.warnings);
  }
  json.summary.ok = json.summary.failed.length === 0;
  if (asJson) {
    await writeChunk(out, `${rows.end()},\n  "summary": ${JSON.stringify(json.summary, null, 2).replace(/\n/g, '\n  ')}\n}\n`);
  } else io.stdout.write(text.join('\n'));
  return json.summary.failed.length ? 1 : 0;
}

const MATRIX_BLOCK = 16;

/** The text report: matrix, region and member shares, warnings. */
export function renderScheduleCoverage(
  group: Group,
  window: { from: string; to: string },
  cov: ScheduleCoverage,
  paint: Paint,
  required: readonly string[] = [],
  failed: readonly string[] = [],
): string {
  const out: string[] = [];
  const n = cov.meetings.length;
  out.push(paint.bold(`${group.id}: ${group.title}, ${window.from} to ${window.to}: ${n} meeting${n === 1 ? '' : 's'} (times ${group.zoneLabel})`));
  out.push(`Rule: ${rulesInWords(group, window)}`);
  out.push('');
  if (n) {
    const labelWidth = Math.max(6, ...cov.targets.map((t) => t.label.length));
    const pad = ' '.repeat(labelWidth + 2);
    // Blocks of at most 16 meetings (about 100 columns), so that a weekly series stays readable.
    for (let from = 0; from < n; from += MATRIX_BLOCK) {
      const block = cov.meetings.slice(from, from + MATRIX_BLOCK);
      const cols = block.map((m) => m.occurrence.start);
      // The year above the first meeting of each year, when the window spans more than one.
      if (cov.meetings[0]!.occurrence.start.year !== cov.meetings[n - 1]!.occurrence.start.year) {
        const prev = (j: number) => (from + j > 0 ? cov.meetings[from + j - 1]!.occurrence.start.year : undefined);
        out.push((pad + cols.map((d, j) => (j === 0 || prev(j) !== d.year ? String(d.year).padEnd(5) : '     ')).join(' ')).trimEnd());
      }
      out.push(pad + cols.map((d) => d.toFormat('MM-dd')).join(' '));
      out.push(pad + cols.map((d) => formatClock(d)).join(' '));
      cov.targets.forEach((t, i) => {
        const cells = block.map((m) => {
          const r = m.cells[i]!.rating;
          return paint.rating(r, `  ${LETTER[r]}  `);
        });
        out.push(`${t.label.padEnd(labelWidth)}  ${cells.join(' ')}`);
      });
      out.push('');
    }
    out.push(
      `G good, F fair, P poor: the whole meeting in local time (default: good ${formatTimeWindow(group.coverage.regions.defaults.good)}, fair ${formatTimeWindow(group.coverage.regions.defaults.fair)}, on working days)`,
    );
    out.push('');
  }
  const share = (count: number, of: number) => `${count} (${percent(of ? count / of : 0)})`;
  out.push(
    renderTable(
      ['Region', 'Zone', 'Good', 'Fair', 'Poor', 'Fair or better'],
      cov.regions.map((r) => [
        r.target.label + (required.includes(r.target.id) ? ' (required)' : ''),
        r.target.zone,
        share(r.good, r.meetings),
        share(r.fair, r.meetings),
        share(r.poor, r.meetings),
        percent(fairOrBetter(r)),
      ]),
    ),
  );
  if (cov.members.length) {
    out.push(
      renderTable(
        ['Member', 'Role', 'Weight', 'Zone', 'Good', 'Fair', 'Poor', 'Fair or better'],
        cov.members.map((m) => [
          m.member.name,
          m.member.role,
          String(m.weight),
          m.member.zone,
          share(m.good, m.meetings),
          share(m.fair, m.meetings),
          share(m.poor, m.meetings),
          percent(fairOrBetter(m)),
        ]),
      ),
    );
  }
  if (cov.membersWithoutZone.length) {
    out.push(`Not counted (no zone or region): ${cov.membersWithoutZone.map((m) => m.name).join(', ')}\n`);
  }
  if (cov.warnings.length) {
    out.push('Warnings:');
    for (const w of cov.warnings) out.push(`  - ${w.message}`);
    out.push('');
  }
  if (required.length) {
    out.push(
      failed.length
        ? `FAIL: no fair-or-better meeting in a whole rotation for required region${failed.length > 1 ? 's' : ''} ${failed.join(', ')}\n`
        : `OK: every required region (${required.join(', ')}) has a fair-or-better meeting in every rotation\n`,
    );
  }
  return out.join('\n');
}
