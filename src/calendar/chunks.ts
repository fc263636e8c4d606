/*
 * A series lives for years; an invitation covers a window. Which events (UIDs) carry a series'
 * meetings is decided here, so that a member's calendar only ever grows (pure).
 *
 * Design (docs/design.md, "The lifetime of a series"): a series is written as one recurring event per
 * calendar year ("chunk"), UID `<group>-<series id>-<year>@tcon.invalid`. A chunk covers the span
 * of dates that runs have told about (the windows that touched its year, hull), and a later run
 * only ever widens that span within its year: a December run for next year creates next year's
 * chunk and leaves this year's alone; a run whose window starts in June re-sends this year's
 * chunk whole, January to December, never a truncated copy. Why chunks and not one event that
 * grows: a re-sent REQUEST replaces the whole event (RFC 5546), so one event for the life of a
 * series would carry every override of every year in every update (a rotation overrides every
 * other meeting), while a year's chunk stays the size of a year and past years are never
 * re-sent. The span of a chunk is kept in the state; events of the first format (one event per
 * series, UID without a year) are adopted as chunks of their recorded span and go on as before.
 */
import { addDays } from '../schedule/dates.js';
import type { Group, IsoDate, Occurrence, Series, Window } from '../schedule/types.js';
import { zoneOf } from '../schedule/zoned.js';
import type { Chunk, GroupState } from './types.js';

export type { Chunk } from './types.js';

/**
 * A meeting's date, the one every output speaks of: the day it is held in the group's zone (for
 * a meeting held where the rule placed it, its `date`). Windows, chunks and the state select
 * meetings by it.
 */
export function meetingDate(o: Occurrence, groupZone: string): IsoDate {
  return o.status === 'moved' ? o.start.setZone(zoneOf(groupZone)).toISODate()! : o.date;
}

const UID_DOMAIN = 'tcon.invalid';

/** UID of a series as the first format wrote it (one event per series). */
export function seriesUid(groupId: string, seriesId: string): string {
  return `${groupId}-${seriesId}@${UID_DOMAIN}`;
}

/** UID of a series' chunk for `year`. */
export function chunkUid(groupId: string, seriesId: string, year: number, piece = 1): string {
  return `${groupId}-${seriesId}-${year}${piece > 1 ? `-${piece}` : ''}@${UID_DOMAIN}`;
}

/** UID of one meeting written as an event of its own. */
export function meetingUid(groupId: string, key: string): string {
  return `${groupId}-${key}@${UID_DOMAIN}`;
}

interface Span {
  from: IsoDate;
  to: IsoDate;
}

const yearOf = (d: IsoDate) => Number(d.slice(0, 4));
const overlaps = (a: Span, b: Span) => a.from <= b.to && b.from <= a.to;

/** The part of `window` a series can have meetings in (its from/until). */
function seriesRange(series: Series, window: Window): Span | undefined {
  const from = series.from && series.from > window.from ? series.from : window.from;
  const to = series.until && series.until < window.to ? series.until : window.to;
  return from <= to ? { from, to } : undefined;
}

/** `span` minus the `taken` spans (sorted), as the free intervals left. */
function subtract(span: Span, taken: readonly Span[]): Span[] {
  const out: Span[] = [];
  let from = span.from;
  for (const t of [...taken].sort((a, b) => (a.from < b.from ? -1 : 1))) {
    if (t.to < from || t.from > span.to) continue;
    if (t.from > from) out.push({ from, to: addDays(t.from, -1) });
    from = addDays(t.to, 1);
    if (from > span.to) return out;
  }
  if (from <= span.to) out.push({ from, to: span.to });
  return out;
}

/** The chunks of `series` recorded in the state (the first format's event included). */
function knownChunks(group: Group, series: Series, previous: GroupState | undefined): Chunk[] {
  const out: Chunk[] = [];
  for (const [uid, ev] of Object.entries(previous?.events ?? {})) {
    if (ev.kind !== 'series') continue;
    if (ev.series === series.id && ev.span) {
      out.push({ uid, seriesId: series.id, year: ev.year, from: ev.span.from, to: ev.span.to });
    } else if (ev.series === undefined && uid === seriesUid(group.id, series.id)) {
      const dates = Object.values(ev.meetings)
        .map((m) => m.date)
        .sort();
      if (dates.length) out.push({ uid, seriesId: series.id, year: undefined, from: dates[0]!, to: dates[dates.length - 1]! });
    }
  }
  return out.sort((a, b) => (a.from < b.from ? -1 : 1));
}

/**
 * The chunks a run for `window` writes, per series: every recorded chunk whose span meets the
 * window (widened, within its year, by the part of the window it can take), and new chunks for
 * what is left of the window, one per year. Recorded chunks the window does not meet are not
 * written (members keep them as they are).
 */
export function planChunks(group: Group, window: Window, previous: GroupState | undefined): Chunk[] {
  const out: Chunk[] = [];
  for (const series of group.series) {
    const known = knownChunks(group, series, previous);
    const range = seriesRange(series, window);
    const touched = new Map<string, Chunk>();
    // Chunks the window meets, and chunks reaching past the series' own dates (it was ended
    // early, or starts later now): those meetings are gone whatever the window.
    const outside = (c: Chunk) => (series.until !== undefined && c.to > series.until) || (series.from !== undefined && c.from < series.from);
    for (const c of known) if (overlaps(c, window) || outside(c)) touched.set(c.uid, { ...c });
    for (let y = range ? yearOf(range.from) : 0; range && y <= yearOf(range.to); y++) {
      const part: Span = { from: range.from > `${y}-01-01` ? range.from : `${y}-01-01`, to: range.to < `${y}-12-31` ? range.to : `${y}-12-31` };
      const mine = known.filter((c) => c.year === y);
      const others = known.filter((c) => c.year !== y);
      // The year minus other chunks (a first-format event may cover part of it): each free
      // interval holds at most one chunk of this year, widened to what the window asks for.
      let piece = 1;
      for (const free of subtract({ from: `${y}-01-01`, to: `${y}-12-31` }, others)) {
        const want = subtract(part, others).filter((s) => overlaps(s, free));
        const inFree = mine.find((c) => overlaps(c, free));
        if (inFree) {
          const c = touched.get(inFree.uid) ?? { ...inFree };
          for (const s of want) {
            if (s.from < c.from) c.from = s.from;
            if (s.to > c.to) c.to = s.to;
          }
          if (want.length || touched.has(inFree.uid)) touched.set(c.uid, c);
        } else if (want.length) {
          const from = want[0]!.from;
          const to = want[want.length - 1]!.to;
          let uid = chunkUid(group.id, series.id, y, piece);
          while (known.some((k) => k.uid === uid) || touched.has(uid)) uid = chunkUid(group.id, series.id, y, ++piece);
          touched.set(uid, { uid, seriesId: series.id, year: y, from, to });
        }
        piece++;
      }
    }
    out.push(...[...touched.values()].sort((a, b) => (a.from < b.from ? -1 : 1)));
  }
  return out;
}

/** The dates a run must build the schedule for: the window and every chunk it writes. */
export function scheduleWindow(window: Window, chunks: readonly Chunk[]): Window {
  let { from, to } = window;
  for (const c of chunks) {
    if (c.from < from) from = c.from;
    if (c.to > to) to = c.to;
  }
  return { from, to };
}
