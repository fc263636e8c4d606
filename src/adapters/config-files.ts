import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { readFile, readdir, stat } from './fs-async.js';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { msg, type Message } from '../config/messages.js';
import { systemNow } from './clock.js';
import { kindOf } from './files.js';
import { parseGroup, parseRegions, sortProblems } from '../config/parse.js';
import { DEFAULT_REGION_SET } from '../config/regions.js';
import { ConfigError, problemOf, type ConfigProblem } from '../config/problems.js';
import { parseSecretariat } from '../config/secretariat.js';
import type { Group, RegionSet } from '../schedule/types.js';

/** Files in a config directory that are not group files. */
export const RESERVED_CONFIG_FILES = new Set(['regions.yaml', 'tcon.yaml']);

export interface LoadedConfig {
  /** The directory the config lives in (state files and templates are found next to it). */
  dir: string;
  groups: Group[];
  /** The regions file of the directory (`regions.yaml`), or the built-in regions. */
  regions: RegionSet;
  /** Warnings (errors are thrown as ConfigError). */
  problems: ConfigProblem[];
  /** One group file was read (`--config FILE`), not every group of the directory. */
  single: boolean;
}

async function groupFiles(path: string, shown: string): Promise<{ dir: string; files: string[]; single: boolean }> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new ConfigError([problemOf(shown, msg.noConfig())]);
  if (info.isFile()) return { dir: join(path, '..'), files: [path], single: true };
  if (!info.isDirectory()) throw new ConfigError([wholeFile(shown, msg.notAConfigFile(kindOf(info)))]);
  const names = (await readdir(path)).filter((n) => /\.ya?ml$/.test(n) && !RESERVED_CONFIG_FILES.has(n) && !n.startsWith('.')).sort();
  return { dir: path, files: names.map((n) => join(path, n)), single: false };
}

/** A config file is at most this big: a 10,000-member roster is about 1 MB. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

function wholeFile(file: string, message: Message, line = 0, col = 0): ConfigProblem {
  return problemOf(file, message, { line, col });
}

/** The byte offset of the first byte that is not part of well-formed UTF-8, or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  for (let i = 0; i < buf.length;) {
    const b = buf[i]!;
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((buf[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points above U+10FFFF.
    const c1 = buf[i + 1] ?? 0;
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    i += n + 1;
  }
  return -1;
}

/**
 * Reads a config file as text, or throws ConfigError: not a regular file (a directory or FIFO
 * named `*.yaml`; reading a FIFO would wait forever), larger than MAX_CONFIG_BYTES, or not UTF-8
 * (with the line and column of the first bad byte). A byte-order mark is dropped.
 */
export async function readConfigText(path: string, shown: string): Promise<string> {
  return readConfigTextSync(path, shown);
}

/**
 * readConfigText, synchronously: open, fstat, read and close take microseconds each on a small
 * file, where four round trips through libuv's thread pool per file cost more (94 files of a
 * registry: 7 ms read concurrently, 2 ms like this). The file is opened non-blocking, so a FIFO
 * named `*.yaml` is refused, not waited on.
 */
function readConfigTextSync(path: string, shown: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    // A socket cannot be opened (ENXIO): say what it is, as for a directory or FIFO.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw e;
    const info = statSync(path, { throwIfNoEntry: false });
    if (info && !info.isFile()) throw new ConfigError([wholeFile(shown, msg.notAConfigFile(kindOf(info)))]);
    throw e;
  }
  let buf: Buffer;
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new ConfigError([wholeFile(shown, msg.notAConfigFile(kindOf(info)))]);
    if (info.size > MAX_CONFIG_BYTES) throw new ConfigError([wholeFile(shown, msg.configTooLarge(info.size, MAX_CONFIG_BYTES))]);
    buf = info.size > 0 ? readKnownSize(fd, info.size) : readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  if (buf.length > MAX_CONFIG_BYTES) throw new ConfigError([wholeFile(shown, msg.configTooLarge(buf.length, MAX_CONFIG_BYTES))]);
  // isUtf8 (C++) says yes for nearly every file; firstInvalidUtf8 (a loop run cold in the interpreter) finds where not.
  const bad = isUtf8(buf) ? -1 : firstInvalidUtf8(buf);
  if (bad >= 0) {
    const before = buf.subarray(0, bad);
    const lineStart = before.lastIndexOf(0x0a) + 1;
    const line = before.reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    const col = [...before.subarray(lineStart).toString('utf8')].length + 1;
    throw new ConfigError([wholeFile(shown, msg.notUtf8(buf[bad]!), line, col)]);
  }
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * readFileSync(fd) of a regular file whose size fstat gave: as many bytes (fewer if it shrank),
 * without readFileSync's own fstat of the file (a system call per config file).
 */
function readKnownSize(fd: number, size: number): Buffer {
  const buf = Buffer.allocUnsafe(size);
  let n = 0;
  while (n < size) {
    const got = readSync(fd, buf, n, size - n, null);
    if (got === 0) break;
    n += got;
  }
  return n < size ? buf.subarray(0, n) : buf;
}

