import { LineCounter, isMap, isNode, isPair, isScalar, parseDocument, visit, type Document } from 'yaml';

import { msg, type Message } from './messages.js';
import { quickYaml, quickYamlNodes, type YamlNode } from './quick-yaml.js';
import { formatPath, type ConfigProblem, type Path } from './errors.js';

export { ConfigError, formatPath, formatProblem, problemOf, type ConfigProblem, type Path } from './errors.js';

/**
 * Where each line of a source starts, and the 1-based line and column of an offset: the yaml
 * library's LineCounter (the same binary search, the same answers), for the files quickYaml
 * reads, which then need nothing of the library (it is loaded when first used: scripts/bundle.js).
 */
export class LineStarts {
  readonly lineStarts: number[] = [];
  addNewLine(offset: number): void {
    this.lineStarts.push(offset);
  }
  linePos(offset: number): { line: number; col: number } {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === offset) return { line: low + 1, col: 1 };
    if (low === 0) return { line: 0, col: offset };
    return { line: low, col: offset - starts[low - 1]! + 1 };
  }
}

/**
 * Locates config paths in the YAML source, so that every problem can name its line and column.
 * `key: true` points at the key of the last path element instead of its value (for unknown keys).
 */
export class SourceMap {
  constructor(
    readonly file: string,
    private doc: Document | undefined,
    private lines: Pick<LineCounter, 'linePos'>,
    /** The source, for the line and caret printed under a problem (showProblem). */
    private readonly text?: string,
  ) {}

  /**
   * The map of `text` (a file quickYaml read), made only when a position is first asked for (most
   * files have nothing to report): from quickYaml's own reading of where each value is, the yaml
   * library's positions without the library (parsing a file with it cost a millisecond or more
   * while the library is still cold); by the library when quickYaml does not read `text`.
   */
  static lazy(file: string, text: string): SourceMap {
    const map = new SourceMap(file, undefined, new LineStarts(), text);
    map.load = () => {
      const nodes = quickYamlNodes(text);
      if (nodes) {
        // Where the library's lexer starts a line: the start, and after every newline (quickYaml
        // reads no multi-line scalar, whose newlines the library would not count).
        const lines = new LineStarts();
        lines.addNewLine(0);
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
        map.nodes = nodes;
        map.lines = lines;
      } else {
        const lines = new LineCounter();
        map.doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
        map.lines = lines;
      }
    };
    return map;
  }

  /** quickYaml's nodes of the source, when the map was made from them (lazy()). */
  private nodes: YamlNode | undefined;

  private load: (() => void) | undefined;

  /**
   * `at`: an index into the string value at `path`, for a problem inside it (a word of a rule
   * phrase). Kept only where the source spells the value out character for character (a plain or
   * quoted one-line scalar without escapes); elsewhere the position is the value's start.
   */
  position(path: Path, key = false, at?: number): { line: number; col: number } {
    const { line, col } = this.locate(path, key, at);
    return { line, col };
  }

  /** position(), with the offset and the length of the text it points at. */
  private locate(path: Path, key: boolean, at?: number): { line: number; col: number; offset: number; length: number } {
    if (this.load) {
      this.load();
      this.load = undefined;
    }
    const { offset, end } = this.nodes ? locateNode(this.nodes, path, key, at) : this.locateInDoc(path, key, at);
    const pos = this.lines.linePos(offset);
    return { line: pos.line, col: pos.col, offset, length: Math.max(1, end - offset) };
  }

