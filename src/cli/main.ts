import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { Settings } from 'luxon';
import { ConfigError } from '../config/errors.js';
import { EXIT, TconError } from '../errors.js';
import { resetZoneUse, zoneUse } from '../tzdb/use.js';
import { VERSION as TZDB_VERSION } from '../tzdb/version.generated.js';
import type { CommandContext, Register } from './command-options.js';
import { describeFsError, endOfRun, reportProblems, type CliIo } from './io.js';
import { say } from './messages.js';
import { registerAdd } from './register/add.js';
import { registerCancel } from './register/cancel.js';
import { registerCheck } from './register/check.js';
import { registerDiff } from './register/diff.js';
import { registerIcs } from './register/ics.js';
import { registerImport } from './register/import.js';
import { registerInit } from './register/init.js';
import { registerInvite } from './register/invite.js';
import { registerMove } from './register/move.js';
import { registerPlan } from './register/plan.js';
import { registerRemind } from './register/remind.js';
import { registerRoster } from './register/roster.js';
import { registerSchedule } from './register/schedule.js';
import { registerSite } from './register/site.js';
import { registerSkip } from './register/skip.js';
import { registerSuggest } from './register/suggest.js';

export type { CliIo } from './io.js';

/**
 * The overview (`tcon`, `tcon --help`): the commands in the order of the work, under headings.
 * Each command registers itself, its options and its help (src/cli/register/<command>.ts); its
 * module (src/cli/commands/<command>.ts) is loaded only when it runs. A run of one command
 * registers that command alone (runCli): the sixteen commands' options and help texts were made
 * at every start, a few milliseconds of cold code (issue 14). Help, a version, an unknown command
 * or none registers them all.
 */
const SECTIONS: [heading: string, [name: string, register: Register][]][] = [
  ['Start:', [['init', registerInit]]],
  [
    'Schedule:',
    [
      ['schedule', registerSchedule],
      ['move', registerMove],
      ['skip', registerSkip],
      ['add', registerAdd],
    ],
  ],
  [
    'Coverage:',
    [
      ['check', registerCheck],
      ['suggest', registerSuggest],
      ['roster', registerRoster],
    ],
  ],
  [
    'Calendars:',
    [
      ['ics', registerIcs],
      ['diff', registerDiff],
    ],
  ],
  [
    'Mail:',
    [
      ['invite', registerInvite],
      ['cancel', registerCancel],
      ['remind', registerRemind],
    ],
  ],
  [
    'Secretariat:',
    [
      ['plan', registerPlan],
      ['site', registerSite],
    ],
  ],
  ['Import:', [['import', registerImport]]],
];

/** Every command's name, in the order of the overview. */
export const COMMAND_NAMES: readonly string[] = SECTIONS.flatMap(([, commands]) => commands.map(([name]) => name));

const OVERVIEW = `
Every command reads the group files in config/ (or --config DIR|FILE), never uses the machine's
time zone, and takes --now ISO where the clock matters. Exit codes: 0 ok, 1 a check or a delivery
failed, 2 a usage or configuration error, 70 an internal error (a bug in tcon: TCON_DEBUG=1 shows
where). "tcon help <command>" shows a command's options.
Examples:
  tcon init --config mygroups/                     # start your own group (questions on a terminal)
  tcon schedule --group wg-14 --year 2027
  tcon check 2027-03-16T09:00 --zone America/New_York --regions japan,us-west
  tcon ics --all --year 2027 --out-dir public/
  tcon invite --group wg-14 --year 2027 --dry-run
  tcon plan --year 2027 --fix`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `${pkg.version} (tzdata ${TZDB_VERSION})`;
}

/** Builds the program from the commands' registrations: of command `only` alone, if given. */
export function program(ctx: CommandContext, only?: string): Command {
  const { io } = ctx;
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
  for (const [heading, commands] of SECTIONS) {
    for (const [name, register] of commands) {
      if (only !== undefined && name !== only) continue;
      const before = p.commands.length;
      register(p, ctx);
      for (const c of p.commands.slice(before)) c.helpGroup(heading);
    }
  }
  // An unknown command lists the commands (commander's own message names only the nearest one).
  p.on('command:*', (operands: string[]) => {
    p.error(`error: unknown command '${operands[0]}' (commands: ${p.commands.map((c) => c.name()).join(', ')})`, {
      code: 'commander.unknownCommand',
      exitCode: 2,
    });
  });
  p.addHelpText('after', OVERVIEW);
  return p;
}

/**
 * Runs tcon with `argv` (without node and script); returns the exit code. Never throws.
 * For the run, luxon's default locale is en-US (restored after): tcon writes English, so no text
 * may depend on the machine's locale, and luxon then never asks ICU for it (its first
 * Intl.DateTimeFormat costs a cold start 10-20 ms, more on a loaded machine).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  resetZoneUse();
  const locale = Settings.defaultLocale;
  Settings.defaultLocale = 'en-US';
  try {
    const code = await run(argv, io);
    // Said once per zone, after the output: where Node's own (frozen) zone data differs from ours.
    if (zoneUse().size) (await import('../adapters/icu-tz.js')).reportIcuDisagreements(zoneUse(), io.stderr);
    return code;
  } finally {
    Settings.defaultLocale = locale;
    await endOfRun(io);
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  try {
    const only = argv[0] !== undefined && COMMAND_NAMES.includes(argv[0]) ? argv[0] : undefined;
    await program({ io, setExit: (c) => (code = c) }, only).parseAsync([...argv], { from: 'user' });
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
