/*
 * Wall-clock times as iCalendar writes them (`YYYYMMDDTHHMMSS` with a TZID) and how RFC 5545
 * reads them back: a wall time inside a spring-forward gap uses the offset before the gap,
 * one inside a fall-back overlap is the earlier instant (RFC 5545 3.3.5). tcon never lets a
 * client guess: every meeting whose instant depends on that reading is written explicitly.
 */
import { DateTime } from 'luxon';
import { fixedOffsetOf, offsetAt, zoneOf } from '../schedule/zoned.js';
import { isPlainInstant, plainDayText, utcOfWall } from '../schedule/dates.js';
import type { IsoDate } from '../schedule/types.js';

const HOUR = 3_600_000;

/** A wall date-time in some zone: date plus hour and minute. */
export interface Wall {
  date: IsoDate;
  hour: number;
  minute: number;
}

export type WallKind = 'ok' | 'gap' | 'overlap';

/** `YYYYMMDDTHHMMSS`, the iCalendar form of a wall time (no zone, no Z). */
export function icsWall(w: Wall): string {
  return compactDate(w.date) + clockPart(w.hour, w.minute);
}

/** Dates without their dashes, kept (a feed writes the same dates for many meetings). */
const compactDates = new Map<IsoDate, string>();

/** `YYYYMMDD` of `YYYY-MM-DD` (replaceAll of the dashes, kept per date). */
function compactDate(date: IsoDate): string {
  let text = compactDates.get(date);
  if (text === undefined) {
    text = date.replaceAll('-', '');
    if (compactDates.size > 20_000) compactDates.clear();
    compactDates.set(date, text);
  }
  return text;
}

/** `YYYYMMDD` of a day number (days since 1970-01-01; years 1000-9999), kept per day. */
function compactDay(day: number): string {
  return compactDate(plainDayText(day));
}

/** `THHMM00` for each minute of the day (and any other hour or minute, made each time). */
const clockParts: string[] = [];

function clockPart(hour: number, minute: number): string {
  const plain = Number.isInteger(hour) && Number.isInteger(minute) && hour >= 0 && hour < 24 && minute >= 0 && minute < 60;
  const i = hour * 60 + minute;
  const known = plain ? clockParts[i] : undefined;
  if (known !== undefined) return known;
  const text = `T${String(hour).padStart(2, '0')}${String(minute).padStart(2, '0')}00`;
  if (plain) clockParts[i] = text;
  return text;
}

/**
 * `YYYYMMDDTHHMMSS` of the wall clock at `ms` plus `offset` minutes. Epoch arithmetic: a luxon
 * DateTime per value (setZone, toFormat's token parser) was most of the time spent on the
 * overrides of a registry-sized feed.
 */
