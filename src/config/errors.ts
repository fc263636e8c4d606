// Kept free of imports (but the import-free error contract and a type) so that the CLI can recognise and
// print config errors without loading the YAML and validation libraries.
import { TconError } from '../errors.js';
import type { Message } from './messages.js';

/** One thing wrong with a config file, with where it is. */
export interface ConfigProblem {
  file: string;
  line: number;
  col: number;
  /** Dotted path of the offending field, e.g. `series[1].slots[0]`; empty for the whole file. */
  field: string;
  message: string;
  severity: 'error' | 'warning';
  /**
   * What the problem is, stable for tests and scripts: the code of its message in the catalogue
   * (src/config/messages.ts: `config.` and the kebab-case name, e.g. `config.unknown-zone`,
   * `config.unknown-key`), yaml's code for a syntax error (`yaml.BAD_INDENT`), or `config` for a
   * problem found by a reader of another format (tcon import, roster import).
   */
  code: string;
  /** The source line the problem is on, and how many characters from `col` are the bad text. */
  excerpt?: { text: string; length: number };
}

/**
 * A problem where no source map is at hand (a whole file, or a place an adapter found): the
 * message's text and code, at line 0 (the whole file) unless `where` says otherwise.
 */
export function problemOf(
  file: string,
  message: Message,
  where: { line?: number; col?: number; field?: string; severity?: 'error' | 'warning' } = {},
): ConfigProblem {
  const { line = 0, col = 0, field = '', severity = 'error' } = where;
  return { file, line, col, field, message: message.text, severity, code: message.code };
}

/** Thrown by the loaders when a config has errors; carries every problem found. */
export class ConfigError extends TconError {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'), 'config.invalid');
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function formatProblem(p: ConfigProblem): string {
  // Line 0: a problem of the whole file (or of a path that does not exist), with no position.
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : `${p.file}:`;
  const field = p.field ? ` ${p.field}:` : '';
  const tag = p.severity === 'warning' ? ' warning:' : '';
  return `${where}${tag}${field} ${p.message}`;
}

/** The widest excerpt printed: a longer line is cut around the bad text. */
const EXCERPT_WIDTH = 100;
const INDENT = '    ';

/**
 * The problem as the command line prints it: formatProblem's line (unchanged: users and tests
 * grep it), then, where the source is known, the line of the file and a caret under the bad
 * text, as eemeli/yaml's prettifyError shows one.
 */
export function showProblem(p: ConfigProblem): string {
  const head = formatProblem(p);
  if (!p.excerpt || p.line <= 0 || p.col <= 0) return head;
  // Credentials in a URL (smtp://user:password@host) are masked, character for character.
  let text = p.excerpt.text
    .replace(/\t/g, ' ')
    .trimEnd()
    .replace(/(\/\/)([^\s/@"']+)@/g, (_, s: string, cred: string) => `${s}${'*'.repeat(cred.length)}@`);
  let at = p.col - 1;
  if (at > text.length) return head;
  let cut = '';
  if (text.length > EXCERPT_WIDTH) {
    // Keep the bad text in view, with some of what comes before it.
    const start = Math.max(0, Math.min(at - 20, text.length - EXCERPT_WIDTH));
    if (start > 0) {
      text = '…' + text.slice(start + 1);
      at -= start;
    }
    if (text.length > EXCERPT_WIDTH) {
      text = text.slice(0, EXCERPT_WIDTH - 1);
      cut = '…';
    }
  }
  const width = Math.max(1, Math.min(p.excerpt.length, text.length - at));
  return `${head}\n${INDENT}${text}${cut}\n${INDENT}${' '.repeat(at)}${'^'.repeat(width)}`;
}

export type Path = readonly (string | number)[];

export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
