import type { Command } from 'commander';
import { configOption, type CommandContext } from '../command-options.js';
import { addMailOptions } from '../mail-options.js';
import { parseDate, parsePositiveInt } from '../parsers.js';

const HELP = `
--date is the day the meeting is held or the date it was moved from (a meeting moved by the config or
a holiday policy is found by either; the skip is written under the meeting's date, in the group zone).
Examples:
  tcon cancel --group wg-14 --date 2027-05-18 --reason "F2F week"
  tcon cancel --group wg-14 --series 2 --reason "the group closes"`;

export function registerCancel(program: Command, { io, setExit }: CommandContext): void {
  const command = program
    .command('cancel')
    .description('cancel one meeting (--date) or a whole series (--series) and mail the CANCEL to every member')
    .addOption(configOption())
    .requiredOption('-g, --group <id>', 'the group')
    .option('--date <date>', 'the meeting held (or scheduled by the rule) on this date', parseDate('--date'))
    .option('--series <n>', 'the whole series at this position of the config (1 = first)', parsePositiveInt('--series'))
    .option('--reason <text>', 'why, for the members (also the "skip" reason written to the config)')
    .option('--no-edit-config', 'do not add "skip: <reason>" for the date to the group file')
    .option('--state <file>', 'change-tracking state (default: <config>/.tcon/state.json)');
  addMailOptions(command, parsePositiveInt)
    .addHelpText('after', HELP)
    .action(async (opts) => {
      const { runCancel } = await import('../commands/cancel.js');
      setExit(await runCancel(opts, io));
    });
}
