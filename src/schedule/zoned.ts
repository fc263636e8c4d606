import { DateTime, IANAZone, Zone } from 'luxon';
import type { DstPolicy } from './types.js';

const zones = new Map<string, IANAZone>();

const validity = new Map<string, boolean>();

/** Whether `name` is an IANA zone the runtime knows (cached: each check builds an Intl formatter). */
export function isValidZone(name: string): boolean {
  let ok = validity.get(name);
  if (ok === undefined) {
    ok = IANAZone.isValidZone(name);
    validity.set(name, ok);
  }
  return ok;
}

function zoneOf(name: string): IANAZone {
  let z = zones.get(name);
  if (!z) {
    z = IANAZone.create(name);
    zones.set(name, z);
  }
  return z;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat | null>();
const OFFSET_RE = /GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/;

/**
 * Offset of `zone` from UTC, in minutes, at the instant `ms`, read from ICU. Reads the
 * "longOffset" name ("GMT+05:30"), which is several times faster than luxon's formatToParts.
 * Falls back to luxon if the runtime cannot name the offset.
 */
function exactOffset(zone: string, ms: number): number {
  let fmt = offsetFormats.get(zone);
  if (fmt === undefined) {
    try {
      fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      fmt = null;
    }
    offsetFormats.set(zone, fmt);
  }
  const m = fmt ? OFFSET_RE.exec(fmt.format(ms)) : null;
  if (!m) return zoneOf(zone).offset(ms);
  if (!m[1]) return 0;
  const min = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -min : min;
}

const DAY = 86_400_000;
const midnights = new Map<string, Map<number, number>>();

/** The offset at 00:00 UTC of day number `day`, cached per zone. */
function offsetAtMidnight(zone: string, day: number): number {
  let days = midnights.get(zone);
  if (!days) {
    days = new Map();
    midnights.set(zone, days);
  }
  let off = days.get(day);
  if (off === undefined) {
    off = exactOffset(zone, day * DAY);
    days.set(day, off);
  }
  return off;
}

/**
 * Offset of `zone` from UTC, in minutes, at the instant `ms`. Coverage and planning ask for
 * tens of thousands of offsets (every zone, every meeting), so offsets are read once per zone and UTC day: when a day starts and
 * ends with the same offset, it holds all day (no zone changes offset twice in one day and back);
 * only days with a transition are read at the exact instant.
 */
export function offsetAt(zone: string, ms: number): number {
  const day = Math.floor(ms / DAY);
  const a = offsetAtMidnight(zone, day);
  return a === offsetAtMidnight(zone, day + 1) ? a : exactOffset(zone, ms);
}

/**
 * An IANA zone for luxon whose offsets come from offsetAt's cache. luxon reads the zone offset
 * (an Intl.formatToParts call) on every DateTime it makes; schedules make many. Same name, type
 * and offsets as luxon's IANAZone, so DateTimes compare and print the same.
 */
class CachedZone extends Zone {
  constructor(private readonly iana: IANAZone) {
    super();
  }
  override get type(): string {
    return 'iana';
  }
  override get name(): string {
    return this.iana.name;
  }
  get ianaName(): string {
    return this.iana.name;
  }
  override get isUniversal(): boolean {
    return false;
  }
  override offsetName(ts: number, opts: { format?: 'short' | 'long'; locale?: string }): string | null {
    return this.iana.offsetName(ts, opts);
  }
  override formatOffset(ts: number, format: 'narrow' | 'short' | 'techie'): string {
    return this.iana.formatOffset(ts, format);
  }
  override offset(ts: number): number {
    return offsetAt(this.iana.name, ts);
  }
  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.iana.name;
  }
  override get isValid(): boolean {
    return this.iana.isValid;
  }
}

const cachedZones = new Map<string, Zone>();

/** The zone object to build DateTimes in `zone` with (fast offsets); the name is unchanged. */
export function fastZone(zone: string): Zone {
  let z = cachedZones.get(zone);
  if (!z) {
    z = zoneOf(zone).isValid ? new CachedZone(zoneOf(zone)) : zoneOf(zone);
    cachedZones.set(zone, z);
  }
  return z;
}

export type Placement =
  | { kind: 'ok'; ms: number }
  | { kind: 'gap'; ms: number; warning: string }
  | { kind: 'overlap'; ms: number; warning: string }
  | { kind: 'skipped'; warning: string };

const HOUR = 3_600_000;

function formatOffset(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  const h = Math.floor(a / 60);
  const m = a % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

/**
 * The instant at which the wall clock in `zone` shows `date` `hh:mm`. A wall time inside a
 * spring-forward gap or a fall-back overlap is resolved by `policy` and reported, never
 * shifted silently. Candidate offsets are read 12 h either side, which covers every real
 * transition (none are closer together than that).
 */
export function placeWallTime(date: string, hour: number, minute: number, zone: string, policy: DstPolicy): Placement {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, hour, minute);
  const before = offsetAt(zone, wall - 12 * HOUR);
  const after = offsetAt(zone, wall + 12 * HOUR);
  const candidates = [...new Set([before, after])]
    .map((o) => wall - o * 60_000)
    .filter((ms) => offsetAt(zone, ms) * 60_000 === wall - ms)
    .sort((a, b) => a - b);
  const hm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  if (candidates.length === 1) return { kind: 'ok', ms: candidates[0]! };
  if (candidates.length >= 2) {
    const pick = policy.overlap === 'earlier' ? candidates[0]! : candidates[candidates.length - 1]!;
    const off = offsetAt(zone, pick);
    return {
      kind: 'overlap',
      ms: pick,
      warning: `${hm} occurs twice in ${zone} on ${date} (clocks go back): held at the ${policy.overlap} one, ${hm} ${formatOffset(off)}`,
    };
  }
  // In a gap: RFC 5545 reads such a time with the offset before the gap, i.e. later by the gap.
  if (policy.gap === 'skip') {
    return { kind: 'skipped', warning: `${hm} does not exist in ${zone} on ${date} (clocks go forward): meeting skipped` };
  }
  const ms = wall - before * 60_000;
  const shifted = DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
  return {
    kind: 'gap',
    ms,
    warning: `${hm} does not exist in ${zone} on ${date} (clocks go forward): held at ${shifted} ${formatOffset(offsetAt(zone, ms))}`,
  };
}
