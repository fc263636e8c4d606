import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { buildCalendarModel, computeChanges, findMeeting, planCancel, seriesUid } from '../../calendar/index.js';
import { writeFileAtomic } from '../../adapters/files.js';
import { defaultStatePath, readState, writeState } from '../../adapters/state.js';
import { loadTemplates } from '../../adapters/templates.js';
import { addDays } from '../../config/resolve.js';
import type { Window } from '../../schedule/types.js';
import { UsageError, type CliIo } from '../io.js';
import { route, runBatch, type MailOptions } from '../mail-common.js';
import { parseNow, selectGroups } from '../options.js';
import { cancelJobs, requireOrganizer, type GroupPlan } from './invite.js';

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
  const doc = parseDocument(await readFile(file, 'utf8'));
  if (!doc.has('meetings') || !isMap(doc.get('meetings'))) doc.set('meetings', doc.createNode({}));
  const existing = doc.getIn(['meetings', ruleDate]);
  if (!isMap(existing)) doc.setIn(['meetings', ruleDate], doc.createNode({ skip: reason }));
  else {
    existing.delete('move');
    existing.set('skip', reason);
  }
  await writeFileAtomic(file, doc.toString());
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
  let target: { uid: string; ruleDate?: string };
  if (opts.date !== undefined) {
    window = { from: `${opts.date.slice(0, 4)}-01-01`, to: `${opts.date.slice(0, 4)}-12-31` };
    const model = buildCalendarModel(group, window);
    const found = findMeeting(model, opts.date);
    if (!found) throw new UsageError(`group ${group.id} has no meeting on ${opts.date} (see: tcon schedule --group ${group.id} --year ${opts.date.slice(0, 4)})`);
    target = { uid: found.uid, ...(found.series ? { ruleDate: found.meeting.ruleDate } : {}) };
  } else {
    const series = group.series[opts.series! - 1];
    if (!series) throw new UsageError(`--series ${opts.series}: group ${group.id} has ${group.series.length} series`);
    const today = now.setZone(group.timezone).toISODate()!;
    window = { from: series.from ?? today, to: series.until ?? addDays(today, 366) };
    target = { uid: seriesUid(group.id, series.id) };
  }
  const model = buildCalendarModel(group, window);
  const run = computeChanges(state.groups[group.id], model);
  const planned = planCancel(run.state, target);
  if (!planned) throw new UsageError(`nothing to cancel: ${target.uid}${target.ruleDate ? ` ${target.ruleDate}` : ''} is not on the schedule or already cancelled`);
  const plan: GroupPlan = { group, model, run: { ...run, state: planned.state }, templates: loadTemplates(config.dir, group.id) };
  const code = await runBatch(opts, r, (sent) => cancelJobs(plan, sent, now, [planned.cancellation], why, true), io);
  if (opts.dryRun) return code;
  state.groups[group.id] = planned.state;
  await writeState(statePath, state);
  if (target.ruleDate && opts.editConfig) {
    // group.source names the file as the user wrote it (relative to the working directory).
    await skipInConfig(resolve(io.cwd, group.source), target.ruleDate, why || 'cancelled');
    io.stdout.write(`${group.source}: meetings.${target.ruleDate}.skip: ${why || 'cancelled'}\n`);
  } else {
    io.stdout.write(
      target.ruleDate
        ? `note: add "skip" for ${target.ruleDate} to ${group.source}, or the next tcon invite sends the meeting again\n`
        : `note: remove or end series ${opts.series} in ${group.source}, or the next tcon invite sends it again\n`,
    );
  }
  return code;
}
