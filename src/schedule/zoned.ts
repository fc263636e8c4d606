import { DateTime, IANAZone, Zone } from 'luxon';
import type { DstPolicy } from './types.js';

const validity = new Map<string, boolean>();

/** Whether `name` is an IANA zone the runtime knows (cached: each check builds an Intl formatter, and a roster repeats zones). */
export function isValidZone(name: string): boolean {
  let ok = validity.get(name);
  if (ok === undefined) {
    ok = IANAZone.isValidZone(name);
    validity.set(name, ok);
  }
  return ok;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** Exact reads of one zone-year before its transition table is built (see offsetFast). */
const TABLE_AFTER_READS = 64;

const offsetFormats = new Map<string, Intl.DateTimeFormat | null>();
const OFFSET_RE = /GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/;

/**
 * The offset of `zone` at `ms`, read from ICU's "longOffset" name ("GMT+05:30"): several times
 * faster than luxon's formatToParts. Falls back to luxon if the runtime cannot name the offset.
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
  if (!m) return IANAZone.create(zone).offset(ms);
  if (!m[1]) return 0;
  const min = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -min : min;
}

/**
 * An IANA zone whose offsets are read from a transition table built once per year, instead of
 * one Intl.DateTimeFormat call per lookup (luxon's IANAZone): expanding a hundred groups over ten
 * years makes ~10^5 lookups. The table samples the offset every 7 days and finds each change to
 * the minute by bisection; it would miss two transitions within one week, which no zone has had
 * since 1970 (a test compares a decade of transitions in 20 zones with Python's zoneinfo).
 * Everything but `offset` is luxon's own IANAZone, so DateTimes in this zone behave as usual.
 */
class TableZone extends Zone {
  private readonly years = new Map<number, Table>();
  private ianaZone: IANAZone | undefined;
  constructor(private readonly zoneName: string) {
    super();
  }
  /**
   * luxon's zone, made on first use: creating it builds an ICU formatter just to check the name,
   * which for every zone of the world costs as much as the offsets a coverage check reads.
   */
  private get iana(): IANAZone {
    return (this.ianaZone ??= IANAZone.create(this.zoneName));
  }
  override get type() {
    return 'iana';
  }
  override get name() {
    return this.zoneName;
  }
  get ianaName() {
    return this.zoneName;
  }
  override get isUniversal() {
    return false;
  }
  override get isValid() {
    return this.iana.isValid;
  }
  override offsetName(ts: number, opts: Parameters<Zone['offsetName']>[1]) {
    return this.iana.offsetName(ts, opts);
  }
  override formatOffset(ts: number, format: Parameters<Zone['formatOffset']>[1]) {
    return this.iana.formatOffset(ts, format);
  }
  override equals(other: Zone) {
    return other.type === 'iana' && other.name === this.name;
  }
  override offset(ts: number): number {
    // Days since 1970 to year: exact enough via Date, but skip it when the last table still applies.
    const last = this.last;
    if (last && ts >= last.from && ts < last.to) return lookup(last, ts);
    const year = new Date(ts).getUTCFullYear();
    let table = this.years.get(year);
    if (!table) {
      table = this.build(year);
      this.years.set(year, table);
    }
    this.last = table;
    return lookup(table, ts);
  }
  private last: Table | undefined;
  private readonly reads = new Map<number, number>();

  /**
   * The offset at `ts` from the year's table once it exists; before that, an exact ICU read, and
   * the table is built once the year has been asked for often. A table costs about ninety reads,
   * so a check of one meeting against every zone of the world (a few reads per zone) never
   * builds one, while expanding years of meetings does, early.
   */
  offsetFast(ts: number): number {
    const last = this.last;
    if (last && ts >= last.from && ts < last.to) return lookup(last, ts);
    const year = new Date(ts).getUTCFullYear();
    const table = this.years.get(year);
    if (table) {
      this.last = table;
      return lookup(table, ts);
    }
    const n = (this.reads.get(year) ?? 0) + 1;
    this.reads.set(year, n);
    return n > TABLE_AFTER_READS ? this.offset(ts) : exactOffset(this.zoneName, ts);
  }

  private build(year: number): Table {
    const start = Date.UTC(year, 0, 1);
    const end = Date.UTC(year + 1, 0, 1);
    const at = [start];
    const offsets = [exactOffset(this.zoneName, start)];
    let prevT = start;
    let prevO = offsets[0]!;
    for (let t = Math.min(start + WEEK, end); ; t = Math.min(t + WEEK, end)) {
      const o = exactOffset(this.zoneName, t);
      if (o !== prevO) {
        // Bisect to the first minute with the new offset.
        let lo = prevT;
        let hi = t;
        while (hi - lo > 60_000) {
          const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
          if (exactOffset(this.zoneName, mid) === prevO) lo = mid;
          else hi = mid;
        }
        at.push(hi);
        offsets.push(o);
        prevO = o;
      }
      prevT = t;
      if (t >= end) break;
    }
    return { from: start, to: end, at, offsets };
  }
}

interface Table {
  from: number;
  to: number;
  at: number[];
  offsets: number[];
}

function lookup({ at, offsets }: Table, ts: number): number {
  let i = at.length - 1;
  while (i > 0 && at[i]! > ts) i--;
  return offsets[i]!;
}

const zones = new Map<string, TableZone>();

/** The luxon zone for an IANA name, with fast offsets. Use it for every DateTime tcon makes. */
export function zoneOf(name: string): Zone {
  let z = zones.get(name);
  if (!z) {
    z = new TableZone(name);
    zones.set(name, z);
  }
  return z;
}

/** Offset of `zone` from UTC, in minutes, at the instant `ms`. */
export function offsetAt(zone: string, ms: number): number {
  let z = zones.get(zone);
  if (!z) z = zoneOf(zone) as TableZone;
  return z.offsetFast(ms);
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
  const wall = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), hour, minute);
  const before = offsetAt(zone, wall - 18 * HOUR);
  const after = offsetAt(zone, wall + 18 * HOUR);
  // No transition within 18 h either side: the one offset is the answer.
  if (before === after && offsetAt(zone, wall) === before) return { kind: 'ok', ms: wall - before * 60_000 };
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
  const shifted = DateTime.fromMillis(ms, { zone: zoneOf(zone) }).toFormat('HH:mm');
  return {
    kind: 'gap',
    ms,
    warning: `${hm} does not exist in ${zone} on ${date} (clocks go forward): held at ${shifted} ${formatOffset(offsetAt(zone, ms))}`,
  };
}
