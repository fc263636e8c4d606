/*
 * The schedule as commands print it (schedule, init, move, skip, add): a table of meetings, the
 * next meetings from now, and the difference between two schedules. Not a command: commands
 * import it, never each other.
 */
import type { DateTime } from 'luxon';
import { addDays } from '../schedule/dates.js';
import { slotZoneTime } from '../schedule/present.js';
import { formatHours } from '../schedule/when.js';
import { zoneOf } from '../schedule/zoned.js';
import type { Group, Occurrence } from '../schedule/types.js';
import type { ScheduleBuilder } from './planned.js';
import { renderTable } from './table.js';

/** The next `n` meetings held (not skipped) that have not ended at `now`, looking up to ten years ahead. */
export function nextMeetings(build: ScheduleBuilder, group: Group, now: DateTime, n: number): Occurrence[] {
  const today = now.setZone(zoneOf(group.timezone)).toISODate()!;
  const out: Occurrence[] = [];
  for (let year = 0; year < 10 && out.filter((o) => o.status !== 'skipped').length < n; year++) {
    const from = addDays(today, year * 366);
    out.push(...build(group, { from, to: addDays(from, 365) }).filter((o) => o.end > now));
  }
  const held = out.filter((o) => o.status !== 'skipped');
  const last = held[n - 1];
  return last ? out.filter((o) => o.start <= last.start) : out;
}

function slotText(o: Occurrence, g: Group): string {
  if (o.slot === null) return 'one-off';
  const series = g.series.find((s) => s.id === o.seriesId);
  // A session's host is said beside its time.
  if (series?.session) return '';
  const count = series?.slots.length ?? 1;
  const label = o.slotLabel ? ` ${o.slotLabel}` : '';
  return count > 1 || label ? `${o.slot + 1}/${count}${label}` : '';
}

/** Whether the rows need a Title column: parallel calls and one-offs of their own are told apart by their title. */
export function titled(rows: readonly { group: Group; occ: Occurrence }[]): boolean {
  return rows.some(({ group: g, occ: o }) => o.title !== g.title);
}

/**
 * A meeting's cells: date, weekday, time in the group zone (a slot in another zone: its own time
 * beside it), the title (`withTitle`), slot, status, note (with `extra` notes).
 */
export function meetingCells(g: Group, o: Occurrence, extra: readonly string[] = [], withTitle = false): string[] {
  const s = o.start.setLocale('en-US');
  const own = slotZoneTime(o, g);
  const time = `${formatHours(o.start, o.end)} ${g.zoneLabel}${own ? ` (${own})` : ''}`;
  const note = [o.note, ...o.warnings.filter((w) => w !== o.note), ...extra].filter(Boolean).join('; ');
  return [s.toISODate()!, s.toFormat('ccc'), time, ...(withTitle ? [o.title] : []), slotText(o, g), o.status, note];
}

/** The header of `meetingCells`. */
export function meetingHeader(withTitle = false): string[] {
  return ['Date', 'Day', 'Time', ...(withTitle ? ['Title'] : []), 'Slot', 'Status', 'Note'];
}

/** The table of `tcon schedule`; `notes` adds to a meeting's note (holidays that touch it). */
export function scheduleTable(rows: readonly { group: Group; occ: Occurrence }[], many: boolean, notes?: (occ: Occurrence) => readonly string[]): string {
  const withTitle = titled(rows);
  const header = [...(many ? ['Group'] : []), ...meetingHeader(withTitle)];
  const body = rows.map(({ group: g, occ: o }) => [...(many ? [g.id] : []), ...meetingCells(g, o, notes?.(o), withTitle)]);
  return renderTable(header, body);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What an edit changed in a schedule, as a diff of its table: `-` rows that are gone, `+` rows
 * that are new (a moved meeting is one of each; with a rotation by meeting, a skip also moves
 * the later meetings to other slots, and they show too). Empty when nothing changed.
 */
export function scheduleDiff(group: Group, before: readonly Occurrence[], after: readonly Occurrence[], limit = 12): string {
  const withTitle = titled([...before, ...after].map((occ) => ({ group, occ })));
  const rows = (list: readonly Occurrence[]) => list.map((o) => ({ o, cells: meetingCells(group, o, [], withTitle) }));
  const key = (cells: readonly string[]) => cells.join('\u0000');
  const a = rows(before);
  const b = rows(after);
  const inA = new Set(a.map((r) => key(r.cells)));
  const inB = new Set(b.map((r) => key(r.cells)));
  const changed = [
    ...a.filter((r) => !inB.has(key(r.cells))).map((r) => ({ sign: '-', ...r })),
    ...b.filter((r) => !inA.has(key(r.cells))).map((r) => ({ sign: '+', ...r })),
  ].sort((x, y) => cmp(x.o.date, y.o.date) || cmp(x.o.seriesId ?? '', y.o.seriesId ?? '') || (x.sign === y.sign ? 0 : x.sign === '-' ? -1 : 1));
  if (!changed.length) return '';
  const shown = changed.slice(0, limit);
  const lines = renderTable(
    ['', ...meetingHeader(withTitle)],
    shown.map((r) => [r.sign, ...r.cells]),
  ).split('\n');
  // The underline of the sign column would read as a removed row.
  lines[1] = ` ${lines[1]!.slice(1)}`;
  const rest = changed.length - shown.length;
  if (rest > 0) lines.splice(lines.length - 1, 0, `   ... ${rest} more rows, to ${changed[changed.length - 1]!.o.date}`);
  return lines.join('\n');
}