/** How a file is named in messages: relative to the working directory when inside it. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/**
 * displayPath for many files against one `cwd`, without path.relative per file (it resolves both
 * paths character by character: 2 ms for a registry's 94 files, run cold). For an absolute
 * path with no empty, `.` or `..` segment (as loadConfig's files are), relative() gives the rest
 * of the path after the resolved cwd when the file is under it, and a path up (`..`) otherwise.
 */
function displayPaths(cwd: string): (file: string) => string {
  const base = resolve(cwd);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return (file) => {
    if (sep !== '/' || !file.startsWith('/') || /\/\.{0,2}(\/|$)/.test(file)) return displayPath(file, cwd);
    const rest = file.startsWith(prefix) ? file.slice(prefix.length) : '..';
    return rest.startsWith('..') ? file : rest;
  };
}

/**
 * How many group files make a large config: `opts.large` of loadConfig is told before they are
 * read (CliIo.largeRun). A registry of a hundred groups is read in a few tens of milliseconds; a
 * thousand take seconds of work on everything that follows.
 */
export const LARGE_CONFIG = 250;

/**
 * Reads every group file of a config directory (or one file). Throws ConfigError with every
 * problem of every file when any file has an error; returns warnings otherwise. `cwd` (default:
 * the process's) resolves a relative `path` and shortens file names in messages; `large` is
 * called once, before the files are read, when there are LARGE_CONFIG of them or more.
 */
export async function loadConfig(path = 'config', opts: { cwd?: string; now?: number; large?: (() => void) | undefined } = {}): Promise<LoadedConfig> {
  const cwd = opts.cwd ?? process.cwd();
  // Only to tell a series without "from" which date to write.
  const now = opts.now ?? systemNow().toMillis();
  const { dir, files, single } = await groupFiles(resolve(cwd, path), path);
  if (files.length === 0) throw new ConfigError([problemOf(path, msg.noGroups(path))]);
  if (files.length >= LARGE_CONFIG) opts.large?.();
  const problems: ConfigProblem[] = [];
  const loaded = await readRegions(dir, cwd);
  problems.push(...loaded.problems);
  // With a broken regions file the group files are still checked (every problem of every file
  // in one run), against the built-in regions, leaving out what they say of regions: against
  // regions that failed to load that would only be noise.
  const regions = loaded.regions ?? DEFAULT_REGION_SET;
  const groups: Group[] = [];
  const seen = new Map<string, string>();
  const shownOf = displayPaths(cwd);
  // Each file is read synchronously just before it is parsed (readConfigTextSync).
  for (const file of files) {
    const shown = shownOf(file);
    let text: string;
    try {
      text = readConfigTextSync(file, shown);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      continue;
    }
    const result = parseGroup(text, shown, regions, { now });
    problems.push(...(loaded.regions ? result.problems : result.problems.filter((p) => !/(^|\.)region$|^regions\b|^coverage\.regions/.test(p.field))));
    if (!result.group) continue;
    const other = seen.get(result.group.id);
    if (other) problems.push(problemOf(shown, msg.duplicateGroup(result.group.id, basename(other)), { line: 1, col: 1, field: 'id' }));
    seen.set(result.group.id, file);
    groups.push(result.group);
  }
  if (problems.some((p) => p.severity === 'error')) {
    // tcon.yaml is read by the commands after the groups; with errors here, its own are told now too.
    // (Group names of blackouts are not checked: a group file with errors names no group.)
    problems.push(...(await secretariatProblems(dir, cwd)));
    throw new ConfigError(sortProblems(problems));
  }
  return { dir, groups, regions: loaded.regions!, problems: sortProblems(problems), single };
}

/** The errors of `<dir>/tcon.yaml` (none when there is no such file). */
async function secretariatProblems(dir: string, cwd: string): Promise<ConfigProblem[]> {
  const file = join(dir, 'tcon.yaml');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  return parseSecretariat(text, displayPath(file, cwd)).problems.filter((p) => p.severity === 'error');
}

async function readRegions(dir: string, cwd: string): Promise<{ regions?: RegionSet; problems: ConfigProblem[] }> {
  const file = join(dir, 'regions.yaml');
  const text = await readConfigText(file, displayPath(file, cwd)).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  return text === undefined ? { regions: DEFAULT_REGION_SET, problems: [] } : parseRegions(text, displayPath(file, cwd));
}

/**
 * The regions of a config directory (or of the directory of a group file): its `regions.yaml`,
 * or the built-in regions when it has none (or the path does not exist). Throws ConfigError.
 */
export async function loadRegions(path = 'config', opts: { cwd?: string } = {}): Promise<{ regions: RegionSet; problems: ConfigProblem[] }> {
  const cwd = opts.cwd ?? process.cwd();
  const full = resolve(cwd, path);
  const info = await stat(full).catch(() => undefined);
  const dir = info?.isFile() ? join(full, '..') : full;
  const result = info ? await readRegions(dir, cwd) : { regions: DEFAULT_REGION_SET, problems: [] };
  if (!result.regions) throw new ConfigError(result.problems);
  return { regions: result.regions, problems: result.problems };
}
