import { Option, type Command } from 'commander';
import { configOption, type CommandContext } from '../command-options.js';
import { UsageError } from '../io.js';
import { addMailOptions } from '../mail-options.js';
import { usage } from '../messages.js';
import { parsePositiveInt } from '../parsers.js';

const HELP = `
A meeting gets the reminder of the smallest offset that reaches it; each reminder goes out once.
Meetings are reminded where they are held (holiday and blackout policies applied, with the reason).
Examples:
  tcon remind --days 7,1
  tcon remind --group wg-14 --days 7,1 --now 2027-03-09T08:00Z --dry-run`;

/** --days 7,1: days before the meeting, each at most a year. */
function parseDays(value: string): number[] {
  const days = value.split(',').map((d) => d.trim());
  if (!days.length || days.some((d) => !/^\d+$/.test(d))) throw new UsageError(usage.badDays(value));
  if (days.some((d) => Number(d) > 366)) throw new UsageError(usage.tooManyDays(value));
  return days.map(Number);
}

export function registerRemind(program: Command, { io, setExit }: CommandContext): void {
  const command = program
    .command('remind')
    .description('mail reminders of the meetings starting within the given days (run daily; idempotent)')
    .addOption(configOption())
    .option('-g, --group <id>', 'only this group (default: every group)')
    .addOption(new Option('--days <list>', 'days before the meeting, comma-separated').argParser(parseDays).default([7, 1], '7,1'))
    .option('--state <file>', 'change-tracking state (default: <config>/.tcon/state.json)');
  addMailOptions(command, parsePositiveInt)
    .addHelpText('after', HELP)
    .action(async (opts) => {
      const { runRemind } = await import('../commands/remind.js');
      setExit(await runRemind(opts, io));
    });
}
