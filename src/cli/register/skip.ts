import type { Command } from 'commander';
import { editOptions, type CommandContext } from '../command-options.js';
import { parseDate } from '../parsers.js';

const HELP = `
A one-off meeting loses its add: instead. Members get the CANCEL from the next tcon invite
(tcon cancel --date also mails it at once). A meeting of a series with an id is skipped under that
series' own meetings:.
Examples:
  tcon skip 2027-08-12 --reason "summer break"
  tcon skip 2027-03-10 --series breakout-a      # one of the calls held that day`;

export function registerSkip(program: Command, { io, setExit }: CommandContext): void {
  editOptions(program.command('skip'))
    .description('no call on a date (one line of the group file; shows the change)')
    .argument('<date>', "the day the meeting is held (YYYY-MM-DD, in the group's zone), or the date it was moved from", parseDate('DATE'))
    .option(
      '--series <id>',
      "where several meetings fall that day (parallel calls): the series id, a session list's id, N (the Nth entry of series:) or one-off",
    )
    .option('--reason <text>', 'why, shown in the schedule, the minutes and the CANCEL (default "no call")')
    .addHelpText('after', HELP)
    .action(async (date: string, opts) => {
      const { runSkip } = await import('../commands/skip.js');
      setExit(await runSkip(date, opts, io));
    });
}
