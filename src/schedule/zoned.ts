import { DateTime, IANAZone } from 'luxon';
import type { DstPolicy } from './types.js';

const zones = new Map<string, IANAZone>();

export function isValidZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

function zoneOf(name: string): IANAZone {
  let z = zones.get(name);
  if (!z) {
    z = IANAZone.create(name);
    zones.set(name, z);
  }
  return z;
}

/** Offset of `zone` from UTC, in minutes, at the instant `ms`. */
export function offsetAt(zone: string, ms: number): number {
  return zoneOf(zone).offset(ms);
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
 * shifted silently. The true instant lies within [wall - 14 h, wall + 12 h] (offsets run from
 * -12 to +14), so offsets read 18 h either side of the wall time are the ones before and after
 * any transition near it (no zone has two transitions within 36 h). Reading only 12 h either
 * side misses them in zones east of UTC+12 (Auckland, Chatham): a test against Python's
 * zoneinfo caught that.
 */
export function placeWallTime(date: string, hour: number, minute: number, zone: string, policy: DstPolicy): Placement {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, hour, minute);
  const before = offsetAt(zone, wall - 18 * HOUR);
  const after = offsetAt(zone, wall + 18 * HOUR);
  const candidates = [...new Set([before, offsetAt(zone, wall), after])]
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