  /** locate()'s offsets, in the yaml library's document. */
  private locateInDoc(path: Path, key: boolean, at?: number): { offset: number; end: number } {
    let offset = 0;
    let end = 0;
    let last: unknown;
    if (this.doc) {
      let node: unknown = this.doc.contents;
      if (isNode(node) && node.range) [offset, end] = node.range;
      for (let i = 0; i < path.length; i++) {
        if (!isNode(node)) break;
        const part = path[i];
        const isLast = i === path.length - 1;
        let next: unknown;
        if (isMap(node)) {
          const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(part));
          if (!pair) break;
          if (isLast && key && isNode(pair.key) && pair.key.range) {
            [offset, end] = pair.key.range;
            break;
          }
          next = pair.value ?? pair.key;
        } else if ('items' in node && Array.isArray((node as { items: unknown[] }).items) && typeof part === 'number') {
          next = (node as { items: unknown[] }).items[part];
        } else break;
        if (isNode(next) && next.range) [offset, end] = next.range;
        else if (isPair(next) && isNode(next.key) && next.key.range) [offset, end] = next.key.range;
        node = next;
        if (isLast) last = next;
      }
    }
    if (at !== undefined && isScalar(last) && typeof last.value === 'string' && last.range) {
      const quoted = last.type === 'QUOTE_DOUBLE' || last.type === 'QUOTE_SINGLE';
      const verbatim = last.type === 'PLAIN' || (quoted && !/['"\\]/.test(last.value));
      if (verbatim && last.range[1] - last.range[0] === last.value.length + (quoted ? 2 : 0) && at <= last.value.length) {
        offset = last.range[0] + (quoted ? 1 : 0) + at;
        end = offset + 1;
      }
    }
    return { offset, end };
  }

  /**
   * The problem at `path`: a catalogue message carries its code; a plain string (the readers of
   * other formats, src/import and src/coverage) has the code `config`.
   */
  problem(path: Path, message: Message | string, opts: { key?: boolean; severity?: 'error' | 'warning'; at?: number } = {}): ConfigProblem {
    const { line, col, offset, length } = this.locate(path, opts.key ?? false, opts.at);
    const { code, text } = typeof message === 'string' ? { code: 'config', text: message } : message;
    const problem: ConfigProblem = {
      file: this.file,
      line,
      col,
      field: formatPath(path),
      message: text,
      severity: opts.severity ?? 'error',
      code,
    };
    if (this.text !== undefined) problem.excerpt = excerpt(this.text, offset, length);
    return problem;
  }
}

/**
 * SourceMap.locate() on quickYaml's nodes: the same walk as on the library's document (the pair
 * of a key, the item of an index, stopping at the last node found) and the same `at` rule.
 */
function locateNode(root: YamlNode, path: Path, key: boolean, at?: number): { offset: number; end: number } {
  let offset = root.start;
  let end = root.end;
  let node: YamlNode | undefined = root;
  let last: YamlNode | undefined;
  for (let i = 0; i < path.length && node; i++) {
    const part = path[i]!;
    const isLast = i === path.length - 1;
    let next: YamlNode | undefined;
    if (node.kind === 'map') {
      const pair = node.pairs.get(String(part));
      if (!pair) break;
      if (isLast && key) {
        [offset, end] = pair.key;
        break;
      }
      next = pair.value;
    } else if (node.kind === 'seq' && typeof part === 'number') next = node.items[part];
    else break;
    if (next) {
      offset = next.start;
      end = next.end;
    }
    node = next;
    if (isLast) last = next;
  }
  if (at !== undefined && last?.kind === 'scalar' && typeof last.value === 'string') {
    const quoted = last.type === 'QUOTE_DOUBLE' || last.type === 'QUOTE_SINGLE';
    const verbatim = last.type === 'PLAIN' || (quoted && !/['"\\]/.test(last.value));
    if (verbatim && last.end - last.start === last.value.length + (quoted ? 2 : 0) && at <= last.value.length) {
      offset = last.start + (quoted ? 1 : 0) + at;
      end = offset + 1;
    }
  }
  return { offset, end };
}

/** The line of `text` that `offset` is on, and how much of the `length` characters there fit on it. */
export function excerpt(text: string, offset: number, length: number): { text: string; length: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const line = text.slice(start, nl < 0 ? text.length : nl).replace(/\r$/, '');
  return { text: line, length: Math.max(1, Math.min(length, line.length - (offset - start))) };
}

/**
 * Where to report a syntax error. yaml reports a quote left open at the end of the file, where
 * the parser gave up; the place to fix is the line the quote was opened on: the first line with
 * an odd number of that quote (outside comments; `''` and `\"` are escapes).
 */
function syntaxOffset(text: string, message: string, offset: number): number {
  const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
  if (!quote) return offset;
  let at = 0;
  for (const line of text.split('\n')) {
    const body = line.replace(quote === "'" ? /''/g : /\\./g, '');
    const count = body.split(quote).length - 1;
    const hash = body.search(/(^|\s)#/);
    if (count % 2 === 1 && (hash < 0 || body.indexOf(quote) < hash)) return at + line.indexOf(quote);
    at += line.length + 1;
  }
  return offset;
}

/**
 * readYaml's data and problems for a config file: read by quickYaml when the file is written in
 * its subset (no problem can come from the YAML then; the source map is made if a later check
 * reports something), by readYaml otherwise.
 */
export function readConfigYaml(text: string, file: string): { map: SourceMap; problems: ConfigProblem[]; data?: unknown } {
  const data = quickYaml(text);
  if (data !== undefined) return { map: SourceMap.lazy(file, text), problems: [], data };
  const { map, problems, data: read } = readYaml(text, file);
  return read === undefined ? { map, problems } : { map, problems, data: read };
}

/** At most this many aliases (`*name`) in one file: more is an alias bomb, not a config. */
export const MAX_ALIASES = 100;

/**
 * Parses YAML text keeping source positions. Syntax errors come back as problems (the document
 * is then not to be read); duplicate keys are errors, and so are what a config never needs and an
 * attacker would use: tags (`!!binary`, `!custom`), NUL and other control characters, an alias
 * to no anchor, and more than MAX_ALIASES aliases (billions of nodes from a few lines). `data`
 * is the document as plain values, present when there is no problem.
 */
export function readYaml(text: string, file: string): { doc: Document; map: SourceMap; problems: ConfigProblem[]; data?: unknown } {
  const lineCounter = new LineCounter();
  const at = (offset: number, { code, text: message }: Message, length = 1): ConfigProblem => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, col: pos.col, field: '', message, severity: 'error', code, excerpt: excerpt(text, offset, length) };
  };
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems = doc.errors.map((e): ConfigProblem => {
    const offset = syntaxOffset(text, e.message, e.pos[0]);
    // yaml's own code says more than config.yaml-syntax: the problem carries it.
    const message = { ...msg.yamlSyntax(e.message.split('\n')[0]!), code: `yaml.${e.code}` };
    return at(offset, message, offset === e.pos[0] ? e.pos[1] - e.pos[0] : 1);
  });
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) problems.push(at(control.index, msg.controlCharacter(control[0].charCodeAt(0))));
  const anchors = new Set<string>();
  let aliases = 0;
  visit(doc, {
    Pair(_, pair) {
      // A key that is a list, a map or nothing would be stringified ("[ a, b ]") or lost.
      if (!isScalar(pair.key) || pair.key.value === null) {
        const where = (isNode(pair.key) && pair.key.range?.[0]) || (isNode(pair.value) && pair.value.range?.[0]) || 0;
        problems.push(at(where, msg.yamlKey()));
      }
    },
    Node(_, node) {
      if (node.anchor) anchors.add(node.anchor);
      if (node.tag && node.range) problems.push(at(node.range[0], msg.yamlTag(node.tag)));
    },
    Alias(_, node) {
      aliases++;
      if (!anchors.has(node.source) && node.range) problems.push(at(node.range[0], msg.unknownAlias(node.source)));
      else if (aliases === MAX_ALIASES + 1 && node.range) problems.push(at(node.range[0], msg.tooManyAliases(MAX_ALIASES)));
    },
  });
  const map = new SourceMap(file, doc, lineCounter, text);
  if (problems.length) return { doc, map, problems: problems.sort((a, b) => a.line - b.line || a.col - b.col) };
  try {
    return { doc, map, problems, data: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (e) {
    // Aliases that expand beyond the count yaml allows (nested anchors): the same bomb.
    return { doc, map, problems: [at(0, msg.tooManyAliases(MAX_ALIASES, e instanceof Error ? e.message : String(e)))] };
  }
}
