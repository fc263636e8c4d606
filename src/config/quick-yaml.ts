/*
 * The plain form most config files are written in, read without the yaml library (pure).
 *
 * A registry of ninety-odd group files spent more time in yaml's lexer, composer and toJS than in
 * anything else tcon did with them (35-50 ms of a cold `tcon ics --all`: each file is small, but
 * the first thousands of calls into a library run in V8's interpreter). quickYaml reads a strict
 * subset of YAML 1.2 line by line: block mappings and sequences indented with spaces, keys that
 * are plain words or dates, one-line values (plain, single- or double-quoted without escapes, and
 * flow sequences and mappings of such scalars), full-line and trailing comments; scalars resolve
 * as the yaml library's core schema resolves them (null, booleans, decimal integers; anything
 * else that could be a number is left to the library). Anything else (anchors, aliases, tags,
 * block scalars, multi-line scalars, escapes, tabs, CR, control characters, duplicate keys,
 * floats, documents markers...) returns undefined, and the caller reads the file with the yaml
 * library as before: what quickYaml accepts it reads as the library does (tested against it on
 * every YAML file of the repository and on generated configs, test/config/quick-yaml.test.ts),
 * and every problem of a file, with its line and column, still comes from the library.
 */

interface Line {
  indent: number;
  text: string;
}

/** Thrown inside the reader when the text leaves the subset; caught by quickYaml. */
class Outside extends Error {}

const outside = (): never => {
  throw new Outside();
};

// The core schema's tests (yaml's schema/common/null.js, core/bool.js, core/int.js, core/float.js).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
/** Plain scalars another core tag (octal, hexadecimal, float, infinity, NaN) could claim: left to the library. */
const OTHER_NUMBER = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;
/** A key: a word (letters, digits, `_`, `-`, `.`, `/`) starting with a letter, digit or `_`. */
const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/;
/** What a plain scalar may not start with (YAML's indicators, quotes handled apart). */
const PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
// Control characters (readYaml reports them), tabs, CR, a BOM, NEL and the other line breaks YAML knows.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]/;

/** A plain scalar as the core schema resolves it. */
function plain(s: string): unknown {
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (INT.test(s)) {
    const n = parseInt(s, 10);
    return Number.isSafeInteger(n) ? n : outside();
  }
  if (OTHER_NUMBER.test(s)) outside();
  return s;
}

/** A plain scalar of block context, its trailing comment removed. */
function blockPlain(s: string): unknown {
  const hash = s.indexOf(' #');
  const v = (hash >= 0 ? s.slice(0, hash) : s).trimEnd();
  if (v === '') return null;
  // `-x` is a plain scalar, `- x` an entry; `: ` inside or a final `:` would be a mapping.
  if ((PLAIN_START.test(v) && !/^-[^\s]/.test(v)) || v.includes(': ') || v.endsWith(':')) outside();
  return plain(v);
}

