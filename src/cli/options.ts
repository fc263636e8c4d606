import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { loadConfig, type LoadedConfig } from '../adapters/config-files.js';
import { systemNow } from '../adapters/clock.js';
import { msg } from '../config/messages.js';
import { formatProblem } from '../config/problems.js';
import { isIsoDate } from '../config/resolve.js';
import type { Group } from '../schedule/types.js';
import { UsageError, type CliIo } from './io.js';

export interface GroupOptions {
  config: string;
  group?: string;
  all?: boolean;
}

/** Loads the config and picks the groups named by --group (default: all), printing warnings. */
export async function selectGroups(opts: GroupOptions, io: CliIo): Promise<{ config: LoadedConfig; groups: Group[] }> {
  const config = await loadConfig(resolve(io.cwd, opts.config)).catch((e: unknown) => {
    // Problems name the file as the user wrote it, relative to the working directory.
    throw e;
  });
  for (const p of config.problems) io.stderr.write(`${formatProblem(p)}\n`);
  if (!opts.group) return { config, groups: config.groups };
  const group = config.groups.find((g) => g.id === opts.group);
  if (!group) throw new UsageError(msg.unknownGroup(opts.group, config.groups.map((g) => g.id)));
  return { config, groups: [group] };
}

export function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new UsageError(`--year ${value}: expected a year such as 2027`);
  return Number(value);
}

export function parseDate(flag: string) {
  return (value: string): string => {
    if (!isIsoDate(value)) throw new UsageError(`${flag} ${value}: expected a date YYYY-MM-DD`);
    return value;
  };
}

export function parsePositiveInt(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} ${value}: expected a positive whole number`);
    return Number(value);
  };
}

/** --now: an ISO instant with an offset or Z; defaults to the system clock (UTC). */
export function parseNow(value: string | undefined): DateTime {
  if (value === undefined) return systemNow();
  const dt = DateTime.fromISO(value, { setZone: true });
  if (!dt.isValid || !/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(value)) {
    throw new UsageError(`--now ${value}: expected an ISO date-time with an offset, e.g. 2027-03-09T08:00Z`);
  }
  return dt.toUTC();
}

export function choice<T extends string>(flag: string, allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} ${value}: expected one of ${allowed.join(', ')}`);
    return value as T;
  };
}

/** "a,b, c" → ["a","b","c"]; a repeated option accumulates. */
export function listOption(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}
