import { isMap, isScalar, isSeq, parseDocument, type Pair } from 'yaml';
import { flow } from './emit.js';

/*
 * The bridges an import needs, added to tcon.yaml: a new file when there is none, else the
 * entries it lacks appended to its `bridges:` list (or a `bridges:` block appended to the file),
 * the rest of the text untouched, as `tcon cancel` edits a group file.
 */

export interface BridgeEntry {
  id: string;
  name: string;
  /** Why it is there, as a comment. */
  comment: string;
}

function entryLine(indent: string, b: BridgeEntry): string {
  return `${indent}- ${flow({ id: b.id, name: b.name })}   # ${b.comment.replace(/[\r\n]+/g, ' ')}`;
}

/**
 * tcon.yaml with `bridges` holding every entry: `{ text, added }`, where `added` lists the ids
 * that were missing (none: the text is returned as it was). Undefined when the existing file's
 * `bridges` cannot be edited in place (not a block list): the caller says so.
 */
export function withBridges(existing: string | undefined, bridges: readonly BridgeEntry[], header: string): { text: string; added: string[] } | undefined {
  if (existing === undefined) {
    const lines = ['# yaml-language-server: $schema=../schema/tcon.schema.json', `# ${header}`, 'bridges:', ...bridges.map((b) => entryLine('  ', b))];
    return { text: `${lines.join('\n')}\n`, added: bridges.map((b) => b.id) };
  }
  const doc = parseDocument(existing);
  if (doc.errors.length || (doc.contents !== null && !isMap(doc.contents))) return undefined;
  const pair = isMap(doc.contents) ? (doc.contents.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === 'bridges') : undefined;
  const have = new Set<string>();
  if (pair && isSeq(pair.value)) {
    for (const item of pair.value.items) if (isMap(item)) have.add(String(item.get('id')));
  }
  const missing = bridges.filter((b) => !have.has(b.id));
  if (!missing.length) return { text: existing, added: [] };
  const base = existing.endsWith('\n') || existing === '' ? existing : `${existing}\n`;
  if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
    if (pair) return undefined;
    return { text: `${base}bridges:   # ${header}\n${missing.map((b) => entryLine('  ', b)).join('\n')}\n`, added: missing.map((b) => b.id) };
  }
  const seq = pair.value;
  if (!isSeq(seq) || seq.flow || !seq.range || !seq.items.length) return undefined;
  // After the line that ends the list, at the column of its first item.
  const firstItem = seq.items[0] as { range?: [number, number, number] };
  const itemStart = firstItem.range?.[0] ?? seq.range[0];
  const lineStart = base.lastIndexOf('\n', itemStart - 1) + 1;
  const dash = base.lastIndexOf('-', itemStart);
  const indent = ' '.repeat(Math.max(0, dash - lineStart));
  const end = seq.range[1];
  const nl = base.indexOf('\n', end - 1 < 0 ? 0 : end - 1);
  const at = nl < 0 ? base.length : nl + 1;
  const insert = `${missing.map((b) => entryLine(indent, b)).join('\n')}\n`;
  return { text: base.slice(0, at) + insert + base.slice(at), added: missing.map((b) => b.id) };
}
