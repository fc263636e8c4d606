import { readdir, readFile, stat } from './fs-async.js';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { ConfigError, type ConfigProblem } from '../config/problems.js';
import { displayPath, firstInvalidUtf8, readConfigText } from './config-files.js';
import { existingRegularFile, writeFileAtomic } from './files.js';

/*
 * The file side of `tcon import`: reading a yaml2ical registry or a calendar export, the CLDR
 * table of Windows zone names, and writing the imported config (all files or none, nothing
 * replaced without --force).
 */

function problem(file: string, message: string): ConfigProblem {
  return { file, line: 0, col: 0, field: '', message, severity: 'error', code: 'config' };
}

export interface SourceFile {
  /** Path as shown in messages, the name without `.yaml`, the text. */
  shown: string;
  name: string;
  text: string;
}

/**
 * Every `*.yaml` file under `dir`, as yaml2ical's load_meetings walks it (sub-directories too;
 * `.yml` and other names are not meetings), sorted by path. Unreadable files are ConfigErrors
 * naming them, all at once.
 */
export async function readYaml2icalRegistry(dir: string, cwd: string): Promise<{ root: string; files: SourceFile[] }> {
  const root = resolve(cwd, dir);
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new ConfigError([problem(dir, 'no such directory (a yaml2ical registry: a directory of meeting *.yaml files)')]);
  const paths: string[] = [];
  if (info.isFile()) paths.push(root);
  else {
    const walk = async (d: string): Promise<void> => {
      for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (e.isDirectory()) await walk(join(d, e.name));
        else if (e.name.endsWith('.yaml') && !e.name.startsWith('.')) paths.push(join(d, e.name));
      }
    };
    await walk(root);
  }
  if (!paths.length) throw new ConfigError([problem(dir, 'no meeting files (*.yaml) in this directory')]);
  const problems: ConfigProblem[] = [];
  const files: SourceFile[] = [];
  for (const p of paths) {
    const shown = displayPath(p, cwd);
    try {
      files.push({
        shown,
        name: relative(info.isFile() ? join(root, '..') : root, p)
          .replace(/\.yaml$/, '')
          .split(/[\\/]/)
          .pop()!,
        text: await readConfigText(p, shown),
      });
    } catch (e) {
      if (e instanceof ConfigError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return { root, files };
}

/** An iCalendar export is at most this big (a decade of a busy calendar is a few MB). */
export const MAX_CALENDAR_BYTES = 64 * 1024 * 1024;

/** Reads a calendar export as UTF-8 text (a byte-order mark dropped), or throws ConfigError naming the file. */
export async function readCalendarText(file: string, cwd: string): Promise<{ shown: string; text: string }> {
  const path = resolve(cwd, file);
  const shown = displayPath(path, cwd);
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new ConfigError([problem(shown, 'no such file')]);
  if (!info.isFile()) throw new ConfigError([problem(shown, 'not a regular file (an iCalendar export, .ics, is expected)')]);
  if (info.size > MAX_CALENDAR_BYTES) throw new ConfigError([problem(shown, `${info.size} bytes: larger than ${MAX_CALENDAR_BYTES} bytes`)]);
  const buf = await readFile(path);
  const bad = firstInvalidUtf8(buf);
  if (bad >= 0)
    throw new ConfigError([
      problem(shown, `byte 0x${buf[bad]!.toString(16)} at offset ${bad} is not UTF-8 (RFC 5545 calendars are UTF-8: export again, or convert the file)`),
    ]);
  const text = buf.toString('utf8');
  return { shown, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/**
 * CLDR's table of Windows time-zone names (cldr-core's supplemental/windowsZones.json, the
 * Unicode Consortium's own data), read from the package at run time so that it stays out of the
 * command line's bundle.
 */
export async function readWindowsZones(): Promise<unknown> {
  const require = createRequire(import.meta.url);
  const path = require.resolve('cldr-core/supplemental/windowsZones.json');
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

export interface OutputFile {
  /** Where to write it, and how to name it in messages. */
  path: string;
  shown: string;
  text: string;
}

/** Files that exist already among `files` (a directory or device there is refused, as for any file tcon writes). */
export async function existingFiles(files: readonly OutputFile[]): Promise<OutputFile[]> {
  const out: OutputFile[] = [];
  for (const f of files) if (await existingRegularFile(f.path)) out.push(f);
  return out;
}

/** Reads a file tcon may change (tcon.yaml), or undefined when there is none. */
export async function readIfExists(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
}

/** Writes each file atomically (temporary file, then rename), in order. */
export async function writeOutputFiles(files: readonly OutputFile[]): Promise<void> {
  for (const f of files) await writeFileAtomic(f.path, f.text);
}
