import { DateTime, Settings, Zone } from 'luxon';
import { isZoneName, periodAt, zoneRules, type ZoneRules } from '../tzdb/index.js';
import { acceptedZoneName } from '../tzdb/names.js';
import { startZoneUse, zoneUseGeneration, type ZoneUse } from '../tzdb/use.js';
import { clockText, utcOfWall } from './dates.js';
import type { DstPolicy } from './types.js';

/**
 * Whether `name` is a zone a user may write: an IANA zone or link of the bundled database
 * (src/tzdb), not an abbreviation-like link such as EST (src/tzdb/names.ts says why).
 */
export function isValidZone(name: string): boolean {
  return acceptedZoneName(name);
}

/**
 * A luxon zone whose offsets, abbreviations and names come from the bundled IANA database.
 * Its type is not 'iana' on purpose: luxon formats a DateTime in an 'iana' zone through
 * Intl.DateTimeFormat with the zone's name, i.e. with ICU's data; for any other zone type it
 * formats the wall time in UTC and asks the zone for its offset name (luxon's
 * PolyDateFormatter, src/impl/locale.js), so no text it prints (toFormat, toISO,
 * toLocaleString, offset names) can come from ICU's frozen data.
 */
class TzdbZone extends Zone {
  private readonly rules: ZoneRules;
  private lastFrom = Infinity;
  private lastTo = -Infinity;
  private lastOffset = 0;
  private span: ZoneUse = { from: 0, to: 0 };
  private spanGeneration = -1;
  private readonly changes: boolean;
  /** The offset of a zone that never changed (UTC, Etc/GMT+5): a small integer. */
  private readonly fixed: number;
  constructor(private readonly zoneName: string) {
    super();
    this.rules = zoneRules(zoneName);
    this.changes = this.rules.untils.length > 1;
    this.fixed = this.rules.offsets[0]!;
  }
  override get type() {
    return 'tzdb';
  }
  override get name() {
    return this.zoneName;
  }
  get ianaName() {
    return this.zoneName;
  }
  /** A zone that never changed (UTC, Etc/GMT+5): luxon then writes "Z" for a zero offset. */
  override get isUniversal() {
    return this.rules.untils.length === 1;
  }
  override get isValid() {
    return true;
  }
  /** The one offset of a zone that never changed, else undefined (fixedOffsetOf). */
  get fixedOffset(): number | undefined {
    return this.changes ? undefined : this.fixed;
  }
  /** The tz database's abbreviation ("PST", "CEST", "+0530"), for short and long names alike (the database has no long names). */
  override offsetName(ts: number): string {
    return this.rules.abbrs[periodAt(this.rules, ts)]!;
  }
  override formatOffset(ts: number, format: 'narrow' | 'short' | 'techie'): string {
    return formatOffsetAs(this.offset(ts), format);
  }
  override equals(other: Zone) {
    return other.type === 'tzdb' && other.name === this.name;
  }
  override offset(ts: number): number {
    // A zone that never changed has one offset, and cannot disagree with anyone (zoneUse). Read
    // before the last period's bounds: code V8 has not optimized makes a heap number each time it
    // reads a field holding a non-integer (a registry of UTC groups asks about 90,000 times).
    if (!this.changes) return this.fixed;
    // Note the instants asked (see zoneUse). (ts === ts: not NaN, which luxon passes for an invalid DateTime.)
    if (ts === ts) {
      const generation = zoneUseGeneration();
      if (this.spanGeneration !== generation) {
        this.spanGeneration = generation;
        this.span = startZoneUse(this.zoneName, ts);
      } else if (ts < this.span.from) this.span.from = ts;
      else if (ts > this.span.to) this.span.to = ts;
    }
    // Meetings cluster in time: the last period found usually still applies.
    if (ts >= this.lastFrom && ts < this.lastTo) return this.lastOffset;
    const r = this.rules;
    const i = periodAt(r, ts);
    this.lastFrom = i === 0 ? -Infinity : r.untils[i - 1]!;
    this.lastTo = r.untils[i]!;
    this.lastOffset = r.offsets[i]!;
    return this.lastOffset;
  }
}

