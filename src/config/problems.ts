import { LineCounter, isMap, isNode, isPair, isScalar, parseDocument, type Document } from 'yaml';

import { msg } from './messages.js';
import { formatPath, type ConfigProblem, type Path } from './errors.js';

export { ConfigError, formatPath, formatProblem, type ConfigProblem, type Path } from './errors.js';


/**
 * Locates config paths in the YAML source, so that every problem can name its line and column.
 * `key: true` points at the key of the last path element instead of its value (for unknown keys).
 */
export class SourceMap {
  constructor(
    readonly file: string,
    private readonly doc: Document | undefined,
    private readonly lines: LineCounter,
  ) {}

  /**
   * `at`: an index into the string value at `path`, for a problem inside it (a word of a rule
   * phrase). Kept only where the source spells the value out character for character (a plain or
   * quoted one-line scalar without escapes); elsewhere the position is the value's start.
   */
  position(path: Path, key = false, at?: number): { line: number; col: number } {
    let offset = 0;
    let last: unknown;
    if (this.doc) {
      let node: unknown = this.doc.contents;
      if (isNode(node) && node.range) offset = node.range[0];
      for (let i = 0; i < path.length; i++) {
        if (!isNode(node)) break;
        const part = path[i];
        const isLast = i === path.length - 1;
        let next: unknown;
        if (isMap(node)) {
          const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(part));
          if (!pair) break;
          if (isLast && key && isNode(pair.key) && pair.key.range) {
            offset = pair.key.range[0];
            break;
          }
          next = pair.value ?? pair.key;
        } else if ('items' in node && Array.isArray((node as { items: unknown[] }).items) && typeof part === 'number') {
          next = (node as { items: unknown[] }).items[part];
        } else break;
        if (isNode(next) && next.range) offset = next.range[0];
        else if (isPair(next) && isNode(next.key) && next.key.range) offset = next.key.range[0];
        node = next;
        if (isLast) last = next;
      }
    }
    if (at !== undefined && isScalar(last) && typeof last.value === 'string' && last.range) {
      const quoted = last.type === 'QUOTE_DOUBLE' || last.type === 'QUOTE_SINGLE';
      const verbatim = last.type === 'PLAIN' || (quoted && !/['"\\]/.test(last.value));
      if (verbatim && last.range[1] - last.range[0] === last.value.length + (quoted ? 2 : 0) && at <= last.value.length) {
        offset = last.range[0] + (quoted ? 1 : 0) + at;
      }
    }
    const pos = this.lines.linePos(offset);
    return { line: pos.line, col: pos.col };
  }

  problem(path: Path, message: string, opts: { key?: boolean; severity?: 'error' | 'warning'; at?: number } = {}): ConfigProblem {
    const { line, col } = this.position(path, opts.key ?? false, opts.at);
    return { file: this.file, line, col, field: formatPath(path), message, severity: opts.severity ?? 'error' };
  }
}

/**
 * Parses YAML text keeping source positions. Syntax errors come back as problems (the document
 * is then not to be read); duplicate keys are errors.
 */
export function readYaml(text: string, file: string): { doc: Document; map: SourceMap; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems = doc.errors.map((e): ConfigProblem => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { file, line: pos.line, col: pos.col, field: '', message: msg.yamlSyntax(e.message.split('\n')[0]!), severity: 'error' };
  });
  return { doc, map: new SourceMap(file, doc, lineCounter), problems };
}
