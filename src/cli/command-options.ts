// What the command registrations (src/cli/register/*.ts) share: the context their actions run in
// and the options several commands have. Light (commander and the argument parsers only): every
// registration is loaded at start-up, the commands themselves only when they run.
import { Option, type Command } from 'commander';
import type { CliIo } from './io.js';
import { choice, parseDate, parseYear } from './parsers.js';

/** What a command's action gets: the io to run with, and where to put its exit code. */
export interface CommandContext {
  io: CliIo;
  setExit(code: number): void;
}

/** Registers one command (and its subcommands) on the program. */
export type Register = (program: Command, ctx: CommandContext) => void;

export function configOption(): Option {
  return new Option('-c, --config <path>', 'config directory or group file').default('config');
}

/** -f, --format with these choices (the first the default). */
export function formatOption<const T extends readonly [string, ...string[]]>(formats: T): Option {
  return new Option('-f, --format <format>', 'output format').choices(formats).default(formats[0]).argParser(choice('--format', formats));
}

/** The options of the commands that edit one line of a group file (move, skip, add). */
export function editOptions(c: Command): Command {
  return c
    .addOption(configOption())
    .option('-g, --group <id>', 'the group (needed when the config has several)')
    .option('--dry-run', 'show the change of the schedule; write nothing')
    .option('--now <iso>', 'fix the clock (default: system clock)');
}

/** The config, the groups (one, or all) and the window (a year, or from/to) of a command. */
export function groupsAndWindow(c: Command): Command {
  return c
    .addOption(configOption())
    .option('-g, --group <id>', 'only this group (default: every group in the config)')
    .option('-a, --all', 'every group in the config (the default without --group)')
    .option('-y, --year <year>', 'the meetings of a calendar year', parseYear)
    .option('--from <date>', 'first date (YYYY-MM-DD, in the group zone)', parseDate('--from'))
    .option('--to <date>', 'last date (YYYY-MM-DD, inclusive)', parseDate('--to'));
}

/** The options of the calendar commands (ics, diff): the groups, the window and the state file. */
export function windowOptions(c: Command): Command {
  return groupsAndWindow(c)
    .option('--now <iso>', 'fix the clock (DTSTAMP), e.g. 2027-03-09T08:00Z (default: system clock)')
    .option('--state <path>', 'change-tracking state file (default: <config dir>/.tcon/state.json)')
    .option('--no-state', 'ignore the state file: every SEQUENCE 0, nothing recorded')
    .option('--invite', 'the invitation (METHOD:REQUEST, attendees) instead of the public feed');
}
