// Kept free of imports so that the CLI can recognise and print config errors without loading
// the YAML and validation libraries.

/** One thing wrong with a config file, with where it is. */
export interface ConfigProblem {
  file: string;
  line: number;
  col: number;
  /** Dotted path of the offending field, e.g. `series[1].slots[0]`; empty for the whole file. */
  field: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Thrown by the loaders when a config has errors; carries every problem found. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
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
