// Argument parsers for commander: light (no luxon, yaml or zod), so that registering every
// command costs nothing at start-up.
import { isIsoDate } from '../schedule/dates.js';
import { UsageError } from './io.js';
import { usage } from './messages.js';

export function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new UsageError(usage.badYear(value));
  return Number(value);
}

export function parseDate(flag: string) {
  return (value: string): string => {
    if (!isIsoDate(value)) throw new UsageError(usage.badDate(flag, value));
    return value;
  };
}

export function parsePositiveInt(flag: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(usage.notPositive(flag, value));
    if (Number(value) > max) throw new UsageError(usage.atMost(flag, value, max));
    return Number(value);
  };
}

/** The longest delay a Node timer holds (about 24.8 days); a longer one would fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A duration in ms for a timer: 1 to MAX_TIMER_MS. */
export function parseMilliseconds(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(usage.notPositiveMs(flag, value));
    if (Number(value) > MAX_TIMER_MS) throw new UsageError(usage.tooLongMs(flag, value, MAX_TIMER_MS));
    return Number(value);
  };
}

export function choice<T extends string>(flag: string, allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) throw new UsageError(usage.notOneOf(flag, value, allowed));
    return value as T;
  };
}

/** "a,b, c" → ["a","b","c"]; a repeated option accumulates. */
export function listOption(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}
