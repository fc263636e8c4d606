import { DateTime } from 'luxon';
import { loadConfig, type LoadedConfig } from '../adapters/config-files.js';
import { systemNow } from '../adapters/clock.js';
import { msg } from '../config/messages.js';
import { formatProblem } from '../config/problems.js';
import { placeError } from '../config/zones.js';
import type { Group, RegionSet } from '../schedule/types.js';
import { UsageError, type CliIo } from './io.js';

export interface GroupOptions {
  config: string;
  group?: string;
  all?: boolean;
  /** --now, where the command has it: also what "today" means in config messages. */
  now?: string;
}

/**
 * Options that contradict each other are a usage error rather than one silently winning: which
 * meetings a command works on must be what the user asked for.
 */
function checkSelection(opts: GroupOptions & { year?: number; from?: string; to?: string; next?: number }): void {
  if (opts.group !== undefined && opts.all) throw new UsageError('--group and --all exclude each other');
  if (opts.year !== undefined && (opts.from !== undefined || opts.to !== undefined)) throw new UsageError('--year and --from/--to exclude each other');
  if (opts.next !== undefined && (opts.year !== undefined || opts.from !== undefined || opts.to !== undefined)) {
    throw new UsageError('--next counts meetings from now: it excludes --year and --from/--to');
  }
  if (opts.from !== undefined && opts.to !== undefined && opts.to < opts.from) throw new UsageError(`--to ${opts.to} is before --from ${opts.from}`);
}

/** Loads the config and picks the groups named by --group (default: all), printing warnings. */
export async function selectGroups(opts: GroupOptions, io: CliIo): Promise<{ config: LoadedConfig; groups: Group[] }> {
  checkSelection(opts);
  const config = await loadConfig(opts.config, { cwd: io.cwd, now: opts.now === undefined ? undefined : parseNow(opts.now).toMillis() });
  for (const p of config.problems) io.stderr.write(`${formatProblem(p)}\n`);
  if (!opts.group) return { config, groups: config.groups };
  const group = config.groups.find((g) => g.id === opts.group);
  if (!group) throw new UsageError(msg.unknownGroup(opts.group, config.groups.map((g) => g.id)));
  return { config, groups: [group] };
}

export { choice, parseDate, parsePositiveInt, parseYear } from './parsers.js';

/** --now: an ISO instant with an offset or Z; defaults to the system clock (UTC). */
export function parseNow(value: string | undefined): DateTime {
  if (value === undefined) return systemNow();
  const dt = DateTime.fromISO(value, { setZone: true });
  if (!dt.isValid || !/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(value)) {
    throw new UsageError(`--now ${value}: expected an ISO date-time with an offset, e.g. 2027-03-09T08:00Z`);
  }
  return dt.toUTC();
}

/**
 * The usage error for names of `flag` (`--regions`, `--zones`) that are neither a region of `set`
 * nor a zone: for each, what it could mean (an abbreviation, a near miss), as config errors say.
 */
export function unknownPlaces(flag: string, names: readonly string[], set: RegionSet): UsageError {
  return new UsageError(`${flag}: ${names.map((n) => placeError(n, set)).join('; ')}`);
}
