import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config/errors.js';
import { EXIT, TconError } from '../errors.js';
import { describeFsError, endOfRun, reportProblems, UsageError, type CliIo } from './io.js';
import { say, usage } from './messages.js';
import { addMailOptions } from './mail-options.js';
import { resetZoneUse, zoneUse } from '../tzdb/use.js';
import { VERSION as TZDB_VERSION } from '../tzdb/version.generated.js';
import { choice, listOption, parseDate, parsePositiveInt, parseYear } from './parsers.js';

export type { CliIo } from './io.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `${pkg.version} (tzdata ${TZDB_VERSION})`;
}

function configOption(): Option {
  return new Option('-c, --config <path>', 'config directory or group file').default('config');
}

/** Builds the program; each command's module is loaded only when that command runs. */
function program(io: CliIo, setExit: (code: number) => void): Command {
  const p = new Command('tcon')
    .description('Plan teleconferences whose time alternates between time zones.')
    .version(version(), '-V, --version')
    // A one-line hint, not the whole help: after a mistake the error is what must stay on screen.
    .showHelpAfterError('(add --help for the options and examples)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Every message of tcon starts with "tcon:", commander's parse errors too.
      outputError: (s, write) => write(s.replace(/^error: /, 'tcon: ')),
    });

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
    .option('--no-holidays', 'leave out the holidays and blackouts that touch meetings (no holiday data loaded)')
    .addHelpText('after', '\nWithout --year, --from/--to or --next: the twelve months from today.\nThe table starts with each group\'s rule as tcon read it, in words. Holidays and blackouts that\ntouch a meeting (as tcon plan finds them) are in its note, the minutes and the JSON.\nExamples:\n  tcon schedule --group wg-14 --year 2027\n  tcon schedule --group wg-14 --from 2019-08-01 --to 2019-11-30 --format markdown\n  tcon schedule --all --next 4 --format markdown    # the minutes\' Next Meetings of every group')
    .action(async (opts) => {
      const { runSchedule } = await import('./commands/schedule.js');
      setExit(await runSchedule(opts, io));
    });

  p.command('init')
    .description('start a group: its file from flags or questions, and its first meetings')
    .addOption(new Option('-c, --config <path>', 'the directory to put the group file in (made if missing), or a new .yaml file').default('config'))
    .option('--title <text>', 'the meetings\' title, e.g. "WG-27 Web"')
    .option('--id <id>', 'lowercase letters, digits, dashes (default: from the title)')
    .option('--zone <zone>', 'the IANA zone the times are in, e.g. America/Los_Angeles')
    .option('--zone-label <label>', 'how times name that zone, e.g. "US PT" (default: the zone name)')
    .option('--rule <words>', 'when: "every month on the 2nd Thursday" (or "2nd Thursday"), or an RRULE')
    .option('--slots <times>', 'start times in rotation order, e.g. "08:00,16:00"')
    .option('--duration <minutes>', 'length of a meeting (default 60)', parsePositiveInt('--duration'))
    .option('--from <date>', 'the first meeting (default: the rule\'s first date on or after today)', parseDate('--from'))
    .option('--organizer <who>', 'who sends the invitations: "Name <email>"')
    .option('--member <who>', 'a member: "Name <email> zone-or-region [role]" (repeat the option)', (v: string, list: string[] = []) => [...list, v])
    .option('--link <url>', 'the join link')
    .option('--now <iso>', 'fix the clock (today, for the first date and the first meetings)')
    .addHelpText(
      'after',
      `
--title, --zone, --rule and --slots are needed; on a terminal, when one is missing, it and every
other answer the flags leave open are asked, one question at a time. The file is checked by the
parser every command uses (nothing is written while it has an error) and never overwrites one.
Examples:
  tcon init --config mygroups/                       # a directory of your own, apart from the example
  tcon init --config mygroups/ --title "WG-27 Web" --zone America/Los_Angeles --rule "2nd Thursday" \\
    --slots 8:00,16:00 --organizer "Sam Secretary <sam@example.org>" --member "Ken Mori <ken@example.org> Asia/Tokyo"`,
    )
    .action(async (opts) => {
      const { runInit } = await import('./commands/init.js');
      setExit(await runInit(opts, io));
    });

  const editOptions = (c: Command) =>
    c
      .addOption(configOption())
      .option('-g, --group <id>', 'the group (needed when the config has several)')
      .option('--dry-run', 'show the change of the schedule; write nothing')
      .option('--now <iso>', 'fix the clock (default: system clock)');

  editOptions(p.command('move'))
    .description('move one meeting (one line of the group file; shows the change)')
    .argument('<date>', 'the day the meeting is held (YYYY-MM-DD, in the group\'s zone), or the date it was moved from', parseDate('DATE'))
    .option('--series <id>', 'where several series meet that day (parallel calls): the series id, a session list\'s id, or N (the Nth entry of series:)')
    .requiredOption('--to <when>', 'YYYY-MM-DDTHH:mm, a date alone (the slot\'s time is kept) or a time alone (the same day); optionally a zone after it')
    .addHelpText('after', '\nMembers are told by the next tcon invite (an update of the event).\nExamples:\n  tcon move 2027-03-11 --to 2027-03-10          # the Wednesday before, at the usual time\n  tcon move 2027-03-11 --to 10:00               # the same day at 10:00\n  tcon move 2027-03-11 --to "2027-03-10T10:00"\n  tcon move 2027-03-10 --series breakout-a --to 15:00   # one of the calls held that day')
    .action(async (date: string, opts) => {
      const { runMove } = await import('./commands/move.js');
      setExit(await runMove(date, opts, io));
    });

  editOptions(p.command('skip'))
    .description('no call on a date (one line of the group file; shows the change)')
    .argument('<date>', 'the day the meeting is held (YYYY-MM-DD, in the group\'s zone), or the date it was moved from', parseDate('DATE'))
    .option('--series <id>', 'where several meetings fall that day (parallel calls): the series id, a session list\'s id, N (the Nth entry of series:) or one-off')
    .option('--reason <text>', 'why, shown in the schedule, the minutes and the CANCEL (default "no call")')
    .addHelpText('after', '\nA one-off meeting loses its add: instead. Members get the CANCEL from the next tcon invite\n(tcon cancel --date also mails it at once). A meeting of a series with an id is skipped under that\nseries\' own meetings:.\nExamples:\n  tcon skip 2027-08-12 --reason "summer break"\n  tcon skip 2027-03-10 --series breakout-a      # one of the calls held that day')
    .action(async (date: string, opts) => {
      const { runSkip } = await import('./commands/skip.js');
      setExit(await runSkip(date, opts, io));
    });

  editOptions(p.command('add'))
    .description('add a one-off meeting (one line of the group file; shows the change)')
    .argument('<when>', 'YYYY-MM-DDTHH:mm in the group\'s zone, optionally followed by a zone')
    .addHelpText('after', '\nIt is written under its date in the group\'s zone (a time in another zone that falls on another day\nthere gets its day offset, "00:00 UTC +1d").\nExamples:\n  tcon add 2027-03-25T08:00 --group wg-27\n  tcon add "2027-03-25T00:00 UTC" --group wg-27')
    .action(async (when: string, opts) => {
      const { runAdd } = await import('./commands/add.js');
      setExit(await runAdd(when, opts, io));
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
    .addHelpText('after', '\nWithout --smtp (or mail.smtp in the group) messages are written as .eml files to ./outbox.\nThe password comes from TCON_SMTP_PASSWORD or --password-file, never from config.\nMeetings are sent as planned (holiday and blackout policies applied, the reason in the text).\nMembers whose address is a placeholder (@unknown.invalid) get nothing and are listed as "not sent".\nA member removed from the roster gets one CANCEL of each series they were sent that still has meetings ahead.\nExamples:\n  tcon invite --group wg-14 --year 2027\n  TCON_SMTP_PASSWORD=... tcon invite --group wg-14 --year 2027 --smtp smtp://mail.example.org:587 --user sec@example.org\n  tcon invite --group wg-14 --year 2027 --dry-run')
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
    .addHelpText('after', '\n--date is the day the meeting is held or the date it was moved from (a meeting moved by the config or\na holiday policy is found by either; the skip is written under the meeting\'s date, in the group zone).\nExamples:\n  tcon cancel --group wg-14 --date 2027-05-18 --reason "F2F week"\n  tcon cancel --group wg-14 --series 2 --reason "the group closes"')
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
    .addHelpText('after', '\nA meeting gets the reminder of the smallest offset that reaches it; each reminder goes out once.\nMeetings are reminded where they are held (holiday and blackout policies applied, with the reason).\nExamples:\n  tcon remind --days 7,1\n  tcon remind --group wg-14 --days 7,1 --now 2027-03-09T08:00Z --dry-run')
    .action(async (opts) => {
      const { runRemind } = await import('./commands/remind.js');
      setExit(await runRemind(opts, io));
    });

  p.command('site')
    .description('write a static site: every group\'s meetings in the reader\'s zone, coverage, feeds')
    .addOption(configOption())
    .requiredOption('-o, --out <dir>', 'the directory to write the site to (e.g. public/)')
    .option('-y, --year <year>', 'the calendar year to show (default: this year)', parseYear)
    .option('--now <iso>', 'fix the clock (the default year, DTSTAMP of the feeds)')
    .addHelpText('after', '\nNo server and no CDN: open index.html or publish the directory as it is. Join links appear only on\npages the config makes private (site: { private: true } in a group file or tcon.yaml).\nExample:\n  tcon site --out public/ --year 2027')
    .action(async (opts) => {
      const { runSite } = await import('./commands/site.js');
      setExit(await runSite(opts, io));
    });

  p.command('plan')
    .description("the secretariat's year: holidays, blackouts and conflicts between groups")
    .addOption(configOption())
    .option('-g, --group <id>', 'only this group: its holidays, blackouts and conflicts with any group (default: every group)')
    .option('-a, --all', 'every group in the config (the default without --group)')
    .option('-y, --year <year>', 'the calendar year to plan (default: this year)', parseYear)
    .option('--fix', 'apply each group\'s holiday policy (skip or shift) and print what moved and why')
    .option('--now <iso>', 'fix the clock (only used for the default year)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json'])
        .default('table')
        .argParser(choice('--format', ['table', 'json'] as const)),
    )
    .addHelpText('after', '\nHolidays: the kinds in holidays.kinds (default public) of each observed country, with the\ncorrections of tcon.yaml and the group files (listed with what they did); a shift never lands\non another group\'s call that shares people or a bridge.\nExit code 1 when a conflict, or a meeting on a holiday or in a blackout, remains.\nExamples:\n  tcon plan --year 2027\n  tcon plan --group wg-14 --year 2027\n  tcon plan --year 2027 --fix --format json')
    .action(async (opts) => {
      const { runPlan } = await import('./commands/plan.js');
      setExit(await runPlan(opts, io));
    });

  p.command('check')
    .description('rate a meeting time for every region, or a group\'s whole schedule (coverage)')
    .argument('[start]', 'one meeting: its start YYYY-MM-DDTHH:mm, read in --zone')
    .addOption(configOption())
    .option('-g, --group <id>', 'the group whose schedule to check (default: every group); with [start]: its zone, regions and duration')
    .option('-a, --all', 'every group in the config (the default without --group)')
    .option('-z, --zone <zone>', 'the IANA zone [start] is written in (default: the group\'s zone)')
    .option('-r, --regions <list>', 'regions (ids or aliases) or IANA zones, comma-separated (default: the group\'s coverage regions, or every region)', listOption)
    .option('--require <list>', 'exit 1 if one of these is poor ([start]) or gets no fair-or-better meeting in a whole rotation (schedule)', listOption)
    .option('-d, --duration <minutes>', 'with [start]: meeting length (default 60, or the group\'s)', parsePositiveInt('--duration', 24 * 60))
    .option('-y, --year <year>', 'the meetings of a calendar year', parseYear)
    .option('--from <date>', 'first date (YYYY-MM-DD, in the group zone)', parseDate('--from'))
    .option('--to <date>', 'last date (YYYY-MM-DD, inclusive)', parseDate('--to'))
    .option('--now <iso>', 'fix the clock, e.g. 2027-03-09T08:00Z (default: system clock)')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table').argParser(choice('--format', ['table', 'json'] as const)),
    )
    .addHelpText(
      'after',
      '\nRatings judge the whole meeting in local time: good within 08:00-18:00 on a working day, fair within\n07:00-23:00, poor otherwise (windows per region in config/regions.yaml, per member in the group file).\nA schedule check rates the planned schedule (holiday and blackout policies applied), as tcon schedule lists it.\nExamples:\n  tcon check 2027-03-16T09:00 --zone America/New_York --regions japan,us-west,Europe/Paris --require japan,us-west\n  tcon check --group wg-14 --year 2027\n  tcon check --group wg-14 --year 2027 --format json',
    )
    .action(async (start: string | undefined, opts) => {
      const { runCheck } = await import('./commands/check.js');
      setExit(await runCheck(start, opts, io));
    });

  p.command('suggest')
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
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table').argParser(choice('--format', ['table', 'json'] as const)),
    )
    .addHelpText(
      'after',
      '\nObjective: maximise the worst-served region\'s share of fair-or-better meetings, then total weighted\ncoverage, then least change from the current slots. The dates are those of the planned schedule\n(holiday and blackout policies applied).\nExamples:\n  tcon suggest --group wg-14 --year 2027\n  tcon suggest --group wg-14 --earliest 08:00 --latest 18:00 --step 30\n  tcon suggest --group wg-14 --zones japan=2,us-west,europe',
    )
    .action(async (opts) => {
      const { runSuggest, parseClock } = await import('./commands/suggest.js');
      if (opts.earliest !== undefined) parseClock('--earliest')(opts.earliest);
      if (opts.latest !== undefined) parseClock('--latest')(opts.latest);
      setExit(await runSuggest(opts, io));
    });

  const roster = p.command('roster').description('import a roster from the attendance table of minutes (roster import FILE)');
  roster
    .command('import')
    .description('read the attendance table of minutes (tab-separated) and write roster YAML (members:)')
    .argument('<file>', 'minutes or a table: present mark, first name, last name, organization, role')
    .addOption(configOption())
    .option('--orgs <file>', 'YAML mapping of organization names to IANA zones or region ids')
    .option('-o, --out <file>', 'write the YAML to this file (default: standard output)')
    .option('--present', 'only the people marked present')
    .addHelpText(
      'after',
      '\nMembers whose organization is not in --orgs get no zone and are listed on standard error (never guessed).\nThe table has no email addresses: placeholders ending in @unknown.invalid are written (mail commands never send there).\nExample:\n  tcon roster import minutes.txt --orgs orgs.yaml --out roster.yaml',
    )
    .action(async (file: string, opts) => {
      const { runRosterImport } = await import('./commands/roster.js');
      setExit(await runRosterImport(file, opts, io));
    });

  const imports = p.command('import').description('bring a schedule in from a yaml2ical registry or a calendar export (import yaml2ical DIR, import ics FILE)');
  imports
    .command('yaml2ical')
    .description('one group file per yaml2ical meeting (zone UTC), channels as bridges in tcon.yaml; checked against yaml2ical\'s rules')
    .argument('<dir>', 'a yaml2ical meetings directory (every *.yaml file under it)')
    .option('--out-dir <dir>', 'where to write the group files and tcon.yaml', 'config')
    .option('--dry-run', 'print the YAML instead of writing it')
    .option('--force', 'replace files that exist (nothing is replaced without it)')
    .option('--now <iso>', 'fix the clock (the check window; yaml2ical counts meetings without start_date from today)')
    .addHelpText('after', IMPORT_YAML2ICAL_HELP)
    .action(async (dir: string, opts) => {
      const { runImportYaml2ical } = await import('./commands/import.js');
      setExit(await runImportYaml2ical(dir, opts, io));
    });

  imports
    .command('ics')
    .description('one group file from an iCalendar export (Outlook, Google, Apple, Thunderbird, tcon); checked against the export')
    .argument('<file>', 'the .ics file')
    .option('-g, --group <id>', 'the group id (default: from the calendar\'s name)')
    .option('-o, --out <file>', 'the group file to write (default: config/<id>.yaml)')
    .option('-z, --zone <zone>', 'the group\'s zone, and that of times without one (default: the zone of most series)')
    .option('--dry-run', 'print the YAML instead of writing it')
    .option('--force', 'replace the file if it exists (nothing is replaced without it)')
    .option('--now <iso>', 'fix the clock (open-ended series are checked two years past it)')
    .addHelpText('after', IMPORT_ICS_HELP)
    .action(async (file: string, opts) => {
      const { runImportIcs } = await import('./commands/import.js');
      setExit(await runImportIcs(file, opts, io));
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
      '\nWithout --year or --from/--to: the twelve months from today. A series is one event per calendar year;\nthe state file remembers what was published and what was invited, so that SEQUENCE goes up only on\nchanged events, a later window extends what members hold, and vanished meetings get a CANCEL.\nAn invitation is one file per event (Outlook reads one event per file): --out FILE writes FILE, or\nFILE-<event>.ics for each of several; CANCELs go next to them as ...-cancel.ics (...-removed.ics\nfor members who left the roster).\nExamples:\n  tcon ics --group wg-14 --year 2027 --out public/wg-14.ics\n  tcon ics --group wg-14 --year 2027 --invite --out wg-14-invite.ics\n  tcon ics --all --year 2027 --out-dir public/\n  tcon ics --group wg-14 --year 2027 --cancel 2027-03-16 --out cancel.ics',
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

  // The overview (`tcon`, `tcon --help`): commands in the order of the work, under headings,
  // whatever order they were registered in.
  const sections: [string, string[]][] = [
    ['Start:', ['init']],
    ['Schedule:', ['schedule', 'move', 'skip', 'add']],
    ['Coverage:', ['check', 'suggest', 'roster']],
    ['Calendars:', ['ics', 'diff']],
    ['Mail:', ['invite', 'cancel', 'remind']],
    ['Secretariat:', ['plan', 'site']],
    ['Import:', ['import']],
  ];
  const order = sections.flatMap(([, names]) => names);
  for (const [heading, names] of sections) for (const c of p.commands) if (names.includes(c.name())) c.helpGroup(heading);
  (p.commands as Command[]).sort((a, b) => order.indexOf(a.name()) - order.indexOf(b.name()));
  // An unknown command lists the commands (commander's own message names only the nearest one).
  p.on('command:*', (operands: string[]) => {
    p.error(`error: unknown command '${operands[0]}' (commands: ${p.commands.map((c) => c.name()).join(', ')})`, { code: 'commander.unknownCommand', exitCode: 2 });
  });
  p.addHelpText(
    'after',
    [
      '',
      'Every command reads the group files in config/ (or --config DIR|FILE), never uses the machine\'s',
      'time zone, and takes --now ISO where the clock matters. Exit codes: 0 ok, 1 a check or a delivery',
      'failed, 2 a usage or configuration error. "tcon help <command>" shows a command\'s options.',
      'Examples:',
      '  tcon init --config mygroups/                     # start your own group (questions on a terminal)',
      '  tcon schedule --group wg-14 --year 2027',
      '  tcon check 2027-03-16T09:00 --zone America/New_York --regions japan,us-west',
      '  tcon ics --all --year 2027 --out-dir public/',
      '  tcon invite --group wg-14 --year 2027 --dry-run',
      '  tcon plan --year 2027 --fix',
    ].join('\n'),
  );
  return p;
}

const IMPORT_YAML2ICAL_HELP = `
Each meeting file becomes config/<name>.yaml: alternating schedules (biweekly-odd/-even, quadweekly
with quadweekly-alternate, same day and channel) one series with rotation: { mode: iso-week }, the
others series side by side; ISO weeks kept exactly across 53-week years; adhoc listed, not invented.
After writing, tcon's schedule of the files is compared with yaml2ical's ISO-week rule (computed
apart from tcon's rule engine) and the dates where yaml2ical's own feed differs are listed.
Exit code 1 when the check finds a difference, 2 when a meeting file cannot be read.
Examples:
  tcon import yaml2ical irc-meetings/meetings --out-dir config/
  tcon import yaml2ical irc-meetings/meetings --dry-run`;

const IMPORT_ICS_HELP = `
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

function parseDays(value: string): number[] {
  const days = value.split(',').map((d) => d.trim());
  if (!days.length || days.some((d) => !/^\d+$/.test(d))) throw new UsageError(usage.badDays(value));
  if (days.some((d) => Number(d) > 366)) throw new UsageError(usage.tooManyDays(value));
  return days.map(Number);
}

/** Runs tcon with `argv` (without node and script); returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  resetZoneUse();
  try {
    const code = await run(argv, io);
    // Said once per zone, after the output: where Node's own (frozen) zone data differs from ours.
    if (zoneUse().size) (await import('../adapters/icu-tz.js')).reportIcuDisagreements(zoneUse(), io.stderr);
    return code;
  } finally {
    await endOfRun(io);
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await program(io, (c) => (code = c)).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    return reportError(e, io);
  }
}

/**
 * The one place an error becomes what the user reads and the exit code (src/errors.ts has the
 * contract): tcon's own errors by their `exit`, a file-system failure as the user's to fix, and
 * anything else as a bug in tcon (EXIT.internal; TCON_DEBUG=1 adds the stack).
 */
function reportError(e: unknown, io: CliIo): number {
  // Help and version exit 0; every other parse failure is a usage error (commander printed it).
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (e instanceof ConfigError) {
    reportProblems(io, e.problems);
    io.stderr.write(`tcon: ${say.configErrors(e.problems.filter((p) => p.severity === 'error').length)}\n`);
    return e.exit;
  }
  if (e instanceof TconError) {
    io.stderr.write(`tcon: ${e.message}\n`);
    return e.exit;
  }
  const fs = describeFsError(e);
  if (fs) {
    io.stderr.write(`tcon: ${fs}\n`);
    return EXIT.usage;
  }
  io.stderr.write(`tcon: internal error: ${e instanceof Error ? (io.env.TCON_DEBUG ? e.stack : e.message) : String(e)}\n`);
  return EXIT.internal;
}
