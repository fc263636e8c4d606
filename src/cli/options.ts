import { DateTime } from 'luxon';
import { loadConfig, type LoadedConfig } from '../adapters/config-files.js';
import { systemNow } from '../adapters/clock.js';
import { msg } from '../config/messages.js';
import { placeError } from '../config/zones.js';
import type { Group, RegionSet } from '../schedule/types.js';
import { reportProblems, UsageError, type CliIo } from './io.js';
import { usage } from './messages.js';

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
  if (opts.group !== undefined && opts.all) throw new UsageError(usage.groupAndAll());
  if (opts.year !== undefined && (opts.from !== undefined || opts.to !== undefined)) throw new UsageError(usage.yearAndRange());
  if (opts.next !== undefined && (opts.year !== undefined || opts.from !== undefined || opts.to !== undefined)) {
    throw new UsageError(usage.nextAndRange());
  }
  if (opts.from !== undefined && opts.to !== undefined && opts.to < opts.from) throw new UsageError(usage.toBeforeFrom(opts.to, opts.from));
}

/** Loads the config and picks the groups named by --group (default: all), printing warnings. */
export async function selectGroups(opts: GroupOptions, io: CliIo): Promise<{ config: LoadedConfig; groups: Group[] }> {
  checkSelection(opts);
  const config = await loadConfig(opts.config, { cwd: io.cwd, now: opts.now === undefined ? undefined : parseNow(opts.now).toMillis(), large: io.largeRun });
  reportProblems(io, config.problems);
  if (!opts.group) return { config, groups: config.groups };
  const group = config.groups.find((g) => g.id === opts.group);
  if (!group)
    throw new UsageError(
      msg.unknownGroup(
        opts.group,
        config.groups.map((g) => g.id),
      ).text,
    );
  return { config, groups: [group] };
}

export { choice, parseDate, parsePositiveInt, parseYear } from './parsers.js';

/** --now: an ISO instant with an offset or Z; defaults to the system clock (UTC). */
export function parseNow(value: string | undefined): DateTime {
  if (value === undefined) return systemNow();
  const dt = DateTime.fromISO(value, { setZone: true });
  if (!dt.isValid || !/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(value)) {
    throw new UsageError(usage.badNow(value));
  }
  return dt.toUTC();
}

/**
 * The usage error for names of `flag` (`--regions`, `--zones`) that are neither a region of `set`
 * nor a zone: for each, what it could mean (an abbreviation, a near miss), as config errors say.
 */
export function unknownPlaces(flag: string, names: readonly string[], set: RegionSet): UsageError {
  return new UsageError(
    usage.unknownPlaces(
      flag,
      names.map((n) => placeError(n, set)),
    ),
  );
}
