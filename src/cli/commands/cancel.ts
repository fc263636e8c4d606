import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildCalendarModel, computeChanges, findMeeting, planCancel, seriesUid, type Cancellation, type GroupState } from '../../calendar/index.js';
import { writeFileAtomic } from '../../adapters/files.js';
import { defaultStatePath, readState, writeState } from '../../adapters/state.js';
import { addSkipToGroupText } from '../../config/edit.js';
import { addDays } from '../../schedule/dates.js';
import type { Window } from '../../schedule/types.js';
import { UsageError, type CliIo } from '../io.js';
import { standingCancellations } from '../mail-calendar.js';
import { route, runBatch, templatesFor, Unaddressed, type MailOptions } from '../mail-common.js';
import { parseNow, selectGroups } from '../options.js';
import { plannedBuilder } from '../planned.js';
import { cancelJobs, requireOrganizer, type GroupPlan } from './invite.js';
import { zoneOf } from '../../schedule/zoned.js';

export interface CancelOptions extends MailOptions {
  date?: string;
  series?: number;
  reason?: string;
  editConfig: boolean;
  state?: string;
}

/**
 * Adds `skip: <reason>` for `ruleDate` to the group file (keeping its comments and layout), so
 * the next `tcon invite` or `tcon ics` agrees that the meeting is off. A `move` of that date is
 * dropped: a cancelled meeting is not held anywhere.
 */
async function skipInConfig(file: string, ruleDate: string, reason: string): Promise<void> {
  await writeFileAtomic(file, addSkipToGroupText(await readFile(file, 'utf8'), ruleDate, reason));
}

/** A meeting of `date` (rule date or start date) that the state holds as cancelled. */
function cancelledInState(g: GroupState | undefined, date: string): { uid: string; ruleDate: string } | undefined {
  for (const [uid, ev] of Object.entries(g?.events ?? {})) {
    if (ev.kind !== 'series') continue;
    for (const [ruleDate, m] of Object.entries(ev.meetings)) if (m.cancelled && (ruleDate === date || m.date === date)) return { uid, ruleDate };
  }
  return undefined;
}

/** The CANCEL that already stands in the state for `target` (a rerun after an interrupted cancel). */
function standing(g: GroupState, target: { uid: string; ruleDate?: string }): { cancellation: Cancellation; state: GroupState } | undefined {
  const c = standingCancellations(g).find((x) => x.uid === target.uid && (target.ruleDate === undefined ? !x.recurrenceId : x.ruleDate === target.ruleDate));
  return c && { cancellation: c, state: g };
}

export async function runCancel(opts: CancelOptions, io: CliIo): Promise<number> {
  if ((opts.date === undefined) === (opts.series === undefined)) throw new UsageError('give either --date YYYY-MM-DD (one meeting) or --series N (a whole series)');
  const { config, groups } = await selectGroups(opts, io);
  const group = groups[0]!;
  requireOrganizer(group);
  const now = parseNow(opts.now);
  const r = route(opts, groups, config.dir, io);
  const statePath = opts.state ? resolve(io.cwd, opts.state) : defaultStatePath(config.dir);
  const state = await readState(statePath);
  const why = opts.reason ?? '';

  let window: Window;
  let target: { uid: string; ruleDate?: string } | undefined;
  if (opts.date !== undefined) {
    // The date's year, and a few weeks past it: a December meeting a holiday policy shifted
    // into January is found by its rule date too.
    window = { from: `${opts.date.slice(0, 4)}-01-01`, to: addDays(`${opts.date.slice(0, 4)}-12-31`, 35) };
  } else {
    const series = group.series[opts.series! - 1];
    if (!series) throw new UsageError(`--series ${opts.series}: group ${group.id} has ${group.series.length} series`);
    const today = now.setZone(zoneOf(group.timezone)).toISODate()!;
    window = { from: series.from ?? today, to: series.until ?? addDays(today, 366) };
    target = { uid: seriesUid(group.id, series.id) };
  }
  // The planned schedule, as invitations carry it: a meeting the holiday policy moved is found
  // (and cancelled) where it is held, by its new date or its rule date.
  const build = await plannedBuilder(config.dir, config.groups, io);
  const model = buildCalendarModel(group, window, build(group, window));
  const run = computeChanges(state.invite[group.id], model);
  if (opts.date !== undefined) {
    const found = findMeeting(model, opts.date);
    // Not in the config any more: an earlier `tcon cancel` of this date wrote its skip but did
    // not finish. Change tracking then holds the meeting as cancelled, with the same SEQUENCE,
    // so this run sends the CANCEL to whoever is still missing it.
    target = found ? { uid: found.uid, ...(found.series ? { ruleDate: found.meeting.ruleDate } : {}) } : cancelledInState(run.state, opts.date);
    if (!target) throw new UsageError(`group ${group.id} has no meeting on ${opts.date} (see: tcon schedule --group ${group.id} --year ${opts.date.slice(0, 4)})`);
  }
  const t = target!;
  const planned = planCancel(run.state, t) ?? standing(run.state, t);
  if (!planned) throw new UsageError(`nothing to cancel: ${t.uid}${t.ruleDate ? ` ${t.ruleDate}` : ''} is not on the schedule`);
  const plan: GroupPlan = { group, model, run: { ...run, state: planned.state }, templates: templatesFor(config.dir, group.id), unaddressed: new Unaddressed() };
  const code = await runBatch(opts, r, (sent) => cancelJobs(plan, sent, now, [planned.cancellation], why, true), io, plan.unaddressed);
  if (opts.dryRun) return code;
  // The config first, then the state: if the run stops in between, the next run (cancel or
  // invite) finds the meeting gone from the config and cancels it with the same SEQUENCE.
  if (t.ruleDate && opts.editConfig) {
    // group.source names the file as the user wrote it (relative to the working directory).
    await skipInConfig(resolve(io.cwd, group.source), t.ruleDate, why || 'cancelled');
    io.stdout.write(`${group.source}: meetings.${t.ruleDate}.skip: ${why || 'cancelled'}\n`);
  } else {
    io.stdout.write(
      t.ruleDate
        ? `note: add "skip" for ${t.ruleDate} to ${group.source}, or the next tcon invite sends the meeting again\n`
        : `note: remove or end series ${opts.series} in ${group.source}, or the next tcon invite sends it again\n`,
    );
  }
  state.invite[group.id] = planned.state;
  await writeState(statePath, state);
  return code;
}
