import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EMPTY_STATE, type CalendarState } from '../calendar/changes.js';
import { writeFileAtomic } from './files.js';

/** The state file of a config directory: `<config dir>/.tcon/state.json`. */
export function defaultStatePath(configDir: string): string {
  return join(configDir, '.tcon', 'state.json');
}

/** Thrown when the state file exists but cannot be read as tcon state. */
export class StateFileError extends Error {
  override name = 'StateFileError';
}

/** Reads the state file; a missing file is an empty state (a first run). */
export async function readState(path: string): Promise<CalendarState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(EMPTY_STATE);
    throw e;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new StateFileError(`${path}: not JSON (${e instanceof Error ? e.message : String(e)}); move it away to start afresh`);
  }
  const s = data as (Partial<CalendarState> & { groups?: unknown }) | null;
  const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  // The first version of the format kept one map, `groups`, written by invitation runs.
  if (s && s.version === 1 && isMap(s.groups) && s.invite === undefined) {
    return { version: 1, feed: isMap(s.feed) ? s.feed! : {}, invite: s.groups as CalendarState['invite'] };
  }
  if (!s || s.version !== 1 || !isMap(s.feed) || !isMap(s.invite)) {
    throw new StateFileError(`${path}: not a tcon state file (version 1); move it away to start afresh`);
  }
  return s as CalendarState;
}

/** Writes the state file atomically (temp file + rename), pretty-printed for review in git. */
export async function writeState(path: string, state: CalendarState): Promise<void> {
  const byId = (m: CalendarState['feed']) => Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const sorted: CalendarState = { version: 1, feed: byId(state.feed), invite: byId(state.invite) };
  await writeFileAtomic(path, `${JSON.stringify(sorted, null, 2)}\n`);
}
