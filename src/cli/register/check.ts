import type { Command } from 'commander';
import { configOption, formatOption, type CommandContext } from '../command-options.js';
import { listOption, parseDate, parsePositiveInt, parseYear } from '../parsers.js';

const HELP = `
Ratings judge the whole meeting in local time: good within 08:00-18:00 on a working day, fair within
07:00-23:00, poor otherwise (windows per region in config/regions.yaml, per member in the group file).
A schedule check rates the planned schedule (holiday and blackout policies applied), as tcon schedule lists it.
Examples:
  tcon check 2027-03-16T09:00 --zone America/New_York --regions japan,us-west,Europe/Paris --require japan,us-west
  tcon check --group wg-14 --year 2027
  tcon check --group wg-14 --year 2027 --format json`;

export function registerCheck(program: Command, { io, setExit }: CommandContext): void {
  program
    .command('check')
    .description("rate a meeting time for every region, or a group's whole schedule (coverage)")
    .argument('[start]', 'one meeting: its start YYYY-MM-DDTHH:mm, read in --zone')
    .addOption(configOption())
    .option('-g, --group <id>', 'the group whose schedule to check (default: every group); with [start]: its zone, regions and duration')
    .option('-a, --all', 'every group in the config (the default without --group)')
    .option('-z, --zone <zone>', "the IANA zone [start] is written in (default: the group's zone)")
    .option(
      '-r, --regions <list>',
      "regions (ids or aliases) or IANA zones, comma-separated (default: the group's coverage regions, or every region)",
      listOption,
    )
    .option('--require <list>', 'exit 1 if one of these is poor ([start]) or gets no fair-or-better meeting in a whole rotation (schedule)', listOption)
    .option('-d, --duration <minutes>', "with [start]: meeting length (default 60, or the group's)", parsePositiveInt('--duration', 24 * 60))
    .option('-y, --year <year>', 'the meetings of a calendar year', parseYear)
    .option('--from <date>', 'first date (YYYY-MM-DD, in the group zone)', parseDate('--from'))
    .option('--to <date>', 'last date (YYYY-MM-DD, inclusive)', parseDate('--to'))
    .option('--now <iso>', 'fix the clock, e.g. 2027-03-09T08:00Z (default: system clock)')
    .addOption(formatOption(['table', 'json']))
    .addHelpText('after', HELP)
    .action(async (start: string | undefined, opts) => {
      const { runCheck } = await import('../commands/check.js');
      setExit(await runCheck(start, opts, io));
    });
}
