import { isMap, isScalar, isSeq, parseDocument, stringify, type Node, type Pair } from 'yaml';
import { yamlEscaped } from '../schedule/text.js';

// Edits of a group file that people keep in git: the text is changed where the edit is and
// nowhere else, so the commit shows one line. Re-serialising the whole document (yaml's
// `toString`) would re-flow every flow map, move comments and re-quote strings.

/** The fields of one `meetings:` entry, as plain data (`{ skip: ..., link: ... }`). */
export type MeetingFields = Record<string, unknown>;

/** What an edit does to the entry of one date: its new fields, or undefined to remove the entry. */
export type EntryChange = (fields: MeetingFields | undefined) => MeetingFields | undefined;

function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** The offset just after the end of the line holding `pos` (a newline is added at the end of the text when missing). */
function afterLine(text: string, pos: number): { text: string; at: number } {
  const nl = text.indexOf('\n', pos);
  if (nl >= 0) return { text, at: nl + 1 };
  return { text: `${text}\n`, at: text.length + 1 };
}

/**
 * A scalar on one line: a string with a line break or control character is written as a
 * double-quoted JSON string ("\n" escapes; YAML's double-quoted style is a superset of JSON's),
 * never as a multi-line scalar, which would reach into the lines after the entry (a `--reason`
 * with a line break must change that entry's line and no other). Times are quoted ("08:00"), so
 * that no YAML 1.1 reader takes them for numbers (sexagesimal 8:00 is 480).
 */
function scalar(v: unknown): string {
  const escaped = typeof v === 'string' ? yamlEscaped(v) : undefined;
  if (escaped !== undefined) return escaped;
  if (typeof v === 'string' && /^\d{1,2}:\d{2}\b/.test(v)) return JSON.stringify(v);
  return stringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trim();
}

/** A meeting entry's fields as one flow line. */
function flow(value: MeetingFields): string {
  return `{ ${Object.entries(value)
    .map(([k, v]) => `${scalar(k)}: ${Array.isArray(v) ? `[${v.map(scalar).join(', ')}]` : scalar(v)}`)
    .join(', ')} }`;
}

function splice(text: string, from: number, to: number, insert: string): string {
  return text.slice(0, from) + insert + text.slice(to);
}

/** Deep equality of plain data, whatever the order of keys. */
function same(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, canon(x)]),
          )
        : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/** Where a `meetings:` map sits: the group's (`['meetings']`) or a series' own (`['series', i, 'meetings']`). */
export type MeetingsPath = readonly ['meetings'] | readonly ['series', number, 'meetings'];

function meetingsPath(seriesIndex: number | undefined): MeetingsPath {
  return seriesIndex === undefined ? ['meetings'] : ['series', seriesIndex, 'meetings'];
}

/** `data` with the value at `path` replaced by `set(old value)` (plain data, copied along the path). */
function setPath(data: unknown, path: readonly (string | number)[], set: (v: unknown) => unknown): unknown {
  if (path.length === 0) return set(data);
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(data)) return data.map((x, i) => (i === head ? setPath(x, rest, set) : x));
  const obj = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  return { ...obj, [head]: setPath(obj[head], rest, set) };
}

/** Whether `edited` reads as `original` with the entry of `date` under `base` set to `expected` (undefined: none), and nothing else changed. */
function editedAsMeant(original: string, edited: string, base: MeetingsPath, date: string, expected: MeetingFields | undefined): boolean {
  const a = parseDocument(original);
  const b = parseDocument(edited);
  if (a.errors.length || b.errors.length) return false;
  // An empty meetings: reads as none.
  const entries = (v: unknown) => {
    const out = { ...((v as Record<string, unknown> | undefined) ?? {}) };
    if (expected) out[date] = expected;
    else delete out[date];
    return out;
  };
  const want = setPath(a.toJS() ?? {}, base, entries);
  const got = setPath(b.toJS() ?? {}, base, (v) => v ?? {});
  return same(want, got);
}

