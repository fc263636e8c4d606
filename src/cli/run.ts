/*
 * The calendar commands' shared loading (ics, diff, invite, cancel, remind): options -> config,
 * clock, state file, planned-schedule builder -> one run per group (app/run.ts), warnings printed.
 * Not a command: commands import it, never each other.
 */
import { resolve } from 'node:path';
import type { DateTime } from 'luxon';
import { defaultStatePath, readState } from '../adapters/state.js';
import type { LoadedConfig } from '../adapters/config-files.js';
import { runGroup, type GroupRun } from '../app/run.js';
import { EMPTY_STATE, type CalendarState, type Channel } from '../calendar/index.js';
import { resolveWindow } from '../schedule/window.js';
import type { Group, Occurrence, Window } from '../schedule/types.js';
import { UsageError, warning, type CliIo } from './io.js';
import { usage } from './messages.js';
import { parseNow, selectGroups, type GroupOptions } from './options.js';
import { plannedBuilder } from './planned.js';

export interface RunOptions extends GroupOptions {
  year?: number;
  from?: string;
  to?: string;
  now?: string;
  /** A state file, or false for none (every SEQUENCE 0, nothing recorded). */
  state?: string | false;
}

export interface PreparedRuns {
  config: LoadedConfig;
  groups: Group[];
  runs: GroupRun[];
  now: DateTime;
  state: CalendarState;
  statePath: string | undefined;
  channel: Channel;
  /** The published schedule of any window (policies applied), as the runs were built from it. */
  build: (group: Group, window: Window) => Occurrence[];
}

/** Reads the state file (a missing one is a first run); an unreadable one is the user's to fix. */
export async function loadState(path: string | undefined): Promise<CalendarState> {
  if (!path) return structuredClone(EMPTY_STATE);
  // An unreadable one is a StateFileError (exit 2), the user's to fix.
  return readState(path);
}

/** How prepareRuns runs the groups. */
export interface RunHow {
  /** Each group's window (default: the one the options give). */
  windowFor?: (group: Group, now: DateTime) => Window;
  /** false: the runs compute no changes or state (runGroup's `tracked`): a feed with --no-state. */
  tracked?: boolean;
}

/** What prepareRuns loads, and the run of a group, made when asked. */
export interface LoadedRuns extends Omit<PreparedRuns, 'runs'> {
  /** The run of `group` (one of `groups`) over its window, its warnings printed. */
  run(group: Group): GroupRun;
}

/**
 * Loads config, clock and state, and runs every selected group over its window (the one the
 * options give, or `how.windowFor`), printing what the calendar could not say the preferred way.
 */
export async function prepareRuns(opts: RunOptions, io: CliIo, channel: Channel, how: RunHow = {}): Promise<PreparedRuns> {
  const loaded = await loadRuns(opts, io, channel, how);
  return { ...loaded, runs: loaded.groups.map((group) => loaded.run(group)) };
}

/**
 * prepareRuns without the runs: each is made when asked (in the order of `groups`, for the
 * warnings' order), so that a command that is done with a run before it asks for the next
 * (a feed of many groups) does not keep them all.
 */
export async function loadRuns(opts: RunOptions, io: CliIo, channel: Channel, { windowFor, tracked = true }: RunHow = {}): Promise<LoadedRuns> {
  const { config, groups } = await selectGroups(opts, io);
  const now = parseNow(opts.now);
  const statePath = opts.state === false ? undefined : opts.state ? resolve(io.cwd, opts.state) : defaultStatePath(config.dir);
  const state = await loadState(statePath);
  // The published schedule: holiday and blackout policies applied, with their reasons.
  const build = await plannedBuilder(config.dir, config.groups, io);
  const run = (group: Group): GroupRun => {
    const window = windowFor ? windowFor(group, now) : resolveWindow({ year: opts.year, from: opts.from, to: opts.to }, now, group.timezone);
    if (window.to < window.from) throw new UsageError(usage.toBeforeFrom(window.to, window.from));
    const r = runGroup(group, window, build, state[channel][group.id], { tracked });
    for (const w of r.model.warnings) warning(io, w);
    return r;
  };
  return { config, groups, now, state, statePath, channel, build, run };
}
