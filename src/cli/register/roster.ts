import type { Command } from 'commander';
import { configOption, type CommandContext } from '../command-options.js';

const HELP = `
Members whose organization is not in --orgs get no zone and are listed on standard error (never guessed).
The table has no email addresses: placeholders ending in @unknown.invalid are written (mail commands never send there).
Example:
  tcon roster import minutes.txt --orgs orgs.yaml --out roster.yaml`;

export function registerRoster(program: Command, { io, setExit }: CommandContext): void {
  const roster = program.command('roster').description('import a roster from the attendance table of minutes (roster import FILE)');
  roster
    .command('import')
    .description('read the attendance table of minutes (tab-separated) and write roster YAML (members:)')
    .argument('<file>', 'minutes or a table: present mark, first name, last name, organization, role')
    .addOption(configOption())
    .option('--orgs <file>', 'YAML mapping of organization names to IANA zones or region ids')
    .option('-o, --out <file>', 'write the YAML to this file (default: standard output)')
    .option('--present', 'only the people marked present')
    .addHelpText('after', HELP)
    .action(async (file: string, opts) => {
      const { runRosterImport } = await import('../commands/roster.js');
      setExit(await runRosterImport(file, opts, io));
    });
}
