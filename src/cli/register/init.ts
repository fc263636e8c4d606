import { Option, type Command } from 'commander';
import type { CommandContext } from '../command-options.js';
import { parseDate, parsePositiveInt } from '../parsers.js';

const HELP = `
--title, --zone, --rule and --slots are needed; on a terminal, when one is missing, it and every
other answer the flags leave open are asked, one question at a time. The file is checked by the
parser every command uses (nothing is written while it has an error) and never overwrites one.
Examples:
  tcon init --config mygroups/                       # a directory of your own, apart from the example
  tcon init --config mygroups/ --title "WG-27 Web" --zone America/Los_Angeles --rule "2nd Thursday" \\
    --slots 8:00,16:00 --organizer "Sam Secretary <sam@example.org>" --member "Ken Mori <ken@example.org> Asia/Tokyo"`;

export function registerInit(program: Command, { io, setExit }: CommandContext): void {
  program
    .command('init')
    .description('start a group: its file from flags or questions, and its first meetings')
    .addOption(new Option('-c, --config <path>', 'the directory to put the group file in (made if missing), or a new .yaml file').default('config'))
    .option('--title <text>', 'the meetings\' title, e.g. "WG-27 Web"')
    .option('--id <id>', 'lowercase letters, digits, dashes (default: from the title)')
    .option('--zone <zone>', 'the IANA zone the times are in, e.g. America/Los_Angeles')
    .option('--zone-label <label>', 'how times name that zone, e.g. "US PT" (default: the zone name)')
    .option('--rule <words>', 'when: "every month on the 2nd Thursday" (or "2nd Thursday"), or an RRULE')
    .option('--slots <times>', 'start times in rotation order, e.g. "08:00,16:00"')
    .option('--duration <minutes>', 'length of a meeting (default 60)', parsePositiveInt('--duration'))
    .option('--from <date>', "the first meeting (default: the rule's first date on or after today)", parseDate('--from'))
    .option('--organizer <who>', 'who sends the invitations: "Name <email>"')
    .option('--member <who>', 'a member: "Name <email> zone-or-region [role]" (repeat the option)', (v: string, list: string[] = []) => [...list, v])
    .option('--link <url>', 'the join link')
    .option('--now <iso>', 'fix the clock (today, for the first date and the first meetings)')
    .addHelpText('after', HELP)
    .action(async (opts) => {
      const { runInit } = await import('../commands/init.js');
      setExit(await runInit(opts, io));
    });
}
