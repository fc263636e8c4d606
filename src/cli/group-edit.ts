/*
 * Changing one meeting by command (move, skip, add): find the meeting, edit the group file's
 * line for its date (src/config/edit.ts: one line, comments kept), check the result with the
 * parser every command uses, write it atomically, and show what the schedule gains and loses.
 * Not a command: the commands import it, never each other.
 */
import { readFile } from '../adapters/fs-async.js';
import { resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { writeFileAtomic } from '../adapters/files.js';
import type { LoadedConfig } from '../adapters/config-files.js';
import { parseGroup } from '../config/parse.js';
import { ConfigError } from '../config/problems.js';
import { dateOf } from '../schedule/build.js';
import { addDays, dayText } from '../schedule/dates.js';
import { describeReslot, reslotted } from '../schedule/reslot.js';
import { placeWallTime } from '../schedule/zoned.js';
import type { Group, IsoDate, Occurrence } from '../schedule/types.js';
import { tell, UsageError, type CliIo } from './io.js';
import { say, usage } from './messages.js';
import { parseNow, selectGroups, type GroupOptions } from './options.js';
import { plannedBuilder, type ScheduleBuilder } from './planned.js';
import { scheduleDiff } from './schedule-view.js';
import { formatClock } from '../schedule/when.js';

export interface EditOptions extends GroupOptions {
  now?: string;
  dryRun?: boolean;
  /**
   * Which series a date names when several meet that day (parallel calls): a series id, a
   * session list's id, or N (the Nth entry of `series:`, as `tcon cancel --series N`); "one-off"
   * names the date's one-off meetings.
   */
  series?: string;
}

/** The config, the one group an edit is about, and its published schedule. */
export interface EditTarget {
  config: LoadedConfig;
  group: Group;
  build: ScheduleBuilder;
}

export async function editTarget(opts: EditOptions, io: CliIo): Promise<EditTarget> {
  const { config, groups } = await selectGroups(opts, io);
  if (groups.length !== 1)
    throw new UsageError(
      usage.severalGroups(
        config.dir,
        groups.map((g) => g.id),
      ),
    );
  const build = await plannedBuilder(config.dir, config.groups, io);
  return { config, group: groups[0]!, build };
}

const ONE_OFF = 'one-off';

/** Who a meeting belongs to, as --series names it: its series' id, or "one-off". */
const whose = (o: Occurrence) => o.seriesId ?? ONE_OFF;

/** The series --series names (a series id, a session list's id, or N: the Nth entry of series:), or "one-off". */
function seriesMatcher(group: Group, name: string): (o: Occurrence) => boolean {
  if (name === ONE_OFF) return (o) => o.status === 'added';
  const n = /^\d+$/.test(name) ? Number(name) - 1 : undefined;
  const hit = group.series.filter((s) => s.id === name || s.session?.list === name || s.index === n);
  if (!hit.length) {
    const names = [...new Set(group.series.map((s) => s.session?.list ?? s.id))];
    throw new UsageError(usage.noSuchSeries(name, group.id, names, new Set(group.series.map((s) => s.index)).size));
  }
  const ids = new Set(hit.map((s) => s.id));
  return (o) => o.seriesId !== null && ids.has(o.seriesId);
}

/**
 * The meeting held on `date` (its day in the group's zone), or else the one whose date it is (a
 * meeting moved by the config or a holiday policy is found by either day). `oneOffs`: whether a
 * one-off may be it. Where several series meet that day (parallel calls), `series` names one.
 */
export function findMeeting(t: EditTarget, date: IsoDate, oneOffs: boolean, series?: string): Occurrence {
  const near = t.build(t.group, { from: addDays(date, -45), to: addDays(date, 45) });
  const mine = series === undefined ? () => true : seriesMatcher(t.group, series);
  const candidates = near.filter((o) => (oneOffs || o.status !== 'added') && mine(o));
  const passes = [
    candidates.filter((o) => o.status !== 'skipped' && dateOf(o.start) === date),
    candidates.filter((o) => o.date === date && o.status !== 'added'),
    candidates.filter((o) => o.date === date),
  ];
  const found = passes.find((p) => p.length > 0);
  if (found) {
    const owners = [...new Set(found.map(whose))];
    if (owners.length > 1) {
      const which = found.map((o) => `${whose(o)} ${formatClock(o.start)}`).join(', ');
      throw new UsageError(usage.severalMeetings(t.group.id, found.length, date, which, owners));
    }
    return found[0]!;
  }
  const around = near
    .filter((o) => o.status !== 'skipped' && mine(o))
    .slice(0, 4)
    .map((o) => `${dayText(o.start)} (${dateOf(o.start)})`);
  throw new UsageError(usage.noMeetingOn(t.group.id, date, series, around));
}

/**
 * Where a meeting's skip or move is written: its series' own `meetings:` (`series[i]`, the index
 * returned) for a series with an id (parallel calls, sessions: as tcon cancel writes them), or
 * when another series meets the same day (the group's entry would hold for both); else the
 * group's `meetings:` (undefined).
 */
export function meetingsOf(t: EditTarget, o: Occurrence): number | undefined {
  const series = t.group.series.find((s) => s.id === o.seriesId);
  if (!series) return undefined;
  if (series.named) return series.index;
  const shared = t.build(t.group, { from: o.date, to: o.date }).some((x) => x.seriesId !== null && x.seriesId !== o.seriesId && x.date === o.date);
  return shared ? series.index : undefined;
}

/** The rank of a one-off among its date's `add` entries, as the config lists them. */
export function oneOffRank(group: Group, o: Occurrence): number {
  const ex = group.exceptions.get(o.date);
  const at = (ex?.add ?? []).findIndex((one) => {
    const [h, m] = one.time.split(':').map(Number) as [number, number];
    const p = placeWallTime(addDays(o.date, one.days), h, m, one.zone, { ...group.dst, gap: 'shift' });
    return p.kind !== 'skipped' && p.ms === o.start.toMillis() && (one.title ?? ex?.title ?? group.title) === o.title;
  });
  return Math.max(0, at);
}

/** What an edit is: the `meetings:` entry it changes, and where the schedule shown starts. */
export interface Edit {
  /** The entry's date (the meeting's date, its day in the group's zone). */
  date: IsoDate;
  /** `series[i].meetings` rather than the group's `meetings:` (a series with an id). */
  seriesIndex?: number | undefined;
  /** A skip of a series meeting: later meetings may change slot (said by src/schedule/reslot.ts). */
  skip?: boolean;
  from: IsoDate;
  apply: (text: string) => string;
}

/**
 * Applies an edit of the group file: `apply` changes the text; the result must parse (or nothing
 * is written, exit 2), is written atomically (unless --dry-run), and the change of the schedule
 * from `from` over a year is printed.
 */
export async function applyEdit(t: EditTarget, opts: EditOptions, io: CliIo, edit: Edit): Promise<number> {
  const { group, config } = t;
  // group.source names the file as the user wrote it (relative to the working directory).
  const file = resolve(io.cwd, group.source);
  const before = await readFile(file, 'utf8');
  const after = edit.apply(before);
  const now = parseNow(opts.now).toMillis();
  const parsed = parseGroup(after, group.source, config.regions, { now });
  if (!parsed.group) {
    tell(io, say.editInvalid(group.source));
    throw new ConfigError(parsed.problems);
  }
  // The line as written in the file (the edit changes that line only).
  const written = after.split('\n').find((l) => l.trimStart().startsWith(`${edit.date}:`) && !before.split('\n').includes(l));
  const data = parse(after) as { meetings?: Record<string, unknown>; series?: { meetings?: Record<string, unknown> }[] } | null;
  const entry = (edit.seriesIndex === undefined ? data?.meetings : data?.series?.[edit.seriesIndex]?.meetings)?.[edit.date];
  const where = edit.seriesIndex === undefined ? 'meetings' : `series[${edit.seriesIndex}].meetings`;
  const says =
    entry === undefined
      ? `${where}.${edit.date} removed`
      : `${where}.${written?.trim() ?? `${edit.date}: ${stringify(entry, { collectionStyle: 'flow', lineWidth: 0 }).trim()}`}`;
  if (!opts.dryRun) await writeFileAtomic(file, after);
  io.stdout.write(`${opts.dryRun ? 'would write ' : ''}${group.source}: ${says}\n`);
  // The schedule before and after, from the edited date over a year (a skip in a rotation by
  // meeting moves the later meetings' slots too). Built with the new group in the config, so
  // that holiday and blackout policies see it.
  const window = { from: edit.from, to: addDays(edit.from, 365) };
  const quiet: CliIo = { ...io, stderr: { write: () => true } };
  const buildAfter = await plannedBuilder(
    config.dir,
    config.groups.map((g) => (g.id === group.id ? parsed.group! : g)),
    quiet,
  );
  const old = t.build(group, window);
  const now2 = buildAfter(parsed.group, window);
  const diff = scheduleDiff(group, old, now2);
  io.stdout.write(diff ? `\n${group.id}, schedule ${opts.dryRun ? 'would change' : 'changed'}:\n${diff}` : `\n${group.id}: the schedule does not change\n`);
  // A skip in a rotation by meeting that keeps turns hands its slot to the next meeting: said as
  // tcon schedule, diff and invite say it (src/schedule/reslot.ts), for the skip just written.
  if (edit.skip) {
    const notes = reslotted(parsed.group, window, buildAfter).filter(
      (r) => r.skips.includes(edit.date) && (edit.seriesIndex === undefined || r.series.index === edit.seriesIndex),
    );
    for (const r of notes) io.stdout.write(`note: ${describeReslot(parsed.group, r)}\n`);
  }
  if (!opts.dryRun && diff && group.organizer) {
    io.stdout.write(`\nMembers keep the old times until tcon invite --group ${group.id} sends the update (add --dry-run to see it first).\n`);
  }
  return 0;
}
