/*
 * The IANA time-zone database tcon computes with: every offset (schedule, coverage, mail text,
 * VTIMEZONE) comes from here, never from the running Node's ICU, whose data is frozen with the
 * runtime (Node 20 has tzdata 2025c and gets no more updates). The data is moment-timezone's
 * packed file, turned into a module at build time (scripts/tzdata.js), one function per zone
 * whose record is read and unpacked the first time the zone is used: a command pays only for the
 * zones it touches, not for the whole database.
 *
 * Names: every zone and link of the release (`isZoneName`). Which of them a user may write is
 * decided in names.ts (abbreviation-like links such as EST are refused there).
 */
import { LINKS, SOURCE, VERSION, ZONES } from './data.generated.js';

/** The IANA release tcon computes with, e.g. "2026f". */
export const TZDB_VERSION: string = VERSION;

/** The npm package (and version) the data comes from. */
export const TZDB_SOURCE: string = SOURCE;

/** One zone's history: period i has `offsets[i]` and `abbrs[i]` until `untils[i]` (the last until is Infinity). */
export interface ZoneRules {
  /** Instants (ms) at which each period ends, ascending; the last is Infinity. */
  readonly untils: readonly number[];
  /** Offset of each period in minutes east of UTC (+330 for Asia/Kolkata). */
  readonly offsets: readonly number[];
  /** Abbreviation of each period ("EST", "CEST", "+0530"; "LMT" before standard time). */
  readonly abbrs: readonly string[];
  /** Population of the zone's area (moment-timezone's figure; 0 when unknown), to rank suggestions. */
  readonly population: number;
}

/** One change of offset or abbreviation. */
export interface Transition {
  /** The instant (ms) of the change. */
  at: number;
  /** Offsets (minutes east of UTC) before and after. */
  from: number;
  to: number;
  /** Abbreviations before and after. */
  abbrFrom: string;
  abbrTo: string;
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Whether `name` is a zone or link of the database, exactly as spelled (case matters). */
export function isZoneName(name: string): boolean {
  return has(ZONES, name) || has(LINKS, name);
}

let names: string[] | undefined;

/** Every zone and link name, sorted. */
export function allZoneNames(): readonly string[] {
  return (names ??= [...Object.keys(ZONES), ...Object.keys(LINKS)].sort());
}

/** moment-timezone's base-60 numbers: 0-9a-zA-X, an optional fraction after ".", an optional "-". */
function base60(s: string): number {
  let i = 0;
  let sign = 1;
  if (s.charCodeAt(0) === 45) {
    i = 1;
    sign = -1;
  }
  const dot = s.indexOf('.');
  const end = dot < 0 ? s.length : dot;
  let out = 0;
  for (; i < end; i++) out = out * 60 + digit(s.charCodeAt(i));
  if (dot >= 0) {
    let m = 1;
    for (let j = dot + 1; j < s.length; j++) {
      m /= 60;
      out += digit(s.charCodeAt(j)) * m;
    }
  }
  return out * sign;
}

function digit(c: number): number {
  if (c > 96) return c - 87; // a-z: 10-35
  if (c > 64) return c - 29; // A-X: 36-59
  return c - 48; // 0-9
}

/**
 * The record unpacked in one pass over its characters: a zone's first use is on every cold
 * start, and New York has 1,160 changes (a split-and-map version took twice as long).
 */
function unpack(packed: string): ZoneRules {
  const b1 = packed.indexOf('|');
  const b2 = packed.indexOf('|', b1 + 1);
  const b3 = packed.indexOf('|', b2 + 1);
  const b4 = packed.indexOf('|', b3 + 1);
  const abbrSet = packed.slice(0, b1).split(' ');
  // Offsets are written in minutes west of UTC: turned around here, so east is positive, and
  // rounded to the second (local mean times before standard time have fractions of a minute).
  const offsetSet = packed
    .slice(b1 + 1, b2)
    .split(' ')
    .map((o) => Math.round(-base60(o) * 60) / 60 || 0);
  const n = b3 - b2 - 1;
  const offsets: number[] = new Array(n);
  const abbrs: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = digit(packed.charCodeAt(b2 + 1 + i));
    offsets[i] = offsetSet[k]!;
    abbrs[i] = abbrSet[k]!;
  }
  // Untils: n - 1 space-separated base-60 minute deltas, each maybe signed or with a fraction.
  const untils: number[] = new Array(n);
  let total = 0;
  let k = 0;
  let value = 0;
  let sign = 1;
  let scale = 0; // 0: whole part; else the weight of the next fractional digit
  for (let i = b3 + 1; i <= b4 && k < n - 1; i++) {
    const c = i === b4 ? 32 : packed.charCodeAt(i);
    if (c === 32) {
      total += sign * value * 60_000;
      untils[k++] = Math.round(total);
      value = 0;
      sign = 1;
      scale = 0;
    } else if (c === 45) sign = -1;
    else if (c === 46) scale = 1 / 60;
    else if (scale) {
      value += digit(c) * scale;
      scale /= 60;
    } else value = value * 60 + digit(c);
  }
  untils[n - 1] = Infinity;
  return { untils, offsets, abbrs, population: Number(packed.slice(b4 + 1)) || 0 };
}

