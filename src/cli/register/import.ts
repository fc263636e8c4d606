import type { Command } from 'commander';
import type { CommandContext } from '../command-options.js';

const YAML2ICAL_HELP = `
Each meeting file becomes config/<name>.yaml: alternating schedules (biweekly-odd/-even, quadweekly
with quadweekly-alternate, same day and channel) one series with rotation: { mode: iso-week }, the
others series side by side; ISO weeks kept exactly across 53-week years; adhoc listed, not invented.
After writing, tcon's schedule of the files is compared with yaml2ical's ISO-week rule (computed
apart from tcon's rule engine) and the dates where yaml2ical's own feed differs are listed.
Exit code 1 when the check finds a difference, 2 when a meeting file cannot be read.
Examples:
  tcon import yaml2ical irc-meetings/meetings --out-dir config/
  tcon import yaml2ical irc-meetings/meetings --dry-run`;

const ICS_HELP = `
Recurring events become series (RRULE, EXDATE as skip, overrides as move, RDATEs and lone events as
one-offs), Windows zone names are mapped to IANA (CLDR), series built by hand to alternate (the same
rule at N times, INTERVAL=N, one month or week apart) become one series with a rotation; organizer,
attendees (as members, without zones) and join links are kept. What tcon cannot say exactly is
listed and kept as one-offs; all-day events are no meetings. Floating times are read in the group's
zone. After writing, tcon's schedule of the file is compared with the export as ical.js expands it
(two years past today for series without an end). Exit code 1 when they differ, 2 when the file
cannot be read (nothing written).
Examples:
  tcon import ics wg-14.ics --group wg-14
  tcon import ics export.ics --out config/wg-7.yaml --zone Europe/Berlin --dry-run`;

export function registerImport(program: Command, { io, setExit }: CommandContext): void {
  const imports = program
    .command('import')
    .description('bring a schedule in from a yaml2ical registry or a calendar export (import yaml2ical DIR, import ics FILE)');
  imports
    .command('yaml2ical')
    .description("one group file per yaml2ical meeting (zone UTC), channels as bridges in tcon.yaml; checked against yaml2ical's rules")
    .argument('<dir>', 'a yaml2ical meetings directory (every *.yaml file under it)')
    .option('--out-dir <dir>', 'where to write the group files and tcon.yaml', 'config')
    .option('--dry-run', 'print the YAML instead of writing it')
    .option('--force', 'replace files that exist (nothing is replaced without it)')
    .option('--now <iso>', 'fix the clock (the check window; yaml2ical counts meetings without start_date from today)')
    .addHelpText('after', YAML2ICAL_HELP)
    .action(async (dir: string, opts) => {
      const { runImportYaml2ical } = await import('../commands/import.js');
      setExit(await runImportYaml2ical(dir, opts, io));
    });

  imports
    .command('ics')
    .description('one group file from an iCalendar export (Outlook, Google, Apple, Thunderbird, tcon); checked against the export')
    .argument('<file>', 'the .ics file')
    .option('-g, --group <id>', "the group id (default: from the calendar's name)")
    .option('-o, --out <file>', 'the group file to write (default: config/<id>.yaml)')
    .option('-z, --zone <zone>', "the group's zone, and that of times without one (default: the zone of most series)")
    .option('--dry-run', 'print the YAML instead of writing it')
    .option('--force', 'replace the file if it exists (nothing is replaced without it)')
    .option('--now <iso>', 'fix the clock (open-ended series are checked two years past it)')
    .addHelpText('after', ICS_HELP)
    .action(async (file: string, opts) => {
      const { runImportIcs } = await import('../commands/import.js');
      setExit(await runImportIcs(file, opts, io));
    });
}
