import type { DateTime } from 'luxon';
import { writeState } from '../../adapters/state.js';
import type { Cancellation, GroupState } from '../../calendar/index.js';
import { planInvitations, type OwedMessage } from '../../itip/invite.js';
import type { Group } from '../../schedule/types.js';
import { warning, type CliIo } from '../io.js';
import { warn } from '../messages.js';
import { requireOrganizer, route, runBatch, templatesFor, Unaddressed, type MailOptions } from '../mail-common.js';
import { prepareRuns } from '../run.js';
import { describeReslot, reslotted } from '../../schedule/reslot.js';

export interface InviteOptions extends MailOptions {
  year?: number;
  from?: string;
  to?: string;
  state?: string;
}

/** Groups with invitations in the state to meetings still ahead that the config no longer has. */
function orphanGroups(invites: Record<string, GroupState>, known: readonly Group[], now: DateTime): string[] {
  const ids = new Set(known.map((g) => g.id));
  const ahead = (g: GroupState) =>
    Object.values(g.events).some((e) => !e.cancelled && Object.values(e.meetings).some((m) => !m.cancelled && Date.parse(m.end) > now.toMillis()));
  return Object.keys(invites)
    .filter((id) => !ids.has(id) && ahead(invites[id]!))
    .sort();
}

export async function runInvite(opts: InviteOptions, io: CliIo): Promise<number> {
  const { config, groups, runs, now, state, statePath, build } = await prepareRuns(opts, io, 'invite');
  for (const run of runs) for (const x of reslotted(run.group, run.window, build)) io.stdout.write(`note: ${describeReslot(run.group, x)}\n`);
  groups.forEach(requireOrganizer);
  const r = route(opts, groups, config.dir, io);
  // With one group file (--config FILE) the other groups of the directory were not read.
  for (const id of config.single ? [] : orphanGroups(state.invite, config.groups, now)) {
    warning(io, warn.orphanGroup(id, config.dir));
  }
  const unaddressed = new Unaddressed();
  const plan = (sent: Parameters<typeof planInvitations>[1]) => {
    const messages: OwedMessage[] = [];
    const after: Record<string, GroupState> = {};
    for (const run of runs) {
      // Why a meeting is off (a skip in the config, a holiday or blackout policy): its CANCEL says
      // so. Parallel series can meet on one date: a meeting is its series' (by UID) and rule date.
      const seriesOf = new Map(run.model.events.map((e) => [e.uid, e.seriesId]));
      // A meeting written alone that is gone: its UID starts with its series' id (the longest that fits).
      for (const s of [...run.group.series].sort((a, b) => a.id.length - b.id.length)) {
        for (const c of Object.keys(run.previous?.events ?? {}))
          if (c.startsWith(`${run.group.id}-${s.id}-`) && !run.model.events.some((e) => e.uid === c)) seriesOf.set(c, s.id);
      }
      const skipNotes = new Map(
        run.schedule.filter((o) => o.status === 'skipped' && o.seriesId && o.note).map((o) => [`${o.seriesId}|${o.ruleDate}`, o.note!]),
      );
      const reasonOf = (c: Cancellation) =>
        (c.ruleDate !== undefined && skipNotes.get(`${seriesOf.get(c.uid) ?? ''}|${c.ruleDate}`)) || 'removed from the schedule';
      const planned = planInvitations(
        {
          group: run.group,
          model: run.model,
          run: run.run,
          templates: templatesFor(config.dir, run.group.id),
          reachable: (m) => unaddressed.reachable(m),
          reasonOf,
          schedule: run.schedule,
        },
        sent,
        now,
      );
      messages.push(...planned.messages);
      after[run.group.id] = planned.state;
    }
    const commit = async () => {
      for (const [id, s] of Object.entries(after)) state.invite[id] = s;
      await writeState(statePath!, state);
    };
    return { messages, commit };
  };
  return runBatch(opts, r, plan, io, unaddressed);
}
