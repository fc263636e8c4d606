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

export function parsePositiveInt(flag: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} ${value}: expected a positive whole number`);
    if (Number(value) > max) throw new UsageError(`${flag} ${value}: at most ${max}`);
    return Number(value);
  };
}

/** The longest delay a Node timer holds (about 24.8 days); a longer one would fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A duration in ms for a timer: 1 to MAX_TIMER_MS. */
export function parseMilliseconds(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} ${value}: expected a positive whole number of milliseconds`);
    if (Number(value) > MAX_TIMER_MS) throw new UsageError(`${flag} ${value}: at most ${MAX_TIMER_MS} ms (about 24 days), the longest a timer holds`);
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
