import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { msg } from '../config/messages.js';
import { parseGroup, sortProblems } from '../config/parse.js';
import { ConfigError, type ConfigProblem } from '../config/problems.js';
import type { Group } from '../schedule/types.js';

/** Files in a config directory that are not group files. */
export const RESERVED_CONFIG_FILES = new Set(['regions.yaml', 'tcon.yaml']);

export interface LoadedConfig {
  /** The directory the config lives in (state files and templates are found next to it). */
  dir: string;
  groups: Group[];
  /** Warnings (errors are thrown as ConfigError). */
  problems: ConfigProblem[];
}

async function groupFiles(path: string): Promise<{ dir: string; files: string[] }> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new ConfigError([{ file: path, line: 0, col: 0, field: '', message: 'no such file or directory', severity: 'error' }]);
  if (info.isFile()) return { dir: join(path, '..'), files: [path] };
  const names = (await readdir(path)).filter((n) => /\.ya?ml$/.test(n) && !RESERVED_CONFIG_FILES.has(n) && !n.startsWith('.')).sort();
  return { dir: path, files: names.map((n) => join(path, n)) };
}

/** How a file is named in messages: relative to the working directory when inside it. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/**
 * Reads every group file of a config directory (or one file). Throws ConfigError with every
 * problem of every file when any file has an error; returns warnings otherwise. `cwd` (default:
 * the process's) resolves a relative `path` and shortens file names in messages.
 */
export async function loadConfig(path = 'config', opts: { cwd?: string } = {}): Promise<LoadedConfig> {
  const cwd = opts.cwd ?? process.cwd();
  const { dir, files } = await groupFiles(resolve(cwd, path));
  if (files.length === 0) throw new ConfigError([{ file: path, line: 0, col: 0, field: '', message: msg.noGroups(path), severity: 'error' }]);
  const problems: ConfigProblem[] = [];
  const groups: Group[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const result = parseGroup(await readFile(file, 'utf8'), displayPath(file, cwd));
    problems.push(...result.problems);
    if (!result.group) continue;
    const other = seen.get(result.group.id);
    if (other) problems.push({ file: displayPath(file, cwd), line: 1, col: 1, field: 'id', message: msg.duplicateGroup(result.group.id, basename(other)), severity: 'error' });
    seen.set(result.group.id, file);
    groups.push(result.group);
  }
  const sorted = sortProblems(problems);
  if (sorted.some((p) => p.severity === 'error')) throw new ConfigError(sorted);
  return { dir, groups, problems: sorted };
}
