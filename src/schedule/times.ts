import type { DateTime, Zone } from 'luxon';
import { instantIn } from './zoned.js';

/*
 * A meeting's instants without a luxon DateTime until some reader asks for one (issue 14).
 * buildSchedule's occurrences (and the calendar model's meetings) carry `start`, `end` (and
 * `originalStart`) as own enumerable accessors: every reader, a spread, JSON and deep equality
 * see DateTimes as before, made (by instantIn, in the group's zone) when first read. The
 * instants in epoch milliseconds are kept beside them, in a WeakMap keyed by the object, where
 * a spread cannot copy them stale: `startMs` / `endMs` read them, and fall back to the
 * DateTime's `toMillis()` for any object made elsewhere (a spread copy, a hand-made occurrence).
 */
interface Times {
  zone: Zone;
  start: number;
  end: number;
  orig: number | undefined;
  s: DateTime | undefined;
  e: DateTime | undefined;
  o: DateTime | undefined;
}

const times = new WeakMap<object, Times>();

function getStart(this: object): DateTime {
  const t = times.get(this)!;
  return (t.s ??= instantIn(t.start, t.zone));
}
function setStart(this: object, v: DateTime): void {
  const t = times.get(this)!;
  t.s = v;
  t.start = v.toMillis();
}
function getEnd(this: object): DateTime {
  const t = times.get(this)!;
  return (t.e ??= instantIn(t.end, t.zone));
}
function setEnd(this: object, v: DateTime): void {
  const t = times.get(this)!;
  t.e = v;
  t.end = v.toMillis();
}
function getOriginal(this: object): DateTime | undefined {
  const t = times.get(this)!;
  return t.orig === undefined ? undefined : (t.o ??= instantIn(t.orig, t.zone));
}
function setOriginal(this: object, v: DateTime | undefined): void {
  const t = times.get(this)!;
  t.o = v;
  t.orig = v?.toMillis();
}

// One set of accessor functions for every object: objects made alike share their hidden class.
// (One defineProperty per key: measured a little cheaper than defineProperties with a map.)
const START = { get: getStart, set: setStart, enumerable: true, configurable: true };
const END = { get: getEnd, set: setEnd, enumerable: true, configurable: true };
const ORIGINAL = { get: getOriginal, set: setOriginal, enumerable: true, configurable: true };

/**
 * Adds `start`, `end` and `originalStart` to `target` (after its keys so far): the instants
 * `start`, `end` and `orig` (ms), read as DateTimes in `zone` (a zone of zoneOf) when first read.
 */
export function withOccurrenceTimes<T extends object>(
  target: T,
  zone: Zone,
  start: number,
  end: number,
  orig: number | undefined,
): T & { start: DateTime; end: DateTime; originalStart: DateTime | undefined } {
  times.set(target, { zone, start, end, orig, s: undefined, e: undefined, o: undefined });
  Object.defineProperty(target, 'start', START);
  Object.defineProperty(target, 'end', END);
  Object.defineProperty(target, 'originalStart', ORIGINAL);
  return target as T & { start: DateTime; end: DateTime; originalStart: DateTime | undefined };
}

/** withOccurrenceTimes with `start` and `end` only (a calendar model's meeting), from `from`'s instants when they are known. */
export function withSpanOf<T extends object>(target: T, from: { start: DateTime; end: DateTime }): T & { start: DateTime; end: DateTime } {
  const t = times.get(from);
  if (!t) return Object.assign(target, { start: from.start, end: from.end });
  times.set(target, { zone: t.zone, start: t.start, end: t.end, orig: undefined, s: t.s, e: t.e, o: undefined });
  Object.defineProperty(target, 'start', START);
  Object.defineProperty(target, 'end', END);
  return target as T & { start: DateTime; end: DateTime };
}

/** The start of `o` in epoch milliseconds, without making a DateTime when it has none yet. */
export function startMs(o: { readonly start: DateTime }): number {
  const t = times.get(o);
  return t ? t.start : o.start.toMillis();
}

/** The end of `o` in epoch milliseconds (see startMs). */
export function endMs(o: { readonly end: DateTime }): number {
  const t = times.get(o);
  return t ? t.end : o.end.toMillis();
}
