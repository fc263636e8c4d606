import { formatOption, groupsAndWindow, type CommandContext } from '../command-options.js';
import { parsePositiveInt } from '../parsers.js';
import type { Command } from 'commander';

const HELP = `
Without --year, --from/--to or --next: the twelve months from today.
The table starts with each group's rule as tcon read it, in words. Holidays and blackouts that
touch a meeting (as tcon plan finds them) are in its note, the minutes and the JSON.
Examples:
  tcon schedule --group wg-14 --year 2027
  tcon schedule --group wg-14 --from 2019-08-01 --to 2019-11-30 --format markdown
  tcon schedule --all --next 4 --format markdown    # the minutes' Next Meetings of every group`;

export function registerSchedule(program: Command, { io, setExit }: CommandContext): void {
  groupsAndWindow(program.command('schedule').description('list the meetings of one group or all groups'))
    .option('-n, --next <n>', 'the next N meetings from now', parsePositiveInt('--next'))
    .option('--now <iso>', 'fix the clock, e.g. 2027-03-09T08:00Z (default: system clock)')
    .addOption(formatOption(['table', 'markdown', 'json', 'csv']))
    .option('--no-holidays', 'leave out the holidays and blackouts that touch meetings (no holiday data loaded)')
    .addHelpText('after', HELP)
    .action(async (opts) => {
      const { runSchedule } = await import('../commands/schedule.js');
      setExit(await runSchedule(opts, io));
    });
}
