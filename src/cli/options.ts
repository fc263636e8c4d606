import { DateTime } from 'luxon';
import { loadConfig, type LoadedConfig } from '../adapters/config-files.js';
import { systemNow } from '../adapters/clock.js';
import { msg } from '../config/messages.js';
import { formatProblem } from '../config/problems.js';
import type { Group } from '../schedule/types.js';
import { UsageError, type CliIo } from './io.js';

export interface GroupOptions {
  config: string;
  group?: string;
  all?: boolean;
}

/** Loads the config and picks the groups named by --group (default: all), printing warnings. */
export async function selectGroups(opts: GroupOptions, io: CliIo): Promise<{ config: LoadedConfig; groups: Group[] }> {
  const config = await loadConfig(opts.config, { cwd: io.cwd });
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
