import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, formatProblem } from '../config/errors.js';
import { UsageError, type CliIo } from './io.js';
import { addMailOptions } from './mail-options.js';
import { choice, parseDate, parsePositiveInt, parseYear } from './parsers.js';

export type { CliIo } from './io.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function configOption(): Option {
  return new Option('-c, --config <path>', 'config directory or group file').default('config');
}

/** Builds the program; each command's module is loaded only when that command runs. */
function program(io: CliIo, setExit: (code: number) => void): Command {
  const p = new Command('tcon')
    .description('Plan teleconferences whose time alternates between time zones.')
    .version(version(), '-V, --version')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  p.command('schedule')
    .description('list the meetings of one group or all groups')
    .addOption(configOption())
    .option('-g, --group <id>', 'only this group (default: every group in the config)')
    .option('-a, --all', 'every group in the config (the default without --group)')
    .option('-y, --year <year>', 'the meetings of a calendar year', parseYear)
    .option('--from <date>', 'first date (YYYY-MM-DD, in the group zone)', parseDate('--from'))
    .option('--to <date>', 'last date (YYYY-MM-DD, inclusive)', parseDate('--to'))
    .option('-n, --next <n>', 'the next N meetings from now', parsePositiveInt('--next'))
    .option('--now <iso>', 'fix the clock, e.g. 2027-03-09T08:00Z (default: system clock)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'markdown', 'json', 'csv'])
        .default('table')
        .argParser(choice('--format', ['table', 'markdown', 'json', 'csv'] as const)),
    )
    .addHelpText('after', '\nWithout --year, --from/--to or --next: the twelve months from today.\nExamples:\n  tcon schedule --group wg-14 --year 2027\n  tcon schedule --group wg-14 --from 2019-08-01 --to 2019-11-30 --format markdown')
    .action(async (opts) => {
      const { runSchedule } = await import('./commands/schedule.js');
      setExit(await runSchedule(opts, io));
    });

  addMailOptions(
    p
      .command('invite')
      .description('send iMIP invitations (one per member and series), then only updates and cancellations')
      .addOption(configOption())
      .option('-g, --group <id>', 'only this group (default: every group)')
      .option('-y, --year <year>', 'the meetings of a calendar year', parseYear)
      .option('--from <date>', 'first date (YYYY-MM-DD, group zone)', parseDate('--from'))
      .option('--to <date>', 'last date (YYYY-MM-DD, inclusive)', parseDate('--to'))
      .option('--state <file>', 'change-tracking state (default: <config>/.tcon/state.json)'),
    parsePositiveInt,
  )
    .addHelpText('after', '\nWithout --smtp (or mail.smtp in the group) messages are written as .eml files to ./outbox.\nThe password comes from TCON_SMTP_PASSWORD or --password-file, never from config.\nExamples:\n  tcon invite --group wg-14 --year 2027\n  TCON_SMTP_PASSWORD=... tcon invite --group wg-14 --year 2027 --smtp smtp://mail.example.org:587 --user sec@example.org\n  tcon invite --group wg-14 --year 2027 --dry-run')
    .action(async (opts) => {
      const { runInvite } = await import('./commands/invite.js');
      setExit(await runInvite(opts, io));
    });

  addMailOptions(
    p
      .command('cancel')
      .description('cancel one meeting (--date) or a whole series (--series) and mail the CANCEL to every member')
      .addOption(configOption())
      .requiredOption('-g, --group <id>', 'the group')
      .option('--date <date>', 'the meeting held (or scheduled by the rule) on this date', parseDate('--date'))
      .option('--series <n>', 'the whole series at this position of the config (1 = first)', parsePositiveInt('--series'))
      .option('--reason <text>', 'why, for the members (also the "skip" reason written to the config)')
      .option('--no-edit-config', 'do not add "skip: <reason>" for the date to the group file')
      .option('--state <file>', 'change-tracking state (default: <config>/.tcon/state.json)'),
    parsePositiveInt,
  )
    .addHelpText('after', '\nExamples:\n  tcon cancel --group wg-14 --date 2027-05-18 --reason "F2F week"\n  tcon cancel --group wg-14 --series 2 --reason "the group closes"')
    .action(async (opts) => {
      const { runCancel } = await import('./commands/cancel.js');
      setExit(await runCancel(opts, io));
    });

  addMailOptions(
    p
      .command('remind')
      .description('mail reminders of the meetings starting within the given days (run daily; idempotent)')
      .addOption(configOption())
      .option('-g, --group <id>', 'only this group (default: every group)')
      .addOption(new Option('--days <list>', 'days before the meeting, comma-separated').argParser(parseDays).default([7, 1], '7,1'))
      .option('--state <file>', 'change-tracking state (default: <config>/.tcon/state.json)'),
    parsePositiveInt,
  )
    .addHelpText('after', '\nA meeting gets the reminder of the smallest offset that reaches it; each reminder goes out once.\nExamples:\n  tcon remind --days 7,1\n  tcon remind --group wg-14 --days 7,1 --now 2027-03-09T08:00Z --dry-run')
    .action(async (opts) => {
      const { runRemind } = await import('./commands/remind.js');
      setExit(await runRemind(opts, io));
    });

  const windowOptions = (c: Command) =>
    c
      .addOption(configOption())
      .option('-g, --group <id>', 'only this group (default: every group in the config)')
      .option('-a, --all', 'every group in the config (the default without --group)')
      .option('-y, --year <year>', 'the meetings of a calendar year', parseYear)
      .option('--from <date>', 'first date (YYYY-MM-DD, in the group zone)', parseDate('--from'))
      .option('--to <date>', 'last date (YYYY-MM-DD, inclusive)', parseDate('--to'))
      .option('--now <iso>', 'fix the clock (DTSTAMP), e.g. 2027-03-09T08:00Z (default: system clock)')
      .option('--state <path>', 'change-tracking state file (default: <config dir>/.tcon/state.json)')
      .option('--no-state', 'ignore the state file: every SEQUENCE 0, nothing recorded')
      .option('--invite', 'the invitation (METHOD:REQUEST, attendees) instead of the public feed');

  windowOptions(p.command('ics'))
    .description('write iCalendar: the public feed (METHOD:PUBLISH), or the invitation with --invite')
    .option('-o, --out <file>', 'write to this file (atomically) instead of standard output')
    .option('--out-dir <dir>', 'one file per group (<id>.ics), plus all.ics for the public feed')
    .option('--include-links', 'put join links in the public feed (off: a feed is often public)')
    .option('--cancel <what>', 'METHOD:CANCEL for the meeting on a date (YYYY-MM-DD), a series id, or "all"; needs --group')
    .option('--dry-run', 'write the calendar but do not record it in the state file')
    .addHelpText(
      'after',
      '\nWithout --year or --from/--to: the twelve months from today. The state file remembers what was\npublished and what was invited, so that SEQUENCE goes up only on changed events and vanished\nmeetings get a CANCEL (written next to the invitation as <name>-cancel.ics).\nExamples:\n  tcon ics --group wg-14 --year 2027 --out public/wg-14.ics\n  tcon ics --group wg-14 --year 2027 --invite --out wg-14-invite.ics\n  tcon ics --all --year 2027 --out-dir public/\n  tcon ics --group wg-14 --year 2027 --cancel 2027-03-16 --out cancel.ics',
    )
    .action(async (opts) => {
      const { runIcs } = await import('./commands/ics.js');
      setExit(await runIcs(opts, io));
    });

  windowOptions(p.command('diff'))
    .description('what the next ics (or, with --invite, the next invitation) would change, in words')
    .option('--json', 'the changes as JSON')
    .addHelpText('after', '\nExamples:\n  tcon diff --group wg-14 --year 2027\n  tcon diff --group wg-14 --year 2027 --invite --json')
    .action(async (opts) => {
      const { runDiff } = await import('./commands/diff.js');
      setExit(await runDiff(opts, io));
    });

  return p;
}

function parseDays(value: string): number[] {
  const days = value.split(',').map((d) => d.trim());
  if (!days.length || days.some((d) => !/^\d+$/.test(d))) throw new UsageError(`--days ${value}: expected whole numbers of days, e.g. 7,1`);
  return days.map(Number);
}

/** Runs tcon with `argv` (without node and script); returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code = 0;
  try {
    await program(io, (c) => (code = c)).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; every other parse failure is a usage error.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof ConfigError) {
      for (const p of e.problems) io.stderr.write(`${formatProblem(p)}\n`);
      const n = e.problems.filter((p) => p.severity === 'error').length;
      io.stderr.write(`tcon: ${n} error${n === 1 ? '' : 's'} in the configuration\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`tcon: ${e.message}\n`);
      return e.exitCode;
    }
    io.stderr.write(`tcon: internal error: ${e instanceof Error ? (io.env.TCON_DEBUG ? e.stack : e.message) : String(e)}\n`);
    return 1;
  }
}
