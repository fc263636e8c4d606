import type { DateTime } from 'luxon';
import { describeRule } from './describe.js';
import type { Group, Occurrence, Series, Window } from './types.js';
import { oneLine } from './text.js';
import { formatHours, formatLongDate, formatTimeRange } from './when.js';
import { zoneOf } from './zoned.js';

/** A series' rule in words with the dates the series runs: "3rd Tuesday of every month (from 2019-09-01)". */
export function describeSeries(s: Series): string {
  const words = describeRule(s.rule, s.from);
  // "every other Wednesday from 2027-01-06" says its start already.
  const said = s.from !== undefined && words.endsWith(`from ${s.from}`);
  const range = s.from && s.until ? `${s.from} to ${s.until}` : s.from && !said ? `from ${s.from}` : s.until ? `until ${s.until}` : '';
  return `${words}${range ? ` (${range})` : ''}`;
}

/**
 * The rules of a group in words, as shown above a schedule, a coverage report, a plan and a site
 * page: the series that run in `window` (all of them without one). Series without an id follow
 * one another ("; then "); series with an id run side by side, each named ("plenary: every
 * Monday"); a session list is said as its sessions ("TC39 plenary: 3 sessions, 2026-01-20 to
 * 2026-05-21").
 */
export function rulesInWords(group: Group, window?: Window): string {
  const runs = (s: Series) => !window || ((!s.from || s.from <= window.to) && (!s.until || s.until >= window.from));
  const shown = group.series.filter(runs);
  if (shown.length === 0) return group.series.length ? 'no series runs in this window' : 'no rule (one-off meetings only)';
  const line = shown
    .filter((s) => !s.named)
    .map(describeSeries)
    .join('; then ');
  const parts = line ? [line] : [];
  const lists = new Map<number, Series[]>();
  for (const s of shown.filter((x) => x.named)) {
    if (s.session) lists.set(s.index, [...(lists.get(s.index) ?? []), s]);
    else parts.push(`${s.id}${s.title ? ` (${s.title})` : ''}: ${describeSeries(s)}`);
  }
  for (const list of lists.values()) {
    const first = list[0]!;
    const name = first.session!.list;
    const title = first.session!.title ? ` (${first.session!.title})` : '';
    const zones = [...new Set(list.map((s) => s.slots[0]!.zone))];
    parts.push(
      `${name}${title}: ${list.length} session${list.length === 1 ? '' : 's'}, ${first.from} to ${list[list.length - 1]!.until} (hosts in ${zones.join(', ')})`,
    );
  }
  return parts.join('; ');
}

/**
 * The JSON contract of `tcon schedule --format json` (one object per meeting). Documented in
 * docs/json.md (schema/schedule.output.schema.json); other tools read it, so fields are only ever added.
 */
export interface OccurrenceJson {
  group: string;
  title: string;
  /** The meeting's date (YYYY-MM-DD), its day in the group zone; for moved meetings, the date it was moved from. */
  date: string;
  start: string;
  end: string;
  startUtc: string;
  endUtc: string;
  zone: string;
  zoneLabel: string;
  slot: number | null;
  slotLabel: string | null;
  slotZone: string;
  series: number | null;
  /** The series' id (as in calendar UIDs); null for added meetings. */
  seriesId: string | null;
  status: Occurrence['status'];
  originalStart: string | null;
  note: string | null;
  link: string | null;
  warnings: string[];
}

const iso = (dt: DateTime) => dt.toISO({ suppressMilliseconds: true })!;
const isoUtc = (dt: DateTime) => dt.toUTC().toISO({ suppressMilliseconds: true })!;

export function occurrenceToJson(o: Occurrence, group: Group): OccurrenceJson {
  return {
    group: o.groupId,
    title: o.title,
    date: o.date,
    start: iso(o.start),
    end: iso(o.end),
    startUtc: isoUtc(o.start),
    endUtc: isoUtc(o.end),
    zone: group.timezone,
    zoneLabel: group.zoneLabel,
    slot: o.slot,
    slotLabel: o.slotLabel ?? null,
    slotZone: o.slotZone,
    series: o.seriesIndex,
    seriesId: o.seriesId,
    status: o.status,
    originalStart: o.originalStart ? iso(o.originalStart) : null,
    note: o.note ?? null,
    link: o.link ?? null,
    warnings: o.warnings,
  };
}

