import { readFile } from '../../adapters/fs-async.js';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../../adapters/files.js';
import { writeState } from '../../adapters/state.js';
import type { Cancellation, GroupState } from '../../calendar/index.js';
import { addSkipToGroupText, removeAddFromGroupText } from '../../config/edit.js';
import { cancelOne, findByDate, seriesEvents, type FoundMeeting } from '../../itip/cancel.js';
import { planCancellation, type OwedMessage } from '../../itip/invite.js';
import type { SentIndex } from '../../itip/sent.js';
import { addDays } from '../../schedule/dates.js';
import type { Group, Window } from '../../schedule/types.js';
import { zoneOf } from '../../schedule/zoned.js';
import { UsageError, type CliIo } from '../io.js';
import { usage } from '../messages.js';
import { requireOrganizer, route, runBatch, templatesFor, Unaddressed, type MailOptions } from '../mail-common.js';
import { prepareRuns } from '../run.js';

export interface CancelCommandOptions extends MailOptions {
  date?: string;
  series?: number;
  reason?: string;
  editConfig: boolean;
  state?: string;
}

/** The config edit that keeps a cancelled meeting cancelled, or undefined for none. */
function configEdit(found: FoundMeeting | undefined, reason: string): { apply(text: string): string; says: string } | undefined {
  if (!found) return undefined;
  if (found.oneOff) {
    const rank = Number(/-add-\d{4}-\d{2}-\d{2}-(\d+)@/.exec(found.uid)?.[1] ?? 0);
    return { apply: (t) => removeAddFromGroupText(t, found.date, rank), says: `meetings.${found.date}.add: one-off removed` };
  }
  const at = found.seriesIndex === undefined ? '' : `series[${found.seriesIndex}].`;
  return { apply: (t) => addSkipToGroupText(t, found.date, reason, found.seriesIndex), says: `${at}meetings.${found.date}.skip: ${reason}` };
}

/** The window a cancellation looks at: the date's weeks, or a series' year ahead. */
function windowOf(group: Group, opts: CancelCommandOptions, today: string): Window {
  if (opts.date !== undefined) return { from: addDays(opts.date, -35), to: addDays(opts.date, 35) };
  // --series N is the Nth entry of `series:` (a session list: all of its sessions).
  const entry = group.series.filter((s) => s.index === opts.series! - 1);
  const count = new Set(group.series.map((s) => s.index)).size;
  if (!entry.length) throw new UsageError(usage.noSuchSeriesEntry(opts.series!, group.id, count));
  const from = entry.every((s) => s.from) ? entry.map((s) => s.from!).sort()[0]! : today;
  const until = entry.every((s) => s.until)
    ? entry
        .map((s) => s.until!)
        .sort()
        .at(-1)
    : undefined;
  return { from: from > today ? from : today, to: until ?? addDays(today, 366) };
}

export async function runCancel(opts: CancelCommandOptions, io: CliIo): Promise<number> {
  if ((opts.date === undefined) === (opts.series === undefined)) throw new UsageError(usage.dateOrSeries());
  const { config, groups, runs, now, state, statePath } = await prepareRuns(opts, io, 'invite', {
    windowFor: (g, clock) => windowOf(g, opts, clock.setZone(zoneOf(g.timezone)).toISODate()!),
  });
  const group = groups[0]!;
  const run = runs[0]!;
  requireOrganizer(group);
  const r = route(opts, groups, config.dir, io);
  const why = opts.reason ?? '';
  // What members hold is in the state: the meeting is cancelled as it was sent (its UID,
  // RECURRENCE-ID and times), whatever the config says of it now.
  const previous: GroupState = run.previous ?? { events: {} };
  let found: FoundMeeting | undefined;
  const targets: { uid: string; ruleDate?: string }[] = [];
  if (opts.date !== undefined) {
    found = findByDate(group, previous, run.model, opts.date);
    if (!found) throw new UsageError(usage.noMeetingToCancel(group.id, opts.date));
    if (previous.events[found.uid]) targets.push(found.ownEvent ? { uid: found.uid } : { uid: found.uid, ruleDate: found.ruleDate });
  } else {
    for (const series of group.series.filter((s) => s.index === opts.series! - 1)) {
      targets.push(
        ...seriesEvents(group, series, previous)
          .filter((uid) => !previous.events[uid]!.cancelled)
          .map((uid) => ({ uid })),
      );
    }
    if (targets.length === 0) throw new UsageError(usage.seriesNotSent(opts.series!, group.id));
  }
  let after = previous;
  const cancellations: Cancellation[] = [];
  for (const t of targets) {
    const one = cancelOne(after, t);
    if (!one) continue;
    after = one.state;
    cancellations.push(one.cancellation);
  }
  const edit = opts.editConfig ? configEdit(found, why || 'cancelled') : undefined;
  if (cancellations.length === 0 && !edit) throw new UsageError(usage.notOnSchedule(opts.date ?? `series ${opts.series}`));
  if (found && cancellations.length === 0) io.stdout.write(`the meeting of ${found.date} was never sent: nobody to tell\n`);
  const unaddressed = new Unaddressed();
  const templates = templatesFor(config.dir, group.id);
  const plan = (sent: SentIndex) => {
    let current = after;
    const messages: OwedMessage[] = [];
    for (const c of cancellations) {
      const p = planCancellation({ group, model: run.model, run: run.run, templates, reachable: (m) => unaddressed.reachable(m) }, sent, now, current, c, why);
      messages.push(...p.messages);
      current = p.state;
    }
    // The config first, then the state: if the run stops in between, the next run (cancel or
    // invite) finds the CANCEL standing in the state and sends it with the same SEQUENCE.
    const commit = async () => {
      if (edit) {
        // group.source names the file as the user wrote it (relative to the working directory).
        const file = resolve(io.cwd, group.source);
        await writeFileAtomic(file, edit.apply(await readFile(file, 'utf8')));
        io.stdout.write(`${group.source}: ${edit.says}\n`);
      }
      state.invite[group.id] = current;
      await writeState(statePath!, state);
    };
    return { messages, commit };
  };
  const code = await runBatch(opts, r, plan, io, unaddressed);
  if (!opts.dryRun && !edit) {
    io.stdout.write(
      opts.date !== undefined
        ? `note: add "skip" for ${found?.date ?? opts.date} to ${group.source}, or the next tcon invite sends the meeting again\n`
        : `note: end series ${opts.series} ("until") or remove it in ${group.source}, or the next tcon invite sends it again\n`,
    );
  }
  return code;
}
