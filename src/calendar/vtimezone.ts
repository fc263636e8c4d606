/*
 * timezones-ical-library describes each zone by today's rules only (observances from 1970 with
 * a yearly RRULE, or a fixed offset). Clients compute instants from that VTIMEZONE, not from the
 * tz database, so a meeting in a year whose rules differed (Brazil had DST until 2019, Mexico
 * until 2022) would show at another time. This module reads those VTIMEZONEs back (their only
 * two forms: a fixed offset, or FREQ=YEARLY;BYMONTH=m;BYDAY=[-]nDD) to find such meetings.
 */
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { offsetAt } from '../schedule/zoned.js';

interface Observance {
  from: number;
  to: number;
  /** Wall time of the onset (read with `from`). */
  month: number;
  day: number;
  hour: number;
  minute: number;
  year: number;
  rule: { month: number; n: number; weekday: number } | undefined;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const cache = new Map<string, Observance[] | null>();

function minutes(offset: string): number {
  const m = /^([+-])(\d\d)(\d\d)(\d\d)?$/.exec(offset.trim());
  if (!m) return NaN;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The observances of the library's VTIMEZONE for `zone`, or null when it has no block. */
function observances(zone: string): Observance[] | null {
  if (cache.has(zone)) return cache.get(zone)!;
  const got = tzlib_get_ical_block(zone);
  const block = Array.isArray(got) ? got[0] : undefined;
  let out: Observance[] | null = null;
  if (block) {
    out = [];
    for (const part of block.split(/BEGIN:(?:STANDARD|DAYLIGHT)\r?\n/).slice(1)) {
      const prop = (name: string) => new RegExp(`^${name}[:;](.*)$`, 'm').exec(part)?.[1]?.trim();
      const dt = /(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)/.exec(prop('DTSTART') ?? '');
      const rr = /BYMONTH=(\d+);BYDAY=([+-]?\d)(SU|MO|TU|WE|TH|FR|SA)/.exec(prop('RRULE') ?? '');
      if (!dt) continue;
      out.push({
        from: minutes(prop('TZOFFSETFROM') ?? ''),
        to: minutes(prop('TZOFFSETTO') ?? ''),
        year: Number(dt[1]),
        month: Number(dt[2]),
        day: Number(dt[3]),
        hour: Number(dt[4]),
        minute: Number(dt[5]),
        rule: rr ? { month: Number(rr[1]), n: Number(rr[2]), weekday: WEEKDAYS.indexOf(rr[3]!) } : undefined,
      });
    }
  }
  cache.set(zone, out);
  return out;
}

/** Day of month of the nth (or, n < 0, nth from last) `weekday` of `month` in `year`. */
function nthWeekday(year: number, month: number, n: number, weekday: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay();
  return lastDay - ((last - weekday + 7) % 7) + (n + 1) * 7;
}

/** The offset (minutes) a client reading the library's VTIMEZONE of `zone` gives instant `ms`. */
export function vtimezoneOffset(zone: string, ms: number): number | undefined {
  const obs = observances(zone);
  if (!obs || obs.length === 0) return undefined;
  const year = new Date(ms).getUTCFullYear();
  let best: { at: number; to: number } | undefined;
  for (const o of obs) {
    const onsets: number[] = [];
    if (!o.rule) onsets.push(Date.UTC(o.year, o.month - 1, o.day, o.hour, o.minute) - o.from * 60_000);
    else {
      for (const y of [year - 1, year, year + 1]) {
        if (y < o.year) continue;
        const d = nthWeekday(y, o.rule.month, o.rule.n, o.rule.weekday);
        onsets.push(Date.UTC(y, o.rule.month - 1, d, o.hour, o.minute) - o.from * 60_000);
      }
    }
    for (const at of onsets) if (at <= ms && (!best || at > best.at)) best = { at, to: o.to };
  }
  // Before the first onset: the first observance's TZOFFSETFROM (RFC 5545 3.6.5).
  return best ? best.to : obs[0]!.from;
}

/**
 * Instants (ms) among `instants` that a client would place differently from the tz database,
 * because the VTIMEZONE written for `zone` describes other rules for their year.
 */
export function vtimezoneDisagrees(zone: string, instants: readonly number[]): number[] {
  if (zone === 'UTC') return [];
  return instants.filter((ms) => {
    const v = vtimezoneOffset(zone, ms);
    return v !== undefined && v !== offsetAt(zone, ms);
  });
}
