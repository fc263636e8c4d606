/*
 * The running Node's own time-zone data (ICU), compared with the bundled tz database tcon
 * computes with. Node 20 ships tzdata 2025c and gets no more updates, so a zone whose rules
 * changed since (British Columbia's permanent UTC-07:00 in 2026b...) reads differently in any
 * program that uses Node's data; tcon says so once per zone, so that nobody is surprised when
 * another tool disagrees with it. An adapter: the answer depends on the runtime, not the input.
 */
import { readFileSync } from 'node:fs';
import { allZoneNames, periodAt, transitionsBetween, TZDB_VERSION, zoneRules } from '../tzdb/index.js';
import type { ZoneUse } from '../tzdb/use.js';
import { offsetClock } from '../schedule/dates.js';

export interface IcuDisagreement {
  zone: string;
  /** The first instant probed at which the two differ. */
  at: number;
  /** Offsets (minutes east of UTC) at `at`; `icu` is undefined when Node does not know the zone. */
  icu: number | undefined;
  tzdb: number;
}

const WEEK = 7 * 86_400_000;
const OFFSET_RE = /GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/;

function tzdbOffset(zone: string, ms: number): number {
  const r = zoneRules(zone);
  return Math.round(r.offsets[periodAt(r, ms)]!);
}

/** Node's offset for `zone` at `ms` from ICU's "GMT+05:30" name. */
function icuOffset(format: Intl.DateTimeFormat, ms: number): number | undefined {
  const m = OFFSET_RE.exec(format.format(ms));
  if (!m) return undefined;
  if (!m[1]) return 0;
  const min = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -min : min;
}

/** The first of `probes` (ascending) at which Node's ICU and the bundled database give `zone` different offsets. */
function firstDisagreement(zone: string, probes: readonly number[]): IcuDisagreement | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  } catch {
    return { zone, at: probes[0]!, icu: undefined, tzdb: tzdbOffset(zone, probes[0]!) };
  }
  for (const ms of probes) {
    const icu = icuOffset(format, ms);
    const tzdb = tzdbOffset(zone, ms);
    if (icu !== tzdb) return { zone, at: ms, icu, tzdb };
  }
  return undefined;
}

/** The build's list of zones to compare (see icuZonesToCompare), for this very Node and database. */
export interface IcuZoneList {
  icu: string;
  tz: string | undefined;
  tzdata: string;
  zones: string[];
}

const LIST = new URL('../../dist/icu-zones.json', import.meta.url);

/** The zones worth comparing at run time, when the build's list was made by this Node with this database; undefined: every zone. */
function zonesToCompare(): Set<string> | undefined {
  try {
    const list = JSON.parse(readFileSync(LIST, 'utf8')) as IcuZoneList;
    if (list.icu === process.versions.icu && list.tz === process.versions.tz && list.tzdata === TZDB_VERSION) return new Set(list.zones);
  } catch {
    // No list (a library checkout without a build): compare every zone.
  }
  return undefined;
}

/**
 * For each zone used, the first instant of its span at which Node's ICU gives another offset
 * than the bundled database. Probes: the span's ends, every week between, and both sides of
 * each change the database has in the span (so a change ICU places on another day is found; a
 * change only ICU has, shorter than a week, could be missed). Nothing to compare when Node's
 * data is the same release (`icuVersion`, default process.versions.tz), nor for a zone the
 * build found ICU agrees with (`npm run build` lists the others, dist/icu-zones.json: then a
 * command on such zones creates no ICU formatter at all).
 */
export function icuDisagreements(used: ReadonlyMap<string, ZoneUse>, icuVersion: string | undefined = process.versions.tz): IcuDisagreement[] {
  if (icuVersion === TZDB_VERSION) return [];
  const worth = zonesToCompare();
  const out: IcuDisagreement[] = [];
  for (const [zone, { from, to }] of used) {
    if (worth && !worth.has(zone)) continue;
    const probes = [from, to];
    for (let t = from + WEEK; t < to; t += WEEK) probes.push(t);
    for (const c of transitionsBetween(zone, from, to)) probes.push(c.at - 1, c.at);
    const d = firstDisagreement(
      zone,
      probes.sort((a, b) => a - b),
    );
    if (d) out.push(d);
  }
  return out;
}

/**
 * For the build (scripts/icu-zones.js): every zone name for which this Node's ICU gives another
 * offset than the bundled database at some instant of 1970-2100 where either is likely to
 * change: both sides of each change of the database, and 1 January and 1 July of each year (a
 * season of daylight saving that only ICU has covers one of them). A second or so for the whole
 * database; at run time only these zones are compared.
 */
export function icuZonesToCompare(): IcuZoneList {
  const from = Date.UTC(1970, 0, 1);
  const to = Date.UTC(2100, 0, 1);
  const seasons: number[] = [];
  for (let y = 1970; y < 2100; y++) seasons.push(Date.UTC(y, 0, 1), Date.UTC(y, 6, 1));
  const zones = allZoneNames().filter((zone) => {
    const probes = [...seasons];
    for (const c of transitionsBetween(zone, from, to)) probes.push(c.at - 1, c.at);
    return (
      firstDisagreement(
        zone,
        probes.sort((a, b) => a - b),
      ) !== undefined
    );
  });
  return { icu: process.versions.icu ?? '', tz: process.versions.tz, tzdata: TZDB_VERSION, zones };
}

function utcText(min: number): string {
  return `UTC${offsetClock(min)}`;
}

/** One line of stderr for a disagreement. */
export function describeIcuDisagreement(d: IcuDisagreement, icuVersion: string | undefined = process.versions.tz): string {
  const node = `Node's own time-zone data (ICU${icuVersion ? `, tzdata ${icuVersion}` : ''})`;
  const date = new Date(d.at + d.tzdb * 60_000).toISOString().slice(0, 10);
  const what =
    d.icu === undefined
      ? `${node} does not know ${d.zone}`
      : `${node} puts ${d.zone} at ${utcText(d.icu)} on ${date}, tzdata ${TZDB_VERSION} at ${utcText(d.tzdb)}`;
  return `tcon: note: ${what}; tcon uses tzdata ${TZDB_VERSION} (programs that use Node's or an older system's data may show other times)`;
}

/** Writes one line per zone used whose offsets Node's ICU gives differently. */
export function reportIcuDisagreements(used: ReadonlyMap<string, ZoneUse>, stderr: { write(s: string): unknown }): void {
  for (const d of icuDisagreements(used)) stderr.write(`${describeIcuDisagreement(d)}\n`);
}
