import { basename, dirname, join, resolve } from 'node:path';
import type { DateTime } from 'luxon';
import { writeFileAtomic } from '../../adapters/files.js';
import { defaultStatePath, readState, StateFileError, writeState } from '../../adapters/state.js';
import {
  buildCalendarModel,
  computeChanges,
  describeChanges,
  findMeeting,
  planCancel,
  renderCancel,
  renderPublish,
  renderRequest,
  type CalendarModel,
  type CalendarState,
  type Cancellation,
  type Channel,
  type ChangeResult,
  type GroupState,
} from '../../calendar/index.js';
import { isIsoDate } from '../../schedule/dates.js';
import { resolveWindow } from '../../schedule/window.js';
import type { Group } from '../../schedule/types.js';
import { UsageError, type CliIo } from '../io.js';
import { parseNow, selectGroups, type GroupOptions } from '../options.js';
import { plannedBuilder } from '../planned.js';

export interface CalendarRunOptions extends GroupOptions {
  year?: number;
  from?: string;
  to?: string;
  now?: string;
  state?: string | false;
  invite?: boolean;
}

export interface IcsOptions extends CalendarRunOptions {
  out?: string;
  outDir?: string;
  includeLinks?: boolean;
  cancel?: string;
  dryRun?: boolean;
}

export interface GroupRun {
  group: Group;
  model: CalendarModel;
  changes: ChangeResult;
}

/** Loads config and state, builds each group's calendar and its changes against the state. */
export async function prepareCalendars(
  opts: CalendarRunOptions,
  io: CliIo,
): Promise<{ runs: GroupRun[]; now: DateTime; state: CalendarState; statePath: string | undefined; channel: Channel }> {
  const { config, groups } = await selectGroups(opts, io);
  const now = parseNow(opts.now);
  const statePath = opts.state === false ? undefined : opts.state ? resolve(io.cwd, opts.state) : defaultStatePath(config.dir);
  let state: CalendarState;
  try {
    state = statePath ? await readState(statePath) : { version: 1, feed: {}, invite: {} };
  } catch (e) {
    if (e instanceof StateFileError) throw new UsageError(e.message);
    throw e;
  }
  const channel: Channel = opts.invite ? 'invite' : 'feed';
  // The published schedule: holiday and blackout policies applied, with their reasons.
  const build = await plannedBuilder(config.dir, config.groups, io);
  const runs = groups.map((group) => {
    const window = resolveWindow({ year: opts.year, from: opts.from, to: opts.to }, now, group.timezone);
    if (window.to < window.from) throw new UsageError(`--to ${window.to} is before --from ${window.from}`);
    const model = buildCalendarModel(group, window, build(group, window));
    for (const w of model.warnings) io.stderr.write(`tcon: warning: ${w}\n`);
    return { group, model, changes: computeChanges(state[channel][group.id], model) };
  });
  return { runs, now, state, statePath, channel };
}

/** The CANCEL asked for by `--cancel <date|series id|all>`, against the state after this run. */
function cancelTarget(run: GroupRun, target: string): { cancellations: Cancellation[]; state: GroupState } {
  let state = run.changes.state;
  const uids: { uid: string; ruleDate?: string }[] = [];
  if (isIsoDate(target)) {
    const found = findMeeting(run.model, target);
    if (!found) throw new UsageError(`--cancel ${target}: ${run.group.id} has no meeting on that date in the window`);
    uids.push(found.series ? { uid: found.uid, ruleDate: found.meeting.ruleDate } : { uid: found.uid });
  } else if (target === 'all') {
    uids.push(...run.model.events.map((e) => ({ uid: e.uid })));
  } else {
    // A series written as one event per meeting (no Outlook form) is cancelled event by event.
    const events = run.model.events.filter((e) => e.seriesId === target);
    if (events.length === 0) {
      const known = [...new Set(run.model.events.flatMap((e) => (e.seriesId ? [e.seriesId] : [])))];
      throw new UsageError(`--cancel ${target}: expected a date YYYY-MM-DD, a series id (${known.join(', ') || 'none in the window'}) or "all"`);
    }
    uids.push(...events.map((e) => ({ uid: e.uid })));
  }
  const cancellations: Cancellation[] = [];
  for (const t of uids) {
    const planned = planCancel(state, t);
    if (!planned) continue;
    state = planned.state;
    cancellations.push(planned.cancellation);
  }
  return { cancellations, state };
}

interface Output {
  path: string | undefined;
  text: string;
}

function cancelPath(path: string): string {
  return join(dirname(path), `${basename(path).replace(/\.ics$/i, '')}-cancel.ics`);
}

