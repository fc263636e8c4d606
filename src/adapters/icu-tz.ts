/*
 * The running Node's own time-zone data (ICU), compared with the bundled tz database tcon
 * computes with. Node 20 ships tzdata 2025c and gets no more updates, so a zone whose rules
 * changed since (British Columbia's permanent UTC-07:00 in 2026b...) reads differently in any
 * program that uses Node's data; tcon says so once per zone, so that nobody is surprised when
 * another tool disagrees with it. An adapter: the answer depends on the runtime, not the input.
 */
import { periodAt, transitionsBetween, TZDB_VERSION, zoneRules } from '../tzdb/index.js';
import type { ZoneUse } from '../tzdb/use.js';

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

/**
 * For each zone used, the first instant of its span at which Node's ICU gives another offset
 * than the bundled database. Probes: the span's ends, every week between, and both sides of
 * each change the database has in the span (so a change ICU places on another day is found; a
 * change only ICU has, shorter than a week, could be missed). Nothing to compare when Node's
 * data is the same release (`icuVersion`, default process.versions.tz).
 */
export function icuDisagreements(used: ReadonlyMap<string, ZoneUse>, icuVersion: string | undefined = process.versions.tz): IcuDisagreement[] {
  if (icuVersion === TZDB_VERSION) return [];
  const out: IcuDisagreement[] = [];
  for (const [zone, { from, to }] of used) {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      out.push({ zone, at: from, icu: undefined, tzdb: tzdbOffset(zone, from) });
      continue;
    }
    const probes = [from, to];
    for (let t = from + WEEK; t < to; t += WEEK) probes.push(t);
    for (const c of transitionsBetween(zone, from, to)) probes.push(c.at - 1, c.at);
    probes.sort((a, b) => a - b);
    for (const ms of probes) {
      const icu = icuOffset(format, ms);
      const tzdb = tzdbOffset(zone, ms);
      if (icu !== tzdb) {
        out.push({ zone, at: ms, icu, tzdb });
        break;
      }
    }
  }
  return out;
}

function utcText(min: number): string {
  const a = Math.abs(min);
  return `UTC${min < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
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
