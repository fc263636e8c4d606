// Argument parsers for commander: light (no luxon, yaml or zod), so that registering every
// command costs nothing at start-up.
import { isIsoDate } from '../schedule/dates.js';
import { UsageError } from './io.js';

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