export async function runIcs(opts: IcsOptions, io: CliIo): Promise<number> {
  if (opts.out && opts.outDir) throw new UsageError('--out and --out-dir exclude each other');
  if (opts.cancel !== undefined && !opts.group) throw new UsageError('--cancel needs --group');
  if (opts.cancel !== undefined) opts.invite = true;
  const { runs, now, state, statePath, channel } = await prepareCalendars(opts, io);
  if (opts.cancel === undefined && runs.length > 1 && !opts.outDir && opts.invite) {
    throw new UsageError('--invite for several groups needs --out-dir (one invitation per group)');
  }
  if (opts.invite) {
    const without = runs.filter((r) => !r.group.organizer).map((r) => r.group.id);
    if (without.length) throw new UsageError(`${without.join(', ')}: an invitation needs an "organizer" (name and email) in the group config`);
  }
  const outputs: Output[] = [];
  const where = (name: string) => (opts.outDir ? join(resolve(io.cwd, opts.outDir), name) : opts.out ? resolve(io.cwd, opts.out) : undefined);

  if (opts.cancel !== undefined) {
    const run = runs[0]!;
    const { cancellations, state: after } = cancelTarget(run, opts.cancel);
    if (cancellations.length === 0) throw new UsageError(`--cancel ${opts.cancel}: nothing left to cancel (already cancelled)`);
    outputs.push({ path: where(`${run.group.id}-cancel.ics`), text: renderCancel(run.group, cancellations, { now }) });
    state.invite[run.group.id] = after;
    // The config still has what was cancelled: the next invitation would bring it back.
    const fix = isIsoDate(opts.cancel) ? `add "skip: <reason>" under meetings: ${opts.cancel}` : 'give the series an "until" or remove it';
    io.stderr.write(`tcon: note: the config still has this; ${fix} in ${run.group.source}, or the next invitation brings it back\n`);
  } else if (opts.invite) {
    for (const run of runs) {
      const path = where(`${run.group.id}.ics`);
      outputs.push({ path, text: renderRequest(run.model, { now, sequences: run.changes.sequences }) });
      if (run.changes.cancellations.length > 0) {
        if (!path) {
          throw new UsageError(
            `${run.group.id}: ${run.changes.cancellations.length} meeting(s) vanished from the config; their CANCEL needs --out or --out-dir (written next to the invitation as <name>-cancel.ics)`,
          );
        }
        outputs.push({ path: cancelPath(path), text: renderCancel(run.group, run.changes.cancellations, { now }) });
      }
      state.invite[run.group.id] = run.changes.state;
    }
  } else {
    const publish = (rs: GroupRun[], name?: string) =>
      renderPublish(
        rs.map((r) => r.model),
        { now, includeLinks: opts.includeLinks ?? false, name, sequences: mergedSequences(rs) },
      );
    if (opts.outDir) {
      for (const run of runs) outputs.push({ path: where(`${run.group.id}.ics`), text: publish([run]) });
      if (runs.length > 1 || opts.all) outputs.push({ path: where('all.ics'), text: publish(runs, 'tcon: all groups') });
    } else {
      outputs.push({ path: opts.out ? resolve(io.cwd, opts.out) : undefined, text: publish(runs) });
    }
    for (const run of runs) state.feed[run.group.id] = run.changes.state;
  }

  // Everything is rendered before anything is written: an error above leaves no half output.
  for (const o of outputs) {
    if (o.path) {
      await writeFileAtomic(o.path, o.text);
      io.stderr.write(`tcon: wrote ${o.path}\n`);
    } else {
      io.stdout.write(o.text);
    }
  }
  if (statePath && !opts.dryRun) await writeState(statePath, state);
  // Say what changed since the last run of this channel (new events are not news).
  if (opts.cancel === undefined) {
    for (const r of runs) {
      for (const line of describeChanges(r.changes.changes.filter((c) => c.kind !== 'added'), r.group.zoneLabel)) {
        io.stderr.write(`tcon: ${r.group.id} ${channel}: ${line}\n`);
      }
    }
  }
  return 0;
}

/** One Sequences over several groups (UIDs carry the group id, so they never collide). */
function mergedSequences(runs: GroupRun[]) {
  return {
    event: (uid: string) => Math.max(0, ...runs.map((r) => r.changes.sequences.event(uid))),
    meeting: (uid: string, ruleDate: string) => Math.max(0, ...runs.map((r) => r.changes.sequences.meeting(uid, ruleDate))),
  };
}