export function icsAt(ms: number, offset: number): string {
  const t = ms + offset * 60_000;
  if (!isPlainInstant(t)) return DateTime.fromMillis(t, { zone: 'UTC' }).toFormat("yyyyLLdd'T'HHmmss");
  // A whole minute (every meeting): the day's text and the clock's, each made once.
  const day = Math.floor(t / 86_400_000);
  const minutes = (t - day * 86_400_000) / 60_000;
  if (Number.isInteger(minutes)) return compactDay(day) + clockPart(Math.floor(minutes / 60), minutes % 60);
  // Seconds (an UNTIL at 23:59:59), the milliseconds dropped as toISOString's would be.
  const seconds = Math.floor((t - day * 86_400_000) / 1000);
  const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${compactDay(day)}T${two(Math.floor(seconds / 3600))}${two(Math.floor(seconds / 60) % 60)}${two(seconds % 60)}`;
}

/** `YYYYMMDDTHHMMSSZ`, the iCalendar UTC form of an instant. */
export function icsUtc(dt: DateTime | number): string {
  return `${icsAt(typeof dt === 'number' ? dt : dt.toMillis(), 0)}Z`;
}

/** The instant of `YYYYMMDDTHHMMSS[Z]` read as UTC. */
export function icsUtcMs(text: string): number {
  const d = new Date(Date.UTC(2000, +text.slice(4, 6) - 1, +text.slice(6, 8), +text.slice(9, 11), +text.slice(11, 13), +text.slice(13, 15)));
  // setUTCFullYear: Date.UTC reads years 0-99 as 1900-1999.
  return d.setUTCFullYear(+text.slice(0, 4));
}

/** The wall time that the instant `ms` shows in `zone`. */
export function wallAtMs(ms: number, zone: string): Wall {
  const t = ms + offsetAt(zone, ms) * 60_000;
  if (!isPlainInstant(t)) {
    const z = DateTime.fromMillis(ms, { zone: zoneOf(zone) });
    return { date: z.toISODate()!, hour: z.hour, minute: z.minute };
  }
  const d = new Date(t);
  return { date: d.toISOString().slice(0, 10), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** The wall time that `dt` shows in `zone`. */
export function wallOf(dt: DateTime, zone: string): Wall {
  return wallAtMs(dt.toMillis(), zone);
}

/** Adds minutes to a wall time as plain clock arithmetic (no zone). */
export function addWallMinutes(w: Wall, minutes: number): Wall {
  const [y, m, d] = w.date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d, w.hour, w.minute + minutes));
  return { date: t.toISOString().slice(0, 10), hour: t.getUTCHours(), minute: t.getUTCMinutes() };
}

/**
 * How RFC 5545 reads the wall time `w` in `zone`: the instant, and whether the wall time was in
 * a gap (read with the offset before it) or an overlap (the earlier of the two instants).
 */
export function readWall(w: Wall, zone: string): { ms: number; kind: WallKind } {
  return readWallMs(utcOfWall(w.date, w.hour, w.minute), zone);
}

/** readWall of the wall time written as the UTC instant `wall` (its digits are the wall clock's). */
export function readWallMs(wall: number, zone: string): { ms: number; kind: WallKind } {
  // A zone that never changed (UTC): its one offset, without sampling it (arithmetic on instants
  // makes a heap number per step in code V8 has not optimized, and this runs for every meeting).
  const fixed = fixedOffsetOf(zone);
  if (fixed !== undefined) return { ms: wall - fixed * 60_000, kind: 'ok' };
  // The instant is wall - offset, and offsets run from -12h to +14h (Auckland is +13 in summer,
  // Kiritimati +14): sampling 12 hours either side of the wall time missed the offset before a
  // fall-back in zones east of +12, so Auckland's repeated 02:30 read as unambiguous (found by the
  // Python interop test). 26 hours clears every offset; no zone changes twice in two days.
  const before = offsetAt(zone, wall - 26 * HOUR);
  const after = offsetAt(zone, wall + 26 * HOUR);
  // No change of offset within 26 hours either side (nearly every meeting): the one instant.
  if (before === after && offsetAt(zone, wall - before * 60_000) === before) return { ms: wall - before * 60_000, kind: 'ok' };
  const valid = [...new Set([before, after])]
    .map((o) => wall - o * 60_000)
    .filter((ms) => offsetAt(zone, ms) * 60_000 === wall - ms)
    .sort((a, b) => a - b);
  if (valid.length === 1) return { ms: valid[0]!, kind: 'ok' };
  if (valid.length > 1) return { ms: valid[0]!, kind: 'overlap' };
  return { ms: wall - before * 60_000, kind: 'gap' };
}

/** True when the wall time the instant `ms` shows in `zone`, written with that TZID, reads back as `ms`. */
export function msReadsBack(ms: number, zone: string): boolean {
  // A zone that never changed, of whole minutes: any instant on a whole minute reads back.
  const fixed = fixedOffsetOf(zone);
  if (fixed !== undefined && Number.isInteger(fixed)) return ms % 60_000 === 0;
  // The wall clock's minute at `ms` (wallOf: date, hour and minute; seconds dropped).
  const wall = Math.floor((ms + offsetAt(zone, ms) * 60_000) / 60_000) * 60_000;
  // readWallMs's usual case, without its result object (this runs twice per meeting).
  const before = offsetAt(zone, wall - 26 * HOUR);
  if (before === offsetAt(zone, wall + 26 * HOUR) && offsetAt(zone, wall - before * 60_000) === before) return wall - before * 60_000 === ms;
  const r = readWallMs(wall, zone);
  return r.kind === 'ok' && r.ms === ms;
}
