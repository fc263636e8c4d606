import { isMap, isScalar, parseDocument, stringify, type Node, type Pair } from 'yaml';

// Edits of a group file that people keep in git: the text is changed where the edit is and
// nowhere else, so the commit shows one line. Re-serialising the whole document (yaml's
// `toString`) would re-flow every flow map, move comments and re-quote strings.

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
 * with a line break must change that entry's line and no other).
 */
function scalar(v: unknown): string {
  if (typeof v === 'string' && /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(v)) {
    return JSON.stringify(v).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  return stringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trim();
}

function flow(value: Record<string, unknown>): string {
  return `{ ${Object.entries(value)
    .map(([k, v]) => `${scalar(k)}: ${Array.isArray(v) ? `[${v.map(scalar).join(', ')}]` : scalar(v)}`)
    .join(', ')} }`;
}

function splice(text: string, from: number, to: number, insert: string): string {
  return text.slice(0, from) + insert + text.slice(to);
}

function hasSkip(text: string, ruleDate: string, reason: string): boolean {
  const doc = parseDocument(text);
  return doc.errors.length === 0 && doc.getIn(['meetings', ruleDate, 'skip']) === reason && doc.getIn(['meetings', ruleDate, 'move']) === undefined;
}

function textEdit(text: string, ruleDate: string, reason: string): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length) return undefined;
  const meetings = doc.get('meetings', true) as Node | undefined;
  if (meetings === undefined) {
    const base = text.length && !text.endsWith('\n') ? `${text}\n` : text;
    return `${base}meetings:\n  ${ruleDate}: ${flow({ skip: reason })}\n`;
  }
  if (!isMap(meetings) || meetings.flow) return undefined;
  const pairs = meetings.items as Pair[];
  const existing = pairs.find((p) => keyText(p) === ruleDate);
  if (existing) {
    // `2027-05-18: { link: ... }` becomes `2027-05-18: { link: ..., skip: ... }` (a move is dropped).
    const value = existing.value as Node | null;
    if (!isMap(value) || !value.range) return undefined;
    const fields = { ...(value.toJSON() as Record<string, unknown>) };
    delete fields.move;
    fields.skip = reason;
    return splice(text, value.range[0], value.range[1], flow(fields));
  }
  const first = pairs[0]?.key as Node | undefined;
  if (pairs.length && !first?.range) return undefined;
  const indent = first?.range ? first.range[0] - lineStart(text, first.range[0]) : 2;
  const line = `${' '.repeat(indent)}${ruleDate}: ${flow({ skip: reason })}\n`;
  // In date order: before the first later date, else after the last entry.
  const later = pairs.find((p) => (keyText(p) ?? '') > ruleDate);
  const laterKey = later?.key as Node | undefined;
  if (laterKey?.range) return splice(text, lineStart(text, laterKey.range[0]), lineStart(text, laterKey.range[0]), line);
  const last = pairs[pairs.length - 1];
  const end = ((last?.value ?? last?.key) as Node | undefined)?.range?.[1];
  if (end === undefined) return undefined;
  const after = afterLine(text, Math.max(0, end - 1));
  return splice(after.text, after.at, after.at, line);
}

/**
 * Adds `skip: <reason>` for the meeting of `ruleDate` to a group file's text (and drops a `move`
 * of that date: a cancelled meeting is not held anywhere), changing only that entry's line.
 * Pure: text in, text out.
 */
export function addSkipToGroupText(text: string, ruleDate: string, reason: string, seriesIndex?: number): string {
  if (seriesIndex === undefined) {
    const edited = textEdit(text, ruleDate, reason);
    if (edited !== undefined && hasSkip(edited, ruleDate, reason)) return edited;
  }
  // A layout the line edit does not handle (flow-style meetings, an empty entry), or a series'
  // own meetings (a series with an id): let yaml rewrite the document, keeping comments.
  const doc = parseDocument(text);
  const base = seriesIndex === undefined ? ['meetings'] : ['series', seriesIndex, 'meetings'];
  if (!doc.hasIn(base) || !isMap(doc.getIn(base))) doc.setIn(base, doc.createNode({}));
  const existing = doc.getIn([...base, ruleDate]);
  if (!isMap(existing)) doc.setIn([...base, ruleDate], doc.createNode({ skip: reason }));
  else {
    existing.delete('move');
    existing.set('skip', reason);
  }
  return doc.toString({ lineWidth: 0, doubleQuotedAsJSON: true, blockQuote: false });
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
  if (isScalar(add) && rank === 0) entry.delete('add');
  else if (add && typeof add === 'object' && 'items' in add && Array.isArray((add as { items: unknown[] }).items)) {
    const items = (add as { items: unknown[] }).items;
    if (rank >= items.length) return text;
    items.splice(rank, 1);
    if (items.length === 0) entry.delete('add');
  } else return text;
  if (entry.items.length === 0) (doc.get('meetings') as { delete(k: string): boolean }).delete(date);
  return doc.toString({ lineWidth: 0 });
}