/** The line edit; undefined for a layout it does not handle. */
function lineEdit(text: string, base: MeetingsPath, date: string, change: EntryChange): { text: string; fields: MeetingFields | undefined } | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length) return undefined;
  const meetings = doc.getIn(base, true) as Node | undefined;
  if (meetings === undefined) {
    const fields = change(undefined);
    if (!fields) return { text, fields };
    if (base.length === 1) {
      const head = text.length && !text.endsWith('\n') ? `${text}\n` : text;
      return { text: `${head}meetings:\n  ${date}: ${flow(fields)}\n`, fields };
    }
    // A series written as a block mapping gains `meetings:` after its last key, at its keys' indent.
    const item = doc.getIn(base.slice(0, 2), true) as Node | undefined;
    if (!isMap(item) || item.flow || !item.items.length) return undefined;
    const firstKey = (item.items[0] as Pair).key as Node | undefined;
    const last = item.items[item.items.length - 1] as Pair;
    const end = ((last.value ?? last.key) as Node | undefined)?.range?.[1];
    if (!firstKey?.range || end === undefined) return undefined;
    const indent = ' '.repeat(firstKey.range[0] - lineStart(text, firstKey.range[0]));
    const after = afterLine(text, Math.max(0, end - 1));
    return { text: splice(after.text, after.at, after.at, `${indent}meetings:\n${indent}  ${date}: ${flow(fields)}\n`), fields };
  }
  if (!isMap(meetings) || meetings.flow) return undefined;
  const pairs = meetings.items as Pair[];
  const existing = pairs.find((p) => keyText(p) === date);
  if (existing) {
    // `2027-05-18: { link: ... }` becomes `2027-05-18: { link: ..., skip: ... }`.
    const value = existing.value as Node | null;
    if (!isMap(value) || !value.range) return undefined;
    const fields = change({ ...(value.toJSON() as MeetingFields) });
    if (fields) return { text: splice(text, value.range[0], value.range[1], flow(fields)), fields };
    // The entry goes: its lines, when it is the only thing on them (the last entry takes its
    // `meetings:` line along, when that line holds nothing else).
    const key = existing.key as Node | undefined;
    if (!key?.range) return undefined;
    const end = afterLine(text, Math.max(value.range[1] - 1, key.range[1]));
    let from = lineStart(text, key.range[0]);
    if (text.slice(from, key.range[0]).trim()) return undefined;
    if (pairs.length < 2) {
      const parent = doc.getIn(base.slice(0, -1), true) ?? doc.contents;
      const own = isMap(parent) ? (parent.items as Pair[]).find((p) => keyText(p) === 'meetings')?.key : undefined;
      const at = (own as Node | undefined)?.range?.[0];
      if (at === undefined) return undefined;
      const line = lineStart(text, at);
      if (text.slice(line, from).trim() !== 'meetings:') return undefined;
      from = line;
    }
    return { text: splice(end.text, from, end.at, ''), fields };
  }
  const fields = change(undefined);
  if (!fields) return { text, fields };
  const first = pairs[0]?.key as Node | undefined;
  if (pairs.length && !first?.range) return undefined;
  const indent = first?.range ? first.range[0] - lineStart(text, first.range[0]) : 2;
  const line = `${' '.repeat(indent)}${date}: ${flow(fields)}\n`;
  // In date order: before the first later date, else after the last entry.
  const later = pairs.find((p) => (keyText(p) ?? '') > date);
  const laterKey = later?.key as Node | undefined;
  if (laterKey?.range) return { text: splice(text, lineStart(text, laterKey.range[0]), lineStart(text, laterKey.range[0]), line), fields };
  const last = pairs[pairs.length - 1];
  const end = ((last?.value ?? last?.key) as Node | undefined)?.range?.[1];
  if (end === undefined) return undefined;
  const after = afterLine(text, Math.max(0, end - 1));
  return { text: splice(after.text, after.at, after.at, line), fields };
}

