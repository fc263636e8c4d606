/*
 * VTIMEZONE blocks from the bundled tz database (src/tzdb), the same data every offset of tcon
 * comes from: a client that computes instants from the block (Outlook, ical.js, libical) puts
 * each meeting where `tcon schedule` does.
 *
 * A block covers a span of instants (those the calendar file uses: `zoneSpans`). It starts with
 * the observance in effect at the span's start (its true onset, however long ago) and lists
 * every change of offset or abbreviation in the span as tzdata has it:
 * - changes of one kind (same offsets, abbreviation and local time of day) that follow one
 *   yearly rule (the nth or last weekday of a month, a weekday on or after a day of the month,
 *   or a fixed day) in consecutive years (judged over two more years on each side of the span)
 *   become one observance with an RRULE, from an earlier year's change where tzdata has one,
 *   ending (UNTIL) a day after the last of them in the span (beyond the span the block promises
 *   nothing);
 * - the other changes (a permanent change of offset, Morocco's Ramadan changes) are DTSTART
 *   plus RDATE values of an observance per kind.
 * Outlook's import turns these into one rule per year (its multi-rule TZDEFINITION).
 * DAYLIGHT marks a change to an offset higher than those before and after it; STANDARD any
 * other. Offsets are written to the minute (tzdata has seconds only before 1972, and ical.js
 * reads no seconds): the onset of such an old observance is still exact, as its DTSTART is
 * written with the same rounded offset.
 */
import { readWall, readWallMs } from './wall.js';
import { periodAt, transitionBefore, transitionsBetween, zoneRules, type Transition } from '../tzdb/index.js';
import type { CalendarEvent } from './types.js';
import { offsetClock } from '../schedule/dates.js';
import { endMs, startMs } from '../schedule/times.js';

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const MIN = 60_000;
const DAY = 86_400_000;
const LOOK_AROUND = 2 * 366 * DAY;

/** One change as a VTIMEZONE says it: local onset (with the offset before) and the rest. */
interface Onset {
  t: Transition;
  kind: 'STANDARD' | 'DAYLIGHT';
  from: number;
  to: number;
  /** Local wall time of the onset, as UTC fields of (instant + offset before). */
  local: Date;
  /** Observances are grouped by this: kind, offsets, abbreviation, local time of day. */
  key: string;
}

const roundOffset = (min: number) => Math.round(min);

function onset(t: Transition, next: Transition | undefined): Onset {
  const from = roundOffset(t.from);
  const to = roundOffset(t.to);
  const kind = to > from && (next === undefined || roundOffset(next.to) < to) ? 'DAYLIGHT' : 'STANDARD';
  const local = new Date(t.at + from * MIN);
  const time = local.toISOString().slice(11, 19);
  return { t, kind, from, to, local, key: `${kind}|${from}|${to}|${t.abbrTo}|${time}` };
}

