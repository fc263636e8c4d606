import type { Command } from 'commander';
import { windowOptions, type CommandContext } from '../command-options.js';

const HELP = `
Examples:
  tcon diff --group wg-14 --year 2027
  tcon diff --group wg-14 --year 2027 --invite --json`;

export function registerDiff(program: Command, { io, setExit }: CommandContext): void {
  windowOptions(program.command('diff'))
    .description('what the next ics (or, with --invite, the next invitation) would change, in words')
    .option('--json', 'the changes as JSON')
    .addHelpText('after', HELP)
    .action(async (opts) => {
      const { runDiff } = await import('../commands/diff.js');
      setExit(await runDiff(opts, io));
    });
}
