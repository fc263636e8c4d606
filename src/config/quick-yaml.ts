/*
 * The plain form most config files are written in, read without the yaml library (pure).
 *
 * A registry of ninety-odd group files spent more time in yaml's lexer, composer and toJS than in
 * anything else tcon did with them (35-50 ms of a cold `tcon ics --all`: each file is small, but
 * the first thousands of calls into a library run in V8's interpreter). quickYaml reads a strict
 * subset of YAML 1.2 line by line: block mappings and sequences indented with spaces (or a document
 * that is one flow collection on one line, as `{}`), keys that
 * are plain words or dates, one-line values (plain, single- or double-quoted without escapes, and
 * flow sequences and mappings of such scalars), full-line and trailing comments; scalars resolve
 * as the yaml library's core schema resolves them (null, booleans, decimal integers; anything
 * else that could be a number is left to the library). Anything else (anchors, aliases, tags,
 * block scalars, multi-line scalars, escapes, tabs, CR, control characters, duplicate keys,
 * floats, documents markers...) returns undefined, and the caller reads the file with the yaml
 * library as before: what quickYaml accepts it reads as the library does (tested against it on
 * every YAML file of the repository and on generated configs, test/config/quick-yaml.test.ts),
 * and every problem of the YAML itself still comes from the library. quickYamlNodes reads a file
 * again to say where each value is, as the library would (the line, column and text of a problem
 * found later, SourceMap.lazy): compared with the library's on the same files and generated ones.
 */

interface Line {
  indent: number;
  text: string;
  /** Offset in the source of the line's first character (its indent's). */
  start: number;
  /** Offset of the line's end (its newline, or the end of the source), trailing spaces included. */
  end: number;
}

/**
 * Where a value of a quickYaml reading is in its source, as the yaml library's node there has it
 * (`range[0]` and `range[1]`): what SourceMap needs to name a problem's line, column and text
 * without parsing the file again with the library. Scalars carry the library's `type` and value
 * (SourceMap points inside a one-line rule phrase). A block collection ends at the end of its last
 * line (the library may extend it over the comments and blank lines that follow: only the text of
 * a position's first line is ever shown).
 */
export type YamlNode =
  | { kind: 'scalar'; start: number; end: number; type: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'; value: unknown }
  | { kind: 'map'; start: number; end: number; pairs: Map<string, { key: [number, number]; value: YamlNode }> }
  | { kind: 'seq'; start: number; end: number; items: YamlNode[] };

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
  return quotedRead(s).value;
}

