import { senderOf } from '../../mail/messages.js';
import type { OwedMessage } from '../../itip/invite.js';
import { planReminders } from '../../itip/remind.js';
import type { SentIndex } from '../../itip/sent.js';
import { addDays } from '../../schedule/dates.js';
import { zoneOf } from '../../schedule/zoned.js';
import type { CliIo } from '../io.js';
import { route, runBatch, templatesFor, Unaddressed, type MailOptions } from '../mail-common.js';
import { prepareRuns } from '../run.js';

export interface RemindOptions extends MailOptions {
  days: number[];
  state?: string;
}

export async function runRemind(opts: RemindOptions, io: CliIo): Promise<number> {
  const horizon = Math.max(...opts.days);
  // Reminders go out for where the meeting is really held (policies applied, reason in the note),
  // under the UIDs and SEQUENCEs of the invitations (the invitation state's chunks).
  const { config, groups, runs, now } = await prepareRuns(opts, io, 'invite', {
    windowFor: (g, clock) => {
      const today = clock.setZone(zoneOf(g.timezone)).toISODate()!;
      return { from: addDays(today, -1), to: addDays(today, horizon + 1) };
    },
  });
  // A group without a sender is a MailError (exit 2), found before anything is sent.
  for (const g of groups) senderOf(g);
  const r = route(opts, groups, config.dir, io);
  const unaddressed = new Unaddressed();
  const plan = (sent: SentIndex) => {
    const messages: OwedMessage[] = [];
    for (const run of runs) {
      const templates = templatesFor(config.dir, run.group.id);
      messages.push(...planReminders(run.model, run.run.sequences, { sent, now, days: opts.days, templates, reachable: (to) => unaddressed.reachable(to) }));
    }
    return { messages };
  };
  return runBatch(opts, r, plan, io, unaddressed);
}
