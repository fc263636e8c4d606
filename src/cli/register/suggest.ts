import type { Command } from 'commander';
import { configOption, formatOption, type CommandContext } from '../command-options.js';
import { listOption, parsePositiveInt, parseYear } from '../parsers.js';

const HELP = `
Objective: maximise the worst-served region's share of fair-or-better meetings, then total weighted
coverage, then least change from the current slots. The dates are those of the planned schedule
(holiday and blackout policies applied).
Examples:
  tcon suggest --group wg-14 --year 2027
  tcon suggest --group wg-14 --earliest 08:00 --latest 18:00 --step 30
  tcon suggest --group wg-14 --zones japan=2,us-west,europe`;

export function registerSuggest(program: Command, { io, setExit }: CommandContext): void {
  program
    .command('suggest')
    .description('search every rotation of slot times and rank them by coverage (fairness first)')
    .addOption(configOption())
    .requiredOption('-g, --group <id>', 'the group (its rule, zone, roster and current slots)')
    .option('-s, --slots <n>', 'slots in the rotation (default: as many as now)', parsePositiveInt('--slots'))
    .option('--step <minutes>', 'candidate start times every N minutes', parsePositiveInt('--step'), 15)
    .option('--earliest <HH:mm>', 'no meeting starts before this time in the group zone (default 07:00)')
    .option('--latest <HH:mm>', 'no meeting ends after this time in the group zone (default 19:00)')
    .option('-y, --year <year>', 'the meeting dates of this year (default: next year)', parseYear)
    .option('--zones <list>', 'serve these regions or zones with weights instead of the roster: Asia/Tokyo=2,us-west', listOption)
    .option('--top <n>', 'how many rotations to print', parsePositiveInt('--top'), 5)
    .option('--now <iso>', 'fix the clock (default: system clock)')
    .addOption(formatOption(['table', 'json']))
    .addHelpText('after', HELP)
    .action(async (opts) => {
      const { runSuggest, parseClock } = await import('../commands/suggest.js');
      if (opts.earliest !== undefined) parseClock('--earliest')(opts.earliest);
      if (opts.latest !== undefined) parseClock('--latest')(opts.latest);
      setExit(await runSuggest(opts, io));
    });
}