/** A quoted scalar that is the whole of `s` (a comment may follow). */
function quoted(s: string): string {
  const q = s[0]!;
  let end: number;
  let value: string;
  if (q === '"') {
    end = s.indexOf('"', 1);
    if (end < 0) outside();
    value = s.slice(1, end);
    if (value.includes('\\')) outside();
  } else {
    end = 1;
    value = '';
    for (;;) {
      const at = s.indexOf("'", end);
      if (at < 0) outside();
      if (s[at + 1] === "'") {
        value += `${s.slice(end, at)}'`;
        end = at + 2;
        continue;
      }
      value += s.slice(end, at);
      end = at;
      break;
    }
  }
  const rest = s.slice(end + 1);
  if (rest !== '' && !/^ +(#.*)?$/.test(rest)) outside();
  return value;
}

/** A scalar inside a flow collection: quoted, or plain without flow indicators. */
function flowScalar(s: string): unknown {
  const v = s.trim();
  if (v[0] === '"' || v[0] === "'") return quoted(v);
  if (v === '' || PLAIN_START.test(v) || /[,[\]{}#]|: |:$/.test(v)) outside();
  return plain(v);
}

/** The items of a one-line flow collection's inside, split at commas outside quotes. */
function flowItems(inner: string): string[] {
  const items: string[] = [];
  let from = 0;
  let quote = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') {
      items.push(inner.slice(from, i));
      from = i + 1;
    }
  }
  if (quote) outside();
  items.push(inner.slice(from));
  if (items.length === 1 && items[0]!.trim() === '') return [];
  if (items.some((s) => s.trim() === '')) outside();
  return items;
}

function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__' || Object.prototype.hasOwnProperty.call(obj, key)) outside();
  obj[key] = value;
}

/** A key as the core schema reads it: a word, never null or a boolean (a number stays its digits). */
function keyOf(k: string): string {
  // yaml refuses an implicit key of more than 1024 characters; no config key comes near.
  if (k.length > 256 || !KEY.test(k) || NULL.test(k) || BOOL.test(k) || (OTHER_NUMBER.test(k) && !INT.test(k))) outside();
  // An integer key becomes a JS property by its decimal value ("007" -> "7"), as toJS makes it.
  return INT.test(k) ? String(plain(k)) : k;
}

/** A value written on the line of its key or entry. */
function inline(s: string): unknown {
  const c = s[0];
  if (c === '"' || c === "'") return quoted(s);
  if (c === '[' || c === '{') {
    // The collection ends at its first closing bracket outside quotes; a comment may follow it
    // (`slots: ["09:00"]   # UTC`, as tcon import writes), nothing else may.
    const close = c === '[' ? ']' : '}';
    let end = -1;
    let quote = '';
    for (let i = 1; i < s.length && end < 0; i++) {
      const ch = s[i];
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === close) end = i;
    }
    if (end < 0) outside();
    const rest = s.slice(end + 1);
    if (rest !== '' && !/^ +(#.*)?$/.test(rest)) outside();
    const inner = s.slice(1, end);
    if (/[[\]{}#]/.test(inner.replace(/"[^"]*"|'[^']*'/g, ''))) outside();
    if (c === '[') return flowItems(inner).map(flowScalar);
    const obj: Record<string, unknown> = {};
    for (const item of flowItems(inner)) {
      const m = /^\s*([^\s:"']+):(?: +(.*))?$/.exec(item);
      if (!m) outside();
      setKey(obj, keyOf(m![1]!), m![2] === undefined || m![2].trim() === '' ? null : flowScalar(m![2]));
    }
    return obj;
  }
  return blockPlain(s);
}

/** `key: rest` (rest possibly empty), or undefined when the text is not a mapping entry. */
function entry(text: string): [string, string] | undefined {
  const m = /^([^\s:#'"[\]{},&*!|>%@`?-][^\s:]*|-[^\s:]+):(?: +(.*)|)$/.exec(text);
  if (!m) return undefined;
  return [m[1]!, (m[2] ?? '').trim()];
}

class Reader {
  i = 0;
  constructor(private readonly lines: Line[]) {}

  private peek(): Line | undefined {
    return this.lines[this.i];
  }

  block(indent: number): unknown {
    const line = this.peek()!;
    return line.text === '-' || line.text.startsWith('- ') ? this.sequence(indent) : this.mapping(indent);
  }

  /** The value after `key:` or `-` with nothing else on the line: a nested block, or null. */
  private nested(indent: number, allowSameIndentSequence: boolean): unknown {
    const next = this.peek();
    if (next && next.indent > indent) return this.block(next.indent);
    if (allowSameIndentSequence && next && next.indent === indent && (next.text === '-' || next.text.startsWith('- '))) return this.sequence(indent);
    return null;
  }

  /** After a value written inline: no line may continue it (a multi-line scalar is the library's). */
  private noContinuation(indent: number): void {
    const next = this.peek();
    if (next && next.indent > indent) outside();
  }

  mapping(indent: number, first?: string): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    let text = first;
    for (;;) {
      if (text === undefined) {
        const line = this.peek();
        if (!line || line.indent < indent) break;
        if (line.indent > indent || line.text === '-' || line.text.startsWith('- ')) {
          // A sequence at the mapping's indent ends it only after a key with no inline value (nested()).
          if (line.indent === indent) break;
          outside();
        }
        text = line.text;
        this.i++;
      }
      const e = entry(text);
      if (!e) outside();
      const [k, rest] = e!;
      const key = keyOf(k);
      if (rest === '' || rest.startsWith('#')) setKey(obj, key, this.nested(indent, true));
      else {
        setKey(obj, key, inline(rest));
        this.noContinuation(indent);
      }
      text = undefined;
    }
    return obj;
  }

  sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const line = this.peek();
      if (!line || line.indent !== indent || !(line.text === '-' || line.text.startsWith('- '))) {
        if (line && line.indent > indent) outside();
        break;
      }
      this.i++;
      const item = line.text.slice(1);
      const body = item.trimStart();
      const at = indent + 1 + (item.length - body.length);
      if (body === '' || body.startsWith('#')) out.push(this.nested(indent, false));
      else if (body === '-' || body.startsWith('- ')) outside();
      else if (entry(body)) out.push(this.mapping(at, body));
      else {
        out.push(inline(body));
        this.noContinuation(indent);
      }
    }
    return out;
  }
}

/**
 * `text` as plain values, when it is written in the subset described above; undefined otherwise
 * (read it with the yaml library then).
 */
export function quickYaml(text: string): unknown {
  if (UNSAFE.test(text)) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const body = raw.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    if (/^(---|\.\.\.)(\s|$)/.test(raw) || raw.startsWith('%')) return undefined;
    lines.push({ indent: raw.length - body.length, text: body.trimEnd() });
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  try {
    const reader = new Reader(lines);
    const data = reader.block(0);
    return reader.i === lines.length ? data : undefined;
  } catch (e) {
    if (e instanceof Outside) return undefined;
    throw e;
  }
}
