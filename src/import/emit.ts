import { stringify } from 'yaml';
import { headerSafe } from '../mail/text.js';
import { MAX_HEADER_TEXT } from '../schedule/address.js';
import { cut, oneLine, yamlEscaped } from '../schedule/text.js';

/*
 * The YAML an import writes, line by line: people read and keep these files, so every field
 * carries a comment saying where it came from. Values go through yaml's own stringify (so a
 * title with a colon, a quote or a leading "*" is quoted as YAML needs), always on one line; text
 * from the source that ends up in a comment is put on one line and cleaned of control characters,
 * so no value of the source can end a comment early and write a key of its own.
 */

/** A value as a one-line YAML scalar: quoted when YAML needs it, escaped when it holds a line break. */
export function scalar(v: string | number | boolean): string {
  const escaped = typeof v === 'string' ? yamlEscaped(v) : undefined;
  if (escaped !== undefined) return escaped;
  return stringify(v, { lineWidth: 0 }).trim();
}

/** A value always double-quoted (times: YAML 1.1 readers take an unquoted 14:00 for the number 840). */
export function quoted(v: string): string {
  return JSON.stringify(v);
}

/** A flow mapping on one line: `{ skip: "Holiday", title: x }`; undefined values are left out. */
export function flow(entries: Record<string, string | number | boolean | undefined>): string {
  const parts = Object.entries(entries)
    .filter((e): e is [string, string | number | boolean] => e[1] !== undefined)
    .map(([k, v]) => `${scalar(k)}: ${scalar(v)}`);
  return `{ ${parts.join(', ')} }`;
}

/** Text of the source made safe for a comment: one line, no control characters, at most `max` characters. */
export function commentText(text: string, max = 300): string {
  return cut(oneLine(text), max);
}

/** Comment lines of at most ~100 columns at `indent`, from one text (wrapped at spaces). */
export function commentLines(text: string, indent = '', width = 100): string[] {
  const words = commentText(text, 2000).split(' ');
  const out: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && indent.length + 2 + line.length + 1 + w.length > width) {
      out.push(`${indent}# ${line}`);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(`${indent}# ${line}`);
  return out;
}

/** `key: value   # comment` (the comment cleaned, on the same line). */
export function keyLine(indent: string, key: string, value: string, comment?: string): string {
  return `${indent}${key}: ${value}${comment ? `   # ${commentText(comment)}` : ''}`;
}

/** A group or series id from free text: lowercase letters, digits and dashes. */
export function slug(text: string, fallback = 'group'): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || fallback;
}

/**
 * A title, name or reason for a field tcon puts in mail headers (at most 200 characters, one
 * line, no RFC 2047 encoded word): cleaned, and said when it had to be.
 */
export function headerText(text: string): { text: string; changed: boolean } {
  const t = headerSafe(text, MAX_HEADER_TEXT);
  return { text: t, changed: t !== text };
}