const unpacked = new Map<string, ZoneRules>();

/** The history of zone or link `name`; throws for a name the database does not have. */
export function zoneRules(name: string): ZoneRules {
  let r = unpacked.get(name);
  if (!r) {
    const zone = has(ZONES, name) ? name : has(LINKS, name) ? LINKS[name]! : undefined;
    if (zone === undefined) throw new Error(`unknown time zone "${name}" (not in the IANA database ${VERSION})`);
    r = unpacked.get(zone) ?? unpack(ZONES[zone]!());
    unpacked.set(zone, r);
    unpacked.set(name, r);
  }
  return r;
}

/** Index of the period of `rules` in effect at instant `ms`. */
export function periodAt(rules: ZoneRules, ms: number): number {
  const u = rules.untils;
  let lo = 0;
  let hi = u.length - 1;
  // The first period whose until is after ms.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u[mid]! > ms) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The changes of offset or abbreviation of zone `name` at instants in (fromMs, toMs]: what a
 * VTIMEZONE lists. A record that changes neither (the data has a few) is left out.
 */
export function transitionsBetween(name: string, fromMs: number, toMs: number): Transition[] {
  const r = zoneRules(name);
  const out: Transition[] = [];
  for (let i = periodAt(r, fromMs); i < r.untils.length - 1 && r.untils[i]! <= toMs; i++) {
    const at = r.untils[i]!;
    if (at <= fromMs) continue;
    if (r.offsets[i] === r.offsets[i + 1] && r.abbrs[i] === r.abbrs[i + 1]) continue;
    out.push({ at, from: r.offsets[i]!, to: r.offsets[i + 1]!, abbrFrom: r.abbrs[i]!, abbrTo: r.abbrs[i + 1]! });
  }
  return out;
}

/** The last change of zone `name` at or before `ms`, if any. */
export function transitionBefore(name: string, ms: number): Transition | undefined {
  const r = zoneRules(name);
  for (let i = periodAt(r, ms) - 1; i >= 0; i--) {
    if (r.offsets[i] === r.offsets[i + 1] && r.abbrs[i] === r.abbrs[i + 1]) continue;
    return { at: r.untils[i]!, from: r.offsets[i]!, to: r.offsets[i + 1]!, abbrFrom: r.abbrs[i]!, abbrTo: r.abbrs[i + 1]! };
  }
  return undefined;
}

/** The first change of zone `name` after `ms`, if any. */
export function transitionAfter(name: string, ms: number): Transition | undefined {
  const r = zoneRules(name);
  for (let i = periodAt(r, ms); i < r.untils.length - 1; i++) {
    if (r.offsets[i] === r.offsets[i + 1] && r.abbrs[i] === r.abbrs[i + 1]) continue;
    return { at: r.untils[i]!, from: r.offsets[i]!, to: r.offsets[i + 1]!, abbrFrom: r.abbrs[i]!, abbrTo: r.abbrs[i + 1]! };
  }
  return undefined;
}