/** A yearly rule an onset may follow: RRULE parts and a test for the onset of another year. */
interface Form {
  rule: string;
  matches(d: Date): boolean;
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();

function forms(d: Date): Form[] {
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  const wd = d.getUTCDay();
  const by = `BYMONTH=${month + 1}`;
  const sameMonthDay = (x: Date) => x.getUTCMonth() === month && x.getUTCDay() === wd;
  const out: Form[] = [];
  const n = Math.ceil(day / 7);
  if (n <= 4) out.push({ rule: `${by};BYDAY=${n}${WEEKDAYS[wd]}`, matches: (x) => sameMonthDay(x) && Math.ceil(x.getUTCDate() / 7) === n });
  if (day + 7 > daysIn(d.getUTCFullYear(), month)) {
    out.push({ rule: `${by};BYDAY=-1${WEEKDAYS[wd]}`, matches: (x) => sameMonthDay(x) && x.getUTCDate() + 7 > daysIn(x.getUTCFullYear(), month) });
  }
  out.push({ rule: `${by};BYMONTHDAY=${day}`, matches: (x) => x.getUTCMonth() === month && x.getUTCDate() === day });
  // "Fri>=23": the weekday among seven days in a row (Israel's rule), as vzic writes it. Each
  // year of a run is checked against the data, so a month too short for the seven days breaks it.
  for (let first = Math.max(1, day - 6); first <= day && first + 6 <= daysIn(d.getUTCFullYear(), month); first++) {
    const days = Array.from({ length: 7 }, (_, i) => first + i);
    out.push({
      rule: `${by};BYMONTHDAY=${days.join(',')};BYDAY=${WEEKDAYS[wd]}`,
      matches: (x) => sameMonthDay(x) && x.getUTCDate() >= first && x.getUTCDate() <= first + 6,
    });
  }
  return out;
}

/** An observance: STANDARD or DAYLIGHT, with DTSTART and an RRULE or RDATEs. */
interface Observance {
  first: Onset;
  rrule?: string | undefined;
  rdates: Onset[];
}

const icsLocal = (d: Date) => d.toISOString().slice(0, 19).replace(/[-:]/g, '');
const icsUtc = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** TZOFFSETFROM/TO: "+0530". */
const offsetText = (min: number) => offsetClock(min, '');

/**
 * Groups the onsets into observances: per kind, runs of consecutive years that follow one yearly
 * rule become an RRULE, the rest DTSTART and RDATEs. `onsets` run from two years before the span
 * to two years after it, so that a rule tzdata keeps is an RRULE even when the span holds one
 * change of it, and its DTSTART is an earlier year's change where tzdata has one (ts-ics, under
 * some machine zones, loses an observance whose one onset is its DTSTART). Written: the runs
 * with a change in [`fromMs` (the change in effect at the span's start), `toMs`], and the other
 * changes in that range.
 */
function observances(onsets: Onset[], fromMs: number, toMs: number): Observance[] {
  const byKey = new Map<string, Onset[]>();
  for (const o of onsets) byKey.set(o.key, [...(byKey.get(o.key) ?? []), o]);
  const out: Observance[] = [];
  for (const list of byKey.values()) {
    const singles: Onset[] = [];
    let i = 0;
    while (i < list.length && list[i]!.t.at <= toMs) {
      const start = list[i]!;
      let best = { end: i + 1, form: undefined as Form | undefined };
      for (const f of forms(start.local)) {
        let j = i + 1;
        while (j < list.length && list[j]!.local.getUTCFullYear() === list[j - 1]!.local.getUTCFullYear() + 1 && f.matches(list[j]!.local)) j++;
        if (j > best.end) best = { end: j, form: f };
      }
      const written = list.slice(i, best.end).filter((o) => o.t.at >= fromMs && o.t.at <= toMs);
      // UNTIL a day after the last onset: the same rule for RFC 5545 (the next instance is a year
      // later), and right for readers that compare UNTIL with the onset's local time (ts-ics).
      if (written.length && best.form)
        out.push({ first: start, rrule: `FREQ=YEARLY;${best.form.rule};UNTIL=${icsUtc(written[written.length - 1]!.t.at + DAY)}`, rdates: [] });
      else singles.push(...written);
      i = best.end;
    }
    if (singles.length) out.push({ first: singles[0]!, rdates: singles.slice(1) });
  }
  return out.sort((a, b) => a.first.t.at - b.first.t.at);
}

/**
 * The VTIMEZONE (text, CRLF lines) of `zone` that gives every instant in [fromMs, toMs] the
 * offset the bundled tz database gives it. The TZID is `zone` as written.
 */
export function vtimezoneBlock(zone: string, fromMs: number, toMs: number): string {
  const key = `${zone}|${fromMs}|${toMs}`;
  let block = blocks.get(key);
  if (block === undefined) {
    block = makeBlock(zone, fromMs, toMs);
    // Mail renders the same block for every member: keep the last few.
    if (blocks.size >= 64) blocks.delete(blocks.keys().next().value!);
    blocks.set(key, block);
  }
  return block;
}

const blocks = new Map<string, string>();

function makeBlock(zone: string, fromMs: number, toMs: number): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  // The change in effect at the span's start, and the changes from two years before it to two
  // years after the span (see observances).
  const before = transitionBefore(zone, fromMs);
  const around = transitionsBetween(zone, (before?.at ?? fromMs) - LOOK_AROUND, toMs + LOOK_AROUND);
  const changes = before && !around.some((t) => t.at === before.at) ? [before, ...around] : around;
  if (changes.length === 0) {
    // A zone that never changed (UTC, Etc/GMT-3): one observance from the epoch.
    const rules = zoneRules(zone);
    const i = periodAt(rules, fromMs);
    const offset = offsetText(roundOffset(rules.offsets[i]!));
    lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, `TZNAME:${rules.abbrs[i]!}`, 'END:STANDARD');
  } else {
    const onsets = changes.map((t, i) => onset(t, changes[i + 1]));
    const first = before?.at ?? changes[0]!.at;
    for (const o of observances(onsets, first, Math.max(toMs, first))) {
      const f = o.first;
      lines.push(
        `BEGIN:${f.kind}`,
        `DTSTART:${icsLocal(f.local)}`,
        ...(o.rrule ? [`RRULE:${o.rrule}`] : []),
        // Every onset of an RDATE observance, DTSTART's too, one RDATE property each: ical.js
        // reads only the first value of an RDATE and ignores DTSTART once there is one (a
        // repeated onset is harmless to the others: RFC 5545 3.8.5.2 makes a set of them).
        ...(o.rdates.length ? [o.first, ...o.rdates].map((r) => `RDATE:${icsLocal(r.local)}`) : []),
        `TZOFFSETFROM:${offsetText(f.from)}`,
        `TZOFFSETTO:${offsetText(f.to)}`,
        `TZNAME:${f.t.abbrTo}`,
        `END:${f.kind}`,
      );
    }
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/** The instants a calendar file uses, per TZID: the span its VTIMEZONE must cover. */
export class ZoneSpans {
  private readonly spans = new Map<string, { from: number; to: number }>();
  add(zone: string, ...instants: number[]): this {
    for (const ms of instants) this.addOne(zone, ms);
    return this;
  }
  /** add() of one instant (no array of them: zoneSpans calls it per meeting). */
  addOne(zone: string, ms: number): this {
    if (zone === 'UTC') return this;
    const s = this.spans.get(zone);
    if (!s) this.spans.set(zone, { from: ms, to: ms });
    else {
      if (ms < s.from) s.from = ms;
      if (ms > s.to) s.to = ms;
    }
    return this;
  }
  /** Adds every span of `other` (the spans of both sets of instants together). */
  merge(other: ZoneSpans): this {
    for (const [zone, s] of other.spans) this.addOne(zone, s.from).addOne(zone, s.to);
    return this;
  }
  /**
   * The span for `zone`, widened by a day on each side (a client may read the day around a
   * meeting, e.g. to show it); undefined when no instant was added for it.
   */
  get(zone: string): { from: number; to: number } | undefined {
    const s = this.spans.get(zone);
    return s && { from: s.from - DAY, to: s.to + DAY };
  }
  /** The VTIMEZONE for `zone` covering its span. */
  block(zone: string): string | undefined {
    const s = this.get(zone);
    return s && vtimezoneBlock(zone, s.from, s.to);
  }
}

/**
 * The spans of the TZIDs the events are written with: a series from its first instance (DTSTART)
 * to the last rule date's instance, EXDATEs and overrides included; events of their own.
 */
export function zoneSpans(events: readonly CalendarEvent[], spans = new ZoneSpans()): ZoneSpans {
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    // UTC needs no VTIMEZONE (add() ignores it): nothing of a UTC event is read.
    if (e.kind === 'single') {
      if (e.zone !== 'UTC') spans.addOne(e.zone, startMs(e.meeting)).addOne(e.zone, endMs(e.meeting));
      continue;
    }
    if (e.zone !== 'UTC') {
      spans.addOne(e.zone, readWall(e.dtstart, e.zone).ms);
      for (const w of e.exdates) spans.addOne(e.zone, readWall(w, e.zone).ms);
    }
    for (let k = 0; k < e.meetings.length; k++) {
      const m = e.meetings[k]!;
      if (e.zone !== 'UTC') spans.addOne(e.zone, startMs(m)).addOne(e.zone, endMs(m));
      if (m.recurrenceId && 'tzid' in m.recurrenceId && m.recurrenceId.tzid !== 'UTC')
        spans.addOne(m.recurrenceId.tzid, readWallText(m.recurrenceId.wall, m.recurrenceId.tzid));
    }
    for (const o of e.overrides) if (o.zone !== 'UTC') spans.addOne(o.zone, startMs(o.meeting)).addOne(o.zone, endMs(o.meeting));
  }
  return spans;
}

/** The instant of a written wall time "YYYYMMDDTHHmmss" in `zone`. */
export function readWallText(wall: string, zone: string): number {
  // `YYYYMMDDTHHmm..` read digit by digit (no date text made per meeting), as the form below reads it.
  if (wall.length >= 13 && wall.charCodeAt(8) === 84) {
    let ok = true;
    const n = (from: number, to: number) => {
      let v = 0;
      for (let i = from; i < to; i++) {
        const c = wall.charCodeAt(i) - 48;
        if (c < 0 || c > 9) ok = false;
        v = v * 10 + c;
      }
      return v;
    };
    const at = Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(9, 11), n(11, 13));
    if (ok) return readWallMs(at, zone).ms;
  }
  return readWall(
    { date: `${wall.slice(0, 4)}-${wall.slice(4, 6)}-${wall.slice(6, 8)}`, hour: Number(wall.slice(9, 11)), minute: Number(wall.slice(11, 13)) },
    zone,
  ).ms;
}
