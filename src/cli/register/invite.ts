import type { Command } from 'commander';
import { configOption, type CommandContext } from '../command-options.js';
import { addMailOptions } from '../mail-options.js';
import { parseDate, parsePositiveInt, parseYear } from '../parsers.js';

const HELP = `
Without --smtp (or mail.smtp in the group) messages are written as .eml files to ./outbox.
The password comes from TCON_SMTP_PASSWORD or --password-file, never from config.
Meetings are sent as planned (holiday and blackout policies applied, the reason in the text).
Members whose address is a placeholder (@unknown.invalid) get nothing and are listed as "not sent".
A member removed from the roster gets one CANCEL of each series they were sent that still has meetings ahead.
Examples:
  tcon invite --group wg-14 --year 2027
  TCON_SMTP_PASSWORD=... tcon invite --group wg-14 --year 2027 --smtp smtp://mail.example.org:587 --user sec@example.org
  tcon invite --group wg-14 --year 2027 --dry-run`;

export function registerInvite(program: Command, { io, setExit }: CommandContext): void {
  const command = program
    .command('invite')
    .description('send iMIP invitations (one per member and series), then only updates and cancellations')
    .addOption(configOption())
    .option('-g, --group <id>', 'only this group (default: every group)')
    .option('-y, --year <year>', 'the meetings of a calendar year', parseYear)
    .option('--from <date>', 'first date (YYYY-MM-DD, group zone)', parseDate('--from'))
    .option('--to <date>', 'last date (YYYY-MM-DD, inclusive)', parseDate('--to'))
    .option('--state <file>', 'change-tracking state (default: <config>/.tcon/state.json)');
  addMailOptions(command, parsePositiveInt)
    .addHelpText('after', HELP)
    .action(async (opts) => {
      const { runInvite } = await import('../commands/invite.js');
      setExit(await runInvite(opts, io));
    });
}