/** An offset in minutes as luxon formats it: narrow "+5:30", short "+05:30", techie "+0530". */
function formatOffsetAs(offset: number, format: 'narrow' | 'short' | 'techie'): string {
  const sign = offset >= 0 ? '+' : '-';
  const a = Math.round(Math.abs(offset));
  if (format === 'narrow') return `${sign}${Math.floor(a / 60)}${a % 60 ? `:${String(a % 60).padStart(2, '0')}` : ''}`;
  return `${sign}${clockText(a).replace(':', format === 'techie' ? '' : ':')}`;
}

const zones = new Map<string, TzdbZone>();

/**
 * The luxon zone for a zone name of the bundled database. Use it for every DateTime tcon
 * makes: a name passed to luxon as a string (`setZone('Europe/Paris')`) would be read with
 * ICU's data instead. Throws for a name the database does not have.
 */
export function zoneOf(name: string): Zone {
  let z = zones.get(name);
  if (!z) {
    if (!isZoneName(name)) throw new Error(`unknown time zone "${name}"`);
    z = new TzdbZone(name);
    zones.set(name, z);
  }
  return z;
}

/*
 * DateTimes of instants, kept by zone and instant. A luxon DateTime is immutable, and each one
 * made carries a Locale of its own (eight objects): a registry's meetings share many instants
 * (back-to-back calls, the same hour in several groups), and the schedule of every group stays
 * in memory for the whole run (all.ics), so one DateTime per instant is less to make and to
 * collect. Forgotten when a command starts (its zone use is noted afresh: zoneUse), when luxon's
 * default locale settings change (a DateTime takes them when made), and past 20,000.
 */
const instants = new Map<Zone, Map<number, DateTime>>();
let instantCount = 0;
let instantGeneration = -1;
let instantLocale: unknown[] = [];

function instantsValid(): boolean {
  const l = instantLocale;
  if (
    instantGeneration === zoneUseGeneration() &&
    l[0] === Settings.defaultLocale &&
    l[1] === Settings.defaultNumberingSystem &&
    l[2] === Settings.defaultOutputCalendar &&
    l[3] === Settings.defaultWeekSettings
  )
    return true;
  instantGeneration = zoneUseGeneration();
  instantLocale = [Settings.defaultLocale, Settings.defaultNumberingSystem, Settings.defaultOutputCalendar, Settings.defaultWeekSettings];
  return false;
}

/** The DateTime of the instant `ms` in `zone` (a zone of zoneOf), the same object for the same instant and zone. */
export function instantIn(ms: number, zone: Zone): DateTime {
  if (!instantsValid() || instantCount >= 20_000) {
    instants.clear();
    instantCount = 0;
  }
  let byMs = instants.get(zone);
  if (!byMs) instants.set(zone, (byMs = new Map()));
  let dt = byMs.get(ms);
  if (!dt) {
    dt = DateTime.fromMillis(ms, { zone });
    byMs.set(ms, dt);
    instantCount++;
  }
  return dt;
}

/** The zone of zoneOf, as its class. */
const tzdbZone = (zone: string): TzdbZone => zones.get(zone) ?? (zoneOf(zone) as TzdbZone);

/** The one offset (minutes) of a zone that never changed (UTC, Etc/GMT+5), else undefined. */
export function fixedOffsetOf(zone: string): number | undefined {
  return tzdbZone(zone).fixedOffset;
}

/** Offset of `zone` from UTC, in minutes, at the instant `ms`. */
export function offsetAt(zone: string, ms: number): number {
  return tzdbZone(zone).offset(ms);
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
  const wall = utcOfWall(date, hour, minute);
  const before = offsetAt(zone, wall - 18 * HOUR);
  const after = offsetAt(zone, wall + 18 * HOUR);
  // No transition within 18 h either side: the one offset is the answer.
  if (before === after && offsetAt(zone, wall) === before) return { kind: 'ok', ms: wall - before * 60_000 };
  const candidates = [...new Set([before, offsetAt(zone, wall), after])]
    .map((o) => wall - o * 60_000)
    .filter((ms) => offsetAt(zone, ms) * 60_000 === wall - ms)
    .sort((a, b) => a - b);
  const hm = clockText(hour * 60 + minute);
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
  const at = DateTime.fromMillis(ms, { zone: zoneOf(zone) });
  const shifted = clockText(at.hour * 60 + at.minute);
  return {
    kind: 'gap',
    ms,
    warning: `${hm} does not exist in ${zone} on ${date} (clocks go forward): held at ${shifted} ${formatOffset(offsetAt(zone, ms))}`,
  };
}
