import type { Command } from 'commander';
import { editOptions, type CommandContext } from '../command-options.js';

const HELP = `
It is written under its date in the group's zone (a time in another zone that falls on another day
there gets its day offset, "00:00 UTC +1d").
Examples:
  tcon add 2027-03-25T08:00 --group wg-27
  tcon add "2027-03-25T00:00 UTC" --group wg-27`;

export function registerAdd(program: Command, { io, setExit }: CommandContext): void {
  editOptions(program.command('add'))
    .description('add a one-off meeting (one line of the group file; shows the change)')
    .argument('<when>', "YYYY-MM-DDTHH:mm in the group's zone, optionally followed by a zone")
    .addHelpText('after', HELP)
    .action(async (when: string, opts) => {
      const { runAdd } = await import('../commands/add.js');
      setExit(await runAdd(when, opts, io));
    });
}
