import type { Command } from 'commander';
import { editOptions, type CommandContext } from '../command-options.js';
import { parseDate } from '../parsers.js';

const HELP = `
Members are told by the next tcon invite (an update of the event).
Examples:
  tcon move 2027-03-11 --to 2027-03-10          # the Wednesday before, at the usual time
  tcon move 2027-03-11 --to 10:00               # the same day at 10:00
  tcon move 2027-03-11 --to "2027-03-10T10:00"
  tcon move 2027-03-10 --series breakout-a --to 15:00   # one of the calls held that day`;

export function registerMove(program: Command, { io, setExit }: CommandContext): void {
  editOptions(program.command('move'))
    .description('move one meeting (one line of the group file; shows the change)')
    .argument('<date>', "the day the meeting is held (YYYY-MM-DD, in the group's zone), or the date it was moved from", parseDate('DATE'))
    .option('--series <id>', "where several series meet that day (parallel calls): the series id, a session list's id, or N (the Nth entry of series:)")
    .requiredOption('--to <when>', "YYYY-MM-DDTHH:mm, a date alone (the slot's time is kept) or a time alone (the same day); optionally a zone after it")
    .addHelpText('after', HELP)
    .action(async (date: string, opts) => {
      const { runMove } = await import('../commands/move.js');
      setExit(await runMove(date, opts, io));
    });
}