/** North America's abbreviations, which (with GMT and UTC) are the ones US English names zones by. */
const NORTH_AMERICAN = new Set(['AST', 'ADT', 'EST', 'EDT', 'CST', 'CDT', 'MST', 'MDT', 'PST', 'PDT', 'AKST', 'AKDT', 'HST', 'HDT']);
/** Where those abbreviations mean North America's zones (not Cuba's CST, nor Manila's PST). */
const NORTH_AMERICA = /^(America|US|Canada)\/(?!Havana$)|^(Pacific\/Honolulu|Pacific\/Johnston|Atlantic\/Bermuda|Jamaica|Navajo)$/;

/**
 * A zone's short name for people: the abbreviation where English has one (PDT, UTC, HST, GMT),
 * else the IANA name (Asia/Tokyo rather than "GMT+9", Asia/Kolkata rather than the ambiguous
 * IST). The abbreviation is the bundled tz database's for that instant (British Columbia's MST
 * from 2026 on), not ICU's; which zones get one follows US English usage as CLDR has it.
 */
export function zoneShortName(dt: DateTime, zone: string): string {
  const abbr = dt.setZone(zoneOf(zone)).offsetNameShort ?? '';
  if (abbr === 'UTC' || abbr === 'GMT') return abbr;
  return NORTH_AMERICAN.has(abbr) && NORTH_AMERICA.test(zone) ? abbr : zone;
}

/**
 * A meeting's own time where its slot's zone is not the group's (a slot pinned to "00:00 UTC", a
 * session at its host's hours): "00:00-01:00 UTC", "10:00-17:00 HST, host". Undefined for a
 * slot in the group's zone.
 */
export function slotZoneTime(o: Occurrence, group: Group, format: (start: DateTime, end: DateTime) => string = formatHours): string | undefined {
  if (o.slotZone === group.timezone) return undefined;
  const s = o.start.setZone(zoneOf(o.slotZone));
  const e = o.end.setZone(zoneOf(o.slotZone));
  const session = o.seriesId !== null && group.series.find((x) => x.id === o.seriesId)?.session;
  return `${format(s, e)} ${zoneShortName(o.start, o.slotZone)}${session ? `, ${o.slotLabel ?? 'host'}` : ''}`;
}

/** Meeting times in words: the one module (when.ts). */
export { formatLongDate, formatTimeRange } from './when.js';

/**
 * Text from the config as Markdown that renders as that text: the characters Markdown or HTML
 * would read as markup are backslash-escaped (CommonMark 2.4: any ASCII punctuation may be), so
 * a title cannot open a `<script>` (no `<`), a `[link](javascript:...)` (no `[`) or an autolink,
 * nor start a heading or a list; line breaks and other control characters become spaces (a new
 * line could start a block; ESC would reach the terminal the Markdown is printed on).
 */
