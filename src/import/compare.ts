import { DateTime } from 'luxon';
import { parseGroup } from '../config/parse.js';
import type { ConfigProblem } from '../config/problems.js';
import { buildSchedule } from '../schedule/build.js';
import { zoneOf } from '../schedule/zoned.js';
import type { Window } from '../schedule/types.js';

/*
 * An import checks itself: the meetings of the config it wrote, as tcon's schedule builds them
 * (the group file read back by the config parser, expanded by buildSchedule), against the
 * source's own meetings, computed without tcon's rule engine (yaml2ical's ISO-week rule, or
 * ical.js's expansion of the calendar). Meetings are compared by start and end instant.
 */

/** One meeting: its start and end instants (ms since the epoch) and what to call it in a report. */
export interface Instant {
  start: number;
  end: number;
  label?: string;
}

export interface Comparison {
  /** Meetings compared (the source's). */
  count: number;
  /** In the source, not in the imported schedule; and the reverse. */
  missing: Instant[];
  extra: Instant[];
}

/** Compares two lists of meetings as multisets of (start, end). */
export function compareMeetings(source: readonly Instant[], imported: readonly Instant[]): Comparison {
  const key = (i: Instant) => `${i.start}/${i.end}`;
  const left = new Map<string, Instant[]>();
  for (const i of imported) left.set(key(i), [...(left.get(key(i)) ?? []), i]);
  const missing: Instant[] = [];
  for (const i of source) {
    const same = left.get(key(i));
    if (same?.length) same.pop();
    else missing.push(i);
  }
  const extra = [...left.values()].flat().sort((a, b) => a.start - b.start);
  return { count: source.length, missing, extra };
}

/**
 * The meetings held in `window` by the group file `text` (skipped ones left out), as tcon
 * builds them, or the problems that keep the file from loading.
 */
export function importedMeetings(text: string, file: string, window: Window): { meetings?: Instant[]; problems: ConfigProblem[] } {
  const { group, problems } = parseGroup(text, file);
  if (!group) return { problems: problems.filter((p) => p.severity === 'error') };
  const meetings = buildSchedule(group, window)
    .filter((o) => o.status !== 'skipped')
    .map((o) => ({ start: o.start.toMillis(), end: o.end.toMillis(), label: o.title }));
  return { meetings, problems };
}

/** A meeting in words, in `zone`: "Thu 2027-01-07 14:00-15:00 UTC". */
export function describeInstant(i: Instant, zone = 'UTC'): string {
  const s = DateTime.fromMillis(i.start, { zone: zoneOf(zone) });
  const e = DateTime.fromMillis(i.end, { zone: zoneOf(zone) });
  const label = zone === 'UTC' ? 'UTC' : s.toFormat('ZZZZ');
  return `${s.toFormat('ccc yyyy-MM-dd HH:mm')}-${e.toFormat(e.hasSame(s, 'day') ? 'HH:mm' : 'yyyy-MM-dd HH:mm')} ${label}${i.label ? ` (${i.label})` : ''}`;
}
