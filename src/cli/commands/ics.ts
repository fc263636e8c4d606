import { basename, dirname, join, resolve } from 'node:path';
import type { DateTime } from 'luxon';
import { writeChunks, writeFilesAtomic, type ChunkSink } from '../../adapters/files.js';
import { writeState } from '../../adapters/state.js';
import type { GroupRun } from '../../app/run.js';
import { CombinedFeed, describeChanges, renderCancel, type CalendarChange, type Cancellation, type GroupState } from '../../calendar/index.js';
import { planInviteFiles, type InviteFile } from '../../itip/files.js';
import { cancelTargets } from '../../itip/cancel.js';
import { isIsoDate } from '../../schedule/dates.js';
import { note, tell, UsageError, type CliIo } from '../io.js';
import { say, usage } from '../messages.js';
import { loadRuns, type RunOptions } from '../run.js';

export interface IcsOptions extends RunOptions {
  invite?: boolean;
  out?: string;
  outDir?: string;
  includeLinks?: boolean;
  cancel?: string;
  dryRun?: boolean;
}

interface Output {
  path: string | undefined;
  /** The file's text, whole or (a feed) in pieces. */
  text: string | readonly string[];
}

/** What a run has to tell of a group: its changes but new events (new events are not news). */
interface News {
  group: GroupRun['group'];
  changes: CalendarChange[];
}
const newsOf = (r: GroupRun): News => ({ group: r.group, changes: r.run.changes.filter((c) => c.kind !== 'added') });

/** The CANCEL asked for by `--cancel <date|series id|all>`, against the state after this run. */
function cancelTarget(run: GroupRun, target: string): { cancellations: Cancellation[]; state: GroupState } {
  const found = cancelTargets(run.group, run.run.state, run.model, target);
  if (found.kind === 'none') {
    if (isIsoDate(target)) throw new UsageError(usage.noCancelOn(target, run.group.id));
    throw new UsageError(usage.badCancelTarget(target, found.known));
  }
  return { cancellations: found.cancellations, state: found.state };
}

/** The part of a UID that names the event within its group ("s1-2019-09-01-2027"). */
function eventName(groupId: string, uid: string): string {
  return uid.replace(/@.*$/, '').replace(new RegExp(`^${groupId}-`), '');
}

/**
 * An iTIP file holds one event (UID): Outlook reads only the first of several (RFC 5546 3.2 lets
 * a REQUEST carry one UID's components). So an invitation of several events is split, one file
 * each: with --out FILE, FILE for a single event, `<FILE>-<event>.ics` for several; with
 * --out-dir, `<uid>.ics`. CANCELs go next to them as `...-cancel.ics`, the CANCEL for members
 * who left the roster as `...-removed.ics`.
 */
function inviteOutputs(
  run: GroupRun,
  now: DateTime,
  where: (name: string) => string | undefined,
  out: string | undefined,
  outDir: string | undefined,
): { outputs: Output[]; state: GroupState } {
  const { group } = run;
  const { files, state } = planInviteFiles(run, now);
  const uids = [...new Set(files.map((f) => f.uid))];
  const split = uids.length > 1;
  if (split && !out && !outDir) {
    throw new UsageError(
      usage.inviteNeedsFiles(
        group.id,
        uids.map((u) => eventName(group.id, u)),
      ),
    );
  }
  const pathOf = (uid: string, kind: InviteFile['kind']): string | undefined => {
    const suffix = kind === 'request' ? '' : `-${kind}`;
    if (outDir) return where(`${uid.replace(/@.*$/, '')}${suffix}.ics`);
    if (!out) return undefined;
    const stem = join(dirname(out), basename(out).replace(/\.ics$/i, ''));
    return split ? `${stem}-${eventName(group.id, uid)}${suffix}.ics` : `${stem}${suffix}.ics`;
  };
  const outputs = files.map((f) => {
    const path = pathOf(f.uid, f.kind);
    if (!path && f.kind !== 'request') {
      throw new UsageError(usage.cancelNeedsOut(group.id, f.kind));
    }
    return { path, text: f.ics };
  });
  return { outputs, state };
}

