import type { Command } from 'commander';
import { windowOptions, type CommandContext } from '../command-options.js';

const HELP = `
Without --year or --from/--to: the twelve months from today. A series is one event per calendar year;
the state file remembers what was published and what was invited, so that SEQUENCE goes up only on
changed events, a later window extends what members hold, and vanished meetings get a CANCEL.
An invitation is one file per event (Outlook reads one event per file): --out FILE writes FILE, or
FILE-<event>.ics for each of several; CANCELs go next to them as ...-cancel.ics (...-removed.ics
for members who left the roster).
Examples:
  tcon ics --group wg-14 --year 2027 --out public/wg-14.ics
  tcon ics --group wg-14 --year 2027 --invite --out wg-14-invite.ics
  tcon ics --all --year 2027 --out-dir public/
  tcon ics --group wg-14 --year 2027 --cancel 2027-03-16 --out cancel.ics`;

export function registerIcs(program: Command, { io, setExit }: CommandContext): void {
  windowOptions(program.command('ics'))
    .description('write iCalendar: the public feed (METHOD:PUBLISH), or the invitation with --invite')
    .option('-o, --out <file>', 'write to this file (atomically) instead of standard output')
    .option('--out-dir <dir>', 'one file per group (<id>.ics), plus all.ics for the public feed')
    .option('--include-links', 'put join links in the public feed (off: a feed is often public)')
    .option('--cancel <what>', 'METHOD:CANCEL for the meeting on a date (YYYY-MM-DD), a series id, or "all"; needs --group')
    .option('--dry-run', 'write the calendar but do not record it in the state file')
    .addHelpText('after', HELP)
    .action(async (opts) => {
      const { runIcs } = await import('../commands/ics.js');
      setExit(await runIcs(opts, io));
    });
}