/**
 * Changes the `meetings:` entry of `date` in a group file's text (the group's, or with
 * `seriesIndex` the series' own `series[i].meetings`, where a series with an id keeps its
 * meetings' skips and moves), changing only that entry's line (a new entry is one new line, in
 * date order). Pure: text in, text out. A layout the line edit does not handle (flow-style
 * `meetings`, a series written as a flow mapping, an entry that is not a mapping) is rewritten
 * by yaml, comments kept.
 */
export function editMeetingEntry(text: string, date: string, change: EntryChange, seriesIndex?: number): string {
  const base = meetingsPath(seriesIndex);
  const edited = lineEdit(text, base, date, change);
  if (edited !== undefined && editedAsMeant(text, edited.text, base, date, edited.fields)) return edited.text;
  const doc = parseDocument(text);
  const current = doc.getIn([...base, date]);
  const fields = change(isMap(current) ? { ...(current.toJSON() as MeetingFields) } : undefined);
  if (!fields) {
    const meetings = doc.getIn(base);
    if (isMap(meetings)) meetings.delete(date);
    return doc.toString({ lineWidth: 0, doubleQuotedAsJSON: true, blockQuote: false });
  }
  if (!doc.hasIn(base) || !isMap(doc.getIn(base))) doc.setIn(base, doc.createNode({}));
  const node = doc.createNode(fields);
  node.flow = true;
  doc.setIn([...base, date], node);
  return doc.toString({ lineWidth: 0, doubleQuotedAsJSON: true, blockQuote: false });
}

/**
 * Adds `skip: <reason>` for the meeting of `date` (the meeting's date, its day in the group's
 * zone) to a group file's text (and drops a `move` of that date: a cancelled meeting is not held
 * anywhere), changing only that entry's line; with `seriesIndex`, under that series' own
 * `meetings:` (a series with an id). Pure: text in, text out.
 */
export function addSkipToGroupText(text: string, date: string, reason: string, seriesIndex?: number): string {
  return editMeetingEntry(
    text,
    date,
    (fields) => {
      const out = { ...fields };
      delete out.move;
      return { ...out, skip: reason };
    },
    seriesIndex,
  );
}

/**
 * Moves the meeting of `date` (`move: <to>`, as the config reads it: a date and time, a date
 * alone or a time alone, optionally with a zone), dropping a `skip` of that date; with
 * `seriesIndex`, under that series' own `meetings:`. Pure.
 */
export function addMoveToGroupText(text: string, date: string, to: string, seriesIndex?: number): string {
  return editMeetingEntry(
    text,
    date,
    (fields) => {
      const out = { ...fields };
      delete out.skip;
      return { ...out, move: to };
    },
    seriesIndex,
  );
}

/**
 * Adds a one-off meeting at `time` (`"HH:mm"`, optionally with a zone and a day offset) on
 * `date` (its day in the group's zone): `add`, a list once there are two. One-offs belong to the
 * group's `meetings:`. Pure.
 */
export function addOneOffToGroupText(text: string, date: string, time: string): string {
  return editMeetingEntry(text, date, (fields) => {
    const add = fields?.add;
    const list = add === undefined ? [] : Array.isArray(add) ? add : [add];
    return { ...fields, add: list.length ? [...list, time] : time };
  });
}

/**
 * Removes the `rank`th one-off time (`add`) of `date` from a group file's text (`tcon cancel` of
 * a one-off meeting): the entry loses that time, and goes when nothing else is left in it. Pure.
 */
export function removeAddFromGroupText(text: string, date: string, rank: number): string {
  const doc = parseDocument(text);
  const entry = doc.getIn(['meetings', date], true);
  if (!isMap(entry)) return text;
  const add = entry.get('add', true);
  if (!(isScalar(add) && rank === 0) && !(isSeq(add) && rank < add.items.length)) return text;
  return editMeetingEntry(text, date, (fields) => {
    const out = { ...fields };
    const list = Array.isArray(out.add) ? [...(out.add as unknown[])] : [];
    list.splice(rank, 1);
    if (list.length === 0) delete out.add;
    else out.add = list;
    return Object.keys(out).length ? out : undefined;
  });
}