export async function runIcs(opts: IcsOptions, io: CliIo): Promise<number> {
  if (opts.out && opts.outDir) throw new UsageError(usage.outAndOutDir());
  if (opts.cancel !== undefined && !opts.group) throw new UsageError(usage.cancelNeedsGroup());
  if (opts.cancel !== undefined) opts.invite = true;
  // A feed with --no-state keeps no state: its runs compute none (every SEQUENCE 0, as on a first run).
  const tracked = opts.invite || opts.state !== false;
  const loaded = await loadRuns(opts, io, opts.invite ? 'invite' : 'feed', { tracked });
  const { now, state, statePath, channel } = loaded;
  // Invitations and cancellations take every run at once; a feed takes them one at a time (below).
  const runs = opts.invite ? loaded.groups.map((g) => loaded.run(g)) : [];
  if (opts.invite) {
    const without = runs.filter((r) => !r.group.organizer).map((r) => r.group.id);
    if (without.length) throw new UsageError(usage.inviteNeedsOrganizer(without));
  }
  const outputs: Output[] = [];
  const news: News[] = [];
  const where = (name: string) => (opts.outDir ? join(resolve(io.cwd, opts.outDir), name) : opts.out ? resolve(io.cwd, opts.out) : undefined);

  if (opts.cancel !== undefined) {
    const run = runs[0]!;
    const { cancellations, state: after } = cancelTarget(run, opts.cancel);
    if (cancellations.length === 0) throw new UsageError(usage.alreadyCancelled(opts.cancel));
    // One file per UID, as for invitations: a series id cancels each of its events.
    const uids = [...new Set(cancellations.map((c) => c.uid))];
    if (uids.length > 1 && !opts.out && !opts.outDir) throw new UsageError(usage.cancelNeedsFiles(opts.cancel, uids.length));
    for (const uid of uids) {
      const name = uids.length === 1 ? `${run.group.id}-cancel.ics` : `${uid.replace(/@.*$/, '')}-cancel.ics`;
      const path = opts.outDir
        ? where(name)
        : opts.out && uids.length > 1
          ? resolve(io.cwd, opts.out).replace(/(\.ics)?$/i, `-${eventName(run.group.id, uid)}.ics`)
          : where(name);
      outputs.push({
        path,
        text: renderCancel(
          run.group,
          cancellations.filter((c) => c.uid === uid),
          { now },
        ),
      });
    }
    state.invite[run.group.id] = after;
    // The config still has what was cancelled: the next invitation would bring it back.
    note(io, say.stillInConfig(opts.cancel, isIsoDate(opts.cancel), run.group.source));
  } else if (opts.invite) {
    if (runs.length > 1 && !opts.outDir) throw new UsageError(usage.inviteNeedsOutDir());
    for (const run of runs) {
      const planned = inviteOutputs(run, now, where, opts.out ? resolve(io.cwd, opts.out) : undefined, opts.outDir);
      outputs.push(...planned.outputs);
      state.invite[run.group.id] = planned.state;
    }
  } else {
    // Group by group: each group's events are written once, for its own feed and for the feed
    // of them all (all.ics), and its run is done with before the next one is made.
    const feed = new CombinedFeed({ now, includeLinks: opts.includeLinks ?? false });
    for (const group of loaded.groups) {
      const run = loaded.run(group);
      const own = feed.add(run.model, run.run.sequences, !!opts.outDir);
      if (own) outputs.push({ path: where(`${group.id}.ics`), text: own });
      state.feed[group.id] = run.run.state;
      news.push(newsOf(run));
    }
    if (!opts.outDir) outputs.push({ path: opts.out ? resolve(io.cwd, opts.out) : undefined, text: feed.all() });
    else if (loaded.groups.length > 1 || opts.all) outputs.push({ path: where('all.ics'), text: feed.all('tcon: all groups') });
  }

  // Everything is rendered before anything is written: an error above leaves no half output.
  const files = outputs.flatMap((o) => (o.path ? [{ path: o.path, content: o.text }] : []));
  await writeFilesAtomic(files, (path) => tell(io, say.wrote(path)));
  for (const o of outputs) if (!o.path) await writeChunks(io.stdout as ChunkSink, o.text);
  if (statePath && !opts.dryRun) await writeState(statePath, state);
  // Say what changed since the last run of this channel (new events are not news).
  if (opts.cancel === undefined) {
    for (const n of opts.invite ? runs.map(newsOf) : news) {
      for (const line of describeChanges(n.changes, n.group.zoneLabel)) tell(io, say.change(n.group.id, channel, line));
    }
  }
  return 0;
}
