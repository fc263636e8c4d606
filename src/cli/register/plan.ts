import type { Command } from 'commander';
import { configOption, formatOption, type CommandContext } from '../command-options.js';
import { parseYear } from '../parsers.js';

const HELP = `
Holidays: the kinds in holidays.kinds (default public) of each observed country, with the
corrections of tcon.yaml and the group files (listed with what they did); a shift never lands
on another group's call that shares people or a bridge.
Exit code 1 when a conflict, or a meeting on a holiday or in a blackout, remains.
Examples:
  tcon plan --year 2027
  tcon plan --group wg-14 --year 2027
  tcon plan --year 2027 --fix --format json`;

export function registerPlan(program: Command, { io, setExit }: CommandContext): void {
  program
    .command('plan')
    .description("the secretariat's year: holidays, blackouts and conflicts between groups")
    .addOption(configOption())
    .option('-g, --group <id>', 'only this group: its holidays, blackouts and conflicts with any group (default: every group)')
    .option('-a, --all', 'every group in the config (the default without --group)')
    .option('-y, --year <year>', 'the calendar year to plan (default: this year)', parseYear)
    .option('--fix', "apply each group's holiday policy (skip or shift) and print what moved and why")
    .option('--now <iso>', 'fix the clock (only used for the default year)')
    .addOption(formatOption(['table', 'json']))
    .addHelpText('after', HELP)
    .action(async (opts) => {
      const { runPlan } = await import('../commands/plan.js');
      setExit(await runPlan(opts, io));
    });
}
