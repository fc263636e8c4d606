/*
 * Changing one meeting by command (move, skip, add): find the meeting, edit the group file's
 * line for its date (src/config/edit.ts: one line, comments kept), check the result with the
 * parser every command uses, write it atomically, and show what the schedule gains and loses.
 * Not a command: the commands import it, never each other.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { writeFileAtomic } from '../adapters/files.js';
import type { LoadedConfig } from '../adapters/config-files.js';
import { parseGroup } from '../config/parse.js';
import { ConfigError } from '../config/problems.js';
import { addDays, dayText } from '../schedule/dates.js';
import type { Group, IsoDate, Occurrence } from '../schedule/types.js';
import { UsageError, type CliIo } from './io.js';
import { parseNow, selectGroups, type GroupOptions } from './options.js';
import { plannedBuilder, type ScheduleBuilder } from './planned.js';
import { scheduleDiff } from './schedule-view.js';

export interface EditOptions extends GroupOptions {
  now?: string;
  dryRun?: boolean;
}

/** The config, the one group an edit is about, and its published schedule. */
export interface EditTarget {
  config: LoadedConfig;
  group: Group;
  build: ScheduleBuilder;
}

export async function editTarget(opts: EditOptions, io: CliIo): Promise<EditTarget> {
  const { config, groups } = await selectGroups(opts, io);
  if (groups.length !== 1) throw new UsageError(`${config.dir} has ${groups.length} groups: name one with --group (${groups.map((g) => g.id).join(', ')})`);
  const build = await plannedBuilder(config.dir, config.groups, io);
  return { config, group: groups[0]!, build };
}

/**
 * The meeting held on `date`, or else the one the rule places on `date` (a meeting moved by the
 * config or a holiday policy is found by either day). `oneOffs`: whether a one-off may be it.
 */
export function findMeeting(t: EditTarget, date: IsoDate, oneOffs: boolean): Occurrence {
  const near = t.build(t.group, { from: addDays(date, -45), to: addDays(date, 45) });
  const candidates = near.filter((o) => oneOffs || o.status !== 'added');
  const found =
    candidates.find((o) => o.status !== 'skipped' && o.start.toISODate() === date) ?? candidates.find((o) => o.ruleDate === date && o.status !== 'added') ?? candidates.find((o) => o.ruleDate === date);
  if (found) return found;
  const around = near.filter((o) => o.status !== 'skipped').slice(0, 4).map((o) => `${dayText(o.start)} (${o.start.toISODate()})`);
  throw new UsageError(`${t.group.id} has no meeting on ${date}${around.length ? `; meetings near it: ${around.join(', ')}` : ''}`);
}

/** The `HH:mm` of a one-off among its date's `add` times, as the config lists them (its rank there). */
export function oneOffRank(group: Group, o: Occurrence): number {
  const ex = group.exceptions.get(o.ruleDate);
  const hm = o.start.setZone(ex?.addZone ?? group.timezone).toFormat('HH:mm');
  return Math.max(0, ex?.add.indexOf(hm) ?? 0);
}

/**
 * Applies an edit of the group file: `apply` changes the text; the result must parse (or nothing
 * is written, exit 2), is written atomically (unless --dry-run), and the change of the schedule
 * from `from` over a year is printed.
 */
export async function applyEdit(t: EditTarget, opts: EditOptions, io: CliIo, edit: { date: IsoDate; from: IsoDate; apply: (text: string) => string }): Promise<number> {
  const { group, config } = t;
  // group.source names the file as the user wrote it (relative to the working directory).
  const file = resolve(io.cwd, group.source);
  const before = await readFile(file, 'utf8');
  const after = edit.apply(before);
  const now = parseNow(opts.now).toMillis();
  const parsed = parseGroup(after, group.source, config.regions, { now });
  if (!parsed.group) {
    io.stderr.write(`tcon: ${group.source} not changed: the edit would make it invalid:\n`);
    throw new ConfigError(parsed.problems);
  }
  // The line as written in the file (the edit changes that line only).
  const written = after.split('\n').find((l) => l.trimStart().startsWith(`${edit.date}:`) && !before.split('\n').includes(l));
  const entry = (parse(after) as { meetings?: Record<string, unknown> } | null)?.meetings?.[edit.date];
  const says = entry === undefined ? `meetings.${edit.date} removed` : `meetings.${written?.trim() ?? `${edit.date}: ${stringify(entry, { collectionStyle: 'flow', lineWidth: 0 }).trim()}`}`;
  if (!opts.dryRun) await writeFileAtomic(file, after);
  io.stdout.write(`${opts.dryRun ? 'would write ' : ''}${group.source}: ${says}\n`);
  // The schedule before and after, from the edited date over a year (a skip in a rotation by
  // meeting moves the later meetings' slots too). Built with the new group in the config, so
  // that holiday and blackout policies see it.
  const window = { from: edit.from, to: addDays(edit.from, 365) };
  const quiet: CliIo = { ...io, stderr: { write: () => true } };
  const buildAfter = await plannedBuilder(config.dir, config.groups.map((g) => (g.id === group.id ? parsed.group! : g)), quiet);
  const old = t.build(group, window);
  const now2 = buildAfter(parsed.group, window);
  const diff = scheduleDiff(group, old, now2);
  io.stdout.write(diff ? `\n${group.id}, schedule ${opts.dryRun ? 'would change' : 'changed'}:\n${diff}` : `\n${group.id}: the schedule does not change\n`);
  // Later meetings that changed slot: the rotation by meeting gives a skipped turn to the next one.
  const slotOf = new Map(old.map((o) => [o.ruleDate, o.slot]));
  const shifted = now2.filter((o) => o.ruleDate !== edit.date && o.slot !== null && slotOf.has(o.ruleDate) && slotOf.get(o.ruleDate) !== o.slot).length;
  if (shifted) {
    io.stdout.write(
      `(${shifted} later meeting${shifted === 1 ? '' : 's'} change${shifted === 1 ? 's' : ''} slot: in a rotation by meeting the next meeting takes the skipped turn; rotation: { on-skip: advance } in ${basename(group.source)} keeps every date's slot)\n`,
    );
  }
  if (!opts.dryRun && diff && group.organizer) {
    io.stdout.write(`\nMembers keep the old times until tcon invite --group ${group.id} sends the update (add --dry-run to see it first).\n`);
  }
  return 0;
}