/** quoted(), with the index of the closing quote in `s`; `whole`: nothing but a comment may follow it (else the caller checks). */
function quotedRead(s: string, whole = true): { value: string; end: number } {
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
  if (whole) {
    const rest = s.slice(end + 1);
    if (rest !== '' && !/^ +(#.*)?$/.test(rest)) outside();
  }
  return { value, end };
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

/**
 * A flow collection (`[...]`, `{...}`) that starts at `s[at]` and ends on the same line: sequences
 * and mappings of one-line scalars and of such collections, items separated by commas (none
 * after the last); a scalar is quoted (as quoted() reads it) or plain without flow indicators,
 * `#`, `: ` or a final `:`; a key is a word followed by `:` and a space (or by `,` or the
 * closing bracket: null). With `offset` (where `s` is in the source), the nodes too.
 */
class Flow {
  node: YamlNode | undefined;
  constructor(
    private readonly s: string,
    public at: number,
    private readonly offset?: number,
  ) {}

  private spaces(): void {
    while (this.s[this.at] === ' ') this.at++;
  }

  collection(): unknown {
    const s = this.s;
    const open = s[this.at];
    const close = open === '[' ? ']' : '}';
    const track = this.offset !== undefined;
    const start = this.at;
    const list: unknown[] = [];
    const obj: Record<string, unknown> = {};
    const items: YamlNode[] = [];
    const pairs = new Map<string, { key: [number, number]; value: YamlNode }>();
    this.at++;
    this.spaces();
    if (s[this.at] !== close) {
      for (;;) {
        if (open === '[') {
          list.push(this.item());
          if (track) items.push(this.node!);
        } else {
          const keyAt = this.at;
          FLOW_KEY.lastIndex = keyAt;
          const k = FLOW_KEY.exec(s)?.[0];
          if (k === undefined || s[keyAt + k.length] !== ':') outside();
          const key = keyOf(k!);
          this.at = keyAt + k!.length + 1;
          const c = s[this.at];
          let value: unknown = null;
          if (c === ' ') this.spaces();
          else if (c !== ',' && c !== close) outside();
          // A key without a value: the library's null is where the item ends (at `,` or the bracket).
          if (s[this.at] === ',' || s[this.at] === close) this.node = track ? nullNode(this.offset! + this.at) : undefined;
          else value = this.item();
          setKey(obj, key, value);
          if (track) pairs.set(key, { key: [this.offset! + keyAt, this.offset! + keyAt + k!.length], value: this.node! });
        }
        this.spaces();
        if (s[this.at] === close) break;
        if (s[this.at] !== ',') outside();
        this.at++;
        this.spaces();
        // A comma before the closing bracket (the library allows one) is left to the library.
        if (s[this.at] === close) outside();
      }
    }
    this.at++;
    if (track) {
      const range = { start: this.offset! + start, end: this.offset! + this.at };
      this.node = open === '[' ? { kind: 'seq', ...range, items } : { kind: 'map', ...range, pairs };
    }
    return open === '[' ? list : obj;
  }

  /** A value inside the collection: a scalar, or a collection. */
  private item(): unknown {
    const s = this.s;
    const c = s[this.at];
    const start = this.at;
    if (c === '[' || c === '{') return this.collection();
    let value: unknown;
    let type: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' = 'PLAIN';
    if (c === '"' || c === "'") {
      const read = quotedRead(s.slice(start), false);
      value = read.value;
      type = c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
      this.at = start + read.end + 1;
    } else {
      FLOW_PLAIN.lastIndex = start;
      const v = FLOW_PLAIN.exec(s)![0].trimEnd();
      if (v === '' || PLAIN_START.test(v) || /#|: |:$/.test(v)) outside();
      value = plain(v);
      this.at = start + v.length;
    }
    if (this.offset !== undefined) this.node = { kind: 'scalar', start: this.offset + start, end: this.offset + this.at, type, value };
    return value;
  }
}

/** A key in a flow mapping (keyOf() checks it), and a plain scalar in a flow collection (up to a flow indicator). */
const FLOW_KEY = /[A-Za-z0-9_.\-/]+/y;
const FLOW_PLAIN = /[^,[\]{}]*/y;

/** inline()'s flow collection `s`, with its nodes when `offset` is given. */
function flowValue(s: string, offset?: number): { value: unknown; node: YamlNode | undefined } {
  const flow = new Flow(s, 0, offset);
  const value = flow.collection();
  // A comment may follow (`slots: ["09:00"]   # UTC`, as tcon import writes), nothing else may.
  const rest = s.slice(flow.at);
  if (rest !== '' && !/^ +(#.*)?$/.test(rest)) outside();
  return { value, node: flow.node };
}

/** The node of a value inline() has read, written at `offset`. */
function inlineNode(s: string, offset: number): YamlNode {
  const c = s[0];
  if (c === '"' || c === "'") {
    const { value, end } = quotedRead(s);
    return { kind: 'scalar', start: offset, end: offset + end + 1, type: c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', value };
  }
  if (c === '[' || c === '{') return flowValue(s, offset).node!;
  const hash = s.indexOf(' #');
  const v = (hash >= 0 ? s.slice(0, hash) : s).trimEnd();
  return { kind: 'scalar', start: offset, end: offset + v.length, type: 'PLAIN', value: blockPlain(s) };
}

/** The null of a key or entry with no value: where its comment starts, or else at the end of its line. */
function nullNode(offset: number): YamlNode {
  return { kind: 'scalar', start: offset, end: offset, type: 'PLAIN', value: null };
}

/** A value written on the line of its key or entry. */
function inline(s: string): unknown {
  const c = s[0];
  if (c === '"' || c === "'") return quoted(s);
  if (c === '[' || c === '{') return flowValue(s).value;
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
  /** With `track`: the node of the value the last call of block(), mapping(), sequence() or nested() returned (undefined: nested()'s null). */
  node: YamlNode | undefined;
  constructor(
    private readonly lines: Line[],
    private readonly track = false,
    /** The source's length (where the last line ends when it has no newline). */
    private readonly length = 0,
  ) {}

  private peek(): Line | undefined {
    return this.lines[this.i];
  }

  /** With `track`: where the collection whose last line was just read ends (after that line's newline). */
  private endOfLast(): number {
    return Math.min(this.lines[this.i - 1]!.end + 1, this.length);
  }

  /** The whole document: a block collection, or one flow collection on one line (`{}`, an empty tcon.yaml). */
  document(): unknown {
    const line = this.lines[0]!;
    if (line.text[0] !== '[' && line.text[0] !== '{') return this.block(0);
    if (this.lines.length > 1) outside();
    this.i = 1;
    const data = inline(line.text);
    if (this.track) this.node = inlineNode(line.text, line.start);
    return data;
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
    this.node = undefined;
    return null;
  }

  /** After a value written inline: no line may continue it (a multi-line scalar is the library's). */
  private noContinuation(indent: number): void {
    const next = this.peek();
    if (next && next.indent > indent) outside();
  }

  mapping(indent: number, first?: string): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    const pairs = this.track ? new Map<string, { key: [number, number]; value: YamlNode }>() : undefined;
    let start = -1;
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
      if (pairs) {
        // The entry's line is the last read; `indent` is the column its text starts at (a first entry's too, after `- `).
        const line = this.lines[this.i - 1]!;
        const at = line.start + indent;
        if (start < 0) start = at;
        const valueAt = at + text.length - rest.length;
        let value: YamlNode;
        if (rest === '' || rest.startsWith('#')) {
          setKey(obj, key, this.nested(indent, true));
          value = this.node ?? nullNode(rest === '' ? line.end : valueAt);
        } else {
          setKey(obj, key, inline(rest));
          this.noContinuation(indent);
          value = inlineNode(rest, valueAt);
        }
        pairs.set(key, { key: [at, at + k.length], value });
      } else if (rest === '' || rest.startsWith('#')) setKey(obj, key, this.nested(indent, true));
      else {
        setKey(obj, key, inline(rest));
        this.noContinuation(indent);
      }
      text = undefined;
    }
    if (pairs) this.node = { kind: 'map', start, end: this.endOfLast(), pairs };
    return obj;
  }

  sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    const items: YamlNode[] | undefined = this.track ? [] : undefined;
    let start = -1;
    for (;;) {
      const line = this.peek();
      if (!line || line.indent !== indent || !(line.text === '-' || line.text.startsWith('- '))) {
        if (line && line.indent > indent) outside();
        break;
      }
      this.i++;
      if (start < 0) start = line.start + indent;
      const item = line.text.slice(1);
      const body = item.trimStart();
      const at = indent + 1 + (item.length - body.length);
      if (body === '' || body.startsWith('#')) {
        out.push(this.nested(indent, false));
        if (items) items.push(this.node ?? nullNode(body === '' ? line.end : line.start + at));
      } else if (body === '-' || body.startsWith('- ')) outside();
      else if (entry(body)) {
        out.push(this.mapping(at, body));
        if (items) items.push(this.node!);
      } else {
        out.push(inline(body));
        this.noContinuation(indent);
        if (items) items.push(inlineNode(body, line.start + at));
      }
    }
    if (items) this.node = { kind: 'seq', start, end: this.endOfLast(), items };
    return out;
  }
}

/** The lines of `text` that hold something, or undefined when the text is outside the subset from the start. */
function linesOf(text: string): Line[] | undefined {
  if (UNSAFE.test(text)) return undefined;
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    const body = raw.trimStart();
    if (body !== '' && !body.startsWith('#')) {
      if (/^(---|\.\.\.)(\s|$)/.test(raw) || raw.startsWith('%')) return undefined;
      lines.push({ indent: raw.length - body.length, text: body.trimEnd(), start, end: start + raw.length });
    }
    start += raw.length + 1;
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  return lines;
}

/**
 * `text` as plain values, when it is written in the subset described above; undefined otherwise
 * (read it with the yaml library then).
 */
export function quickYaml(text: string): unknown {
  const lines = linesOf(text);
  if (!lines) return undefined;
  try {
    const reader = new Reader(lines);
    const data = reader.document();
    return reader.i === lines.length ? data : undefined;
  } catch (e) {
    if (e instanceof Outside) return undefined;
    throw e;
  }
}

/**
 * Where every value of `text` is (the yaml library's ranges, see YamlNode), when quickYaml reads
 * it; undefined otherwise. Read again only when a problem is to be located (few files have one).
 */
export function quickYamlNodes(text: string): YamlNode | undefined {
  const lines = linesOf(text);
  if (!lines) return undefined;
  try {
    const reader = new Reader(lines, true, text.length);
    reader.document();
    return reader.i === lines.length ? reader.node : undefined;
  } catch (e) {
    if (e instanceof Outside) return undefined;
    throw e;
  }
}