export function markdownText(value: string): string {
  return (
    oneLine(value)
      .replace(/[\\`*_[\]<>&|~]/g, (c) => `\\${c}`)
      // At the start of a line: a heading, a list item, a setext underline.
      .replace(/^(\s*)([#+\-=])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/, '$1\\$2')
  );
}

/**
 * The minutes' "Next Meetings" blocks. Config text is escaped (markdownText); the join link is an
 * http(s) URL (the config checks it). `notes` adds lines to a meeting (the holidays that touch it:
 * "holiday: Memorial Day (US)"), in italics and escaped too (holiday and blackout names come from
 * data and config).
 */
export function renderMarkdown(occurrences: readonly Occurrence[], group: Group, notes?: (o: Occurrence) => readonly string[]): string {
  const blocks: string[] = [];
  for (const o of occurrences) {
    const day = formatLongDate(o.start);
    if (o.status === 'skipped') {
      blocks.push(`**${day}: no call**${o.note ? ` (${markdownText(o.note)})` : ''}`);
      continue;
    }
    const own = slotZoneTime(o, group, formatTimeRange);
    const lines = [`**${day}, ${formatTimeRange(o.start, o.end)} ${markdownText(group.zoneLabel)}${own ? ` (${markdownText(own)})` : ''}**`];
    if (o.title !== group.title) lines.push(markdownText(o.title));
    if (o.note) lines.push(`*${markdownText(o.note)}*`);
    for (const n of notes?.(o) ?? []) lines.push(`*${markdownText(`${n.charAt(0).toUpperCase()}${n.slice(1)}`)}*`);
    if (o.link && /^https?:\/\/[^\s<>"]+$/.test(o.link)) lines.push(`<${o.link}>`);
    blocks.push(lines.join('\n\n'));
  }
  return blocks.join('\n\n') + (blocks.length ? '\n' : '');
}

/**
 * One CSV cell. A text starting with `=`, `+`, `-`, `@`, a tab or a CR is a formula to a
 * spreadsheet (CSV injection): it gets a leading `'` and is quoted, as OWASP recommends. Numbers
 * are written as they are.
 */
function csvCell(v: unknown): string {
  if (typeof v === 'number') return String(v);
  let s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join('; ') : String(v);
  const formula = /^[=+\-@\t\r]/.test(s);
  if (formula) s = `'${s}`;
  return formula || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_FIELDS: (keyof OccurrenceJson)[] = [
  'group',
  'title',
  'date',
  'start',
  'end',
  'startUtc',
  'endUtc',
  'zone',
  'slot',
  'slotLabel',
  'status',
  'note',
  'link',
  'warnings',
];

/** RFC 4180 CSV with a header row, the JSON contract's main fields. */
export function renderCsv(rows: readonly OccurrenceJson[]): string {
  const lines = [CSV_FIELDS.join(',')];
  for (const r of rows) lines.push(CSV_FIELDS.map((f) => csvCell(r[f])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** renderCsv's header line, and each row's line (for output written as it is made). */
export const CSV_HEADER = `${CSV_FIELDS.join(',')}\r\n`;
export const csvRow = (r: OccurrenceJson): string => `${CSV_FIELDS.map((f) => csvCell(r[f])).join(',')}\r\n`;

/** The size of a piece of JSON text (JsonArrayWriter.pieces), in characters. */
const PIECE = 1 << 15;

/**
 * `JSON.stringify(items, null, 2)`, the same bytes, in pieces: the items of each batch (one
 * group's meetings) as they are made, so that a 50-year schedule of 1,000 groups is never one
 * string (V8 caps a string at 512 MB: "Invalid string length"). `indent`: the array's own
 * indentation when it is a member of an object written around it (two spaces per level).
 */
export class JsonArrayWriter {
  private first = true;
  constructor(private readonly indent = '') {}
  /**
   * The text of `items`, to follow what was written before. JSON.stringify indents them itself:
   * they are stringified inside as many arrays as the indent has levels, and the brackets of those
   * are cut off (no second pass over the text to indent it).
   */
  items(items: readonly unknown[]): string {
    return this.pieces(items).join('');
  }

  /**
   * items' text in pieces of about PIECE characters: each made by JSON.stringify of as many items
   * as have made about that much so far. A text of more than 128 KB (a group's rows of `check`)
   * gets memory pages of its own, touched anew, for it and for each copy made to write it: on a
   * virtual machine those page faults were most of `check --all` of 1,000 groups (issue 14).
   */
  pieces(items: readonly unknown[]): string[] {
    const out: string[] = [];
    const depth = this.indent.length / 2 + 1;
    // Level d (from 0) opens with its indent, "[" and a line break before the first item, and
    // closes with a line break, its indent and "]" after the last: 2d + 2 characters each.
    const cut = depth * (depth + 1);
    let per = 16;
    for (let at = 0; at < items.length; at += per) {
      // As many items as made about PIECE characters last time, at most twice as many (rows differ in length).
      if (out.length) per = Math.max(1, Math.min(2 * per, Math.floor((per * PIECE) / Math.max(1, out[out.length - 1]!.length))));
      let wrapped: unknown = items.slice(at, at + per);
      for (let d = 1; d < depth; d++) wrapped = [wrapped];
      const text = JSON.stringify(wrapped, null, 2);
      out.push(`${this.first ? '[\n' : ',\n'}${text.slice(cut, text.length - cut)}`);
      this.first = false;
    }
    return out;
  }
  /** The end of the array. */
  end(): string {
    return this.first ? '[]' : `\n${this.indent}]`;
  }
}
