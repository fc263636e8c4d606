import { TconError } from '../errors.js';
import { readFile } from './fs-async.js';
import { join } from 'node:path';
import { EMPTY_STATE, type CalendarState } from '../calendar/changes.js';
import { writeFileAtomic } from './files.js';

/** The state file of a config directory: `<config dir>/.tcon/state.json`. */
export function defaultStatePath(configDir: string): string {
  return join(configDir, '.tcon', 'state.json');
}

/** Thrown when the state file exists but cannot be read as tcon state. */
export class StateFileError extends TconError {
  override name = 'StateFileError';
  constructor(message: string) {
    super(message, 'state.unreadable');
  }
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
  for (const channel of ['feed', 'invite'] as const) {
    const problem = checkChannel(s[channel] as Record<string, unknown>);
    if (problem) throw new StateFileError(`${path}: ${channel}${problem}; ${RECOVER}`);
  }
  return s as CalendarState;
}

const RECOVER =
  'restore the file from git (or a backup); or move it away to start afresh (the next run then treats every meeting as new: SEQUENCE 0, and no CANCEL for what vanished)';

// RFC 5545 3.8.7.4: SEQUENCE is an INTEGER, a signed 32-bit value (3.3.8).
const MAX_SEQUENCE = 2 ** 31 - 1;

/**
 * Checks the values a run would compute with: a SEQUENCE of 1e308 or a date that is not one
 * would otherwise give every member an "Updated" mail, or a crash. Returns where the first
 * wrong value is and what it is, or undefined.
 */
function checkChannel(groups: Record<string, unknown>): string | undefined {
  const key = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const seq = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_SEQUENCE;
  const show = (v: unknown) => JSON.stringify(v)?.slice(0, 60) ?? String(v);
  const isDate = (v: unknown) =>
    typeof v === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(v) &&
    !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
    new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
  const isInstant = (v: unknown) =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));
  for (const [g, group] of Object.entries(groups)) {
    const at = key(g);
    if (!isMap(group) || !isMap(group.events)) return `${at}: expected { events: { ... } }`;
    for (const [uid, ev] of Object.entries(group.events)) {
      const e = `${at}.events${key(uid)}`;
      if (!isMap(ev)) return `${e}: expected an event`;
      if (ev.kind !== 'series' && ev.kind !== 'single') return `${e}.kind: ${show(ev.kind)} is not "series" or "single"`;
      if (!seq(ev.sequence)) return `${e}.sequence: ${show(ev.sequence)} is not a SEQUENCE (a whole number from 0 to ${MAX_SEQUENCE})`;
      if (typeof ev.fingerprint !== 'string' || typeof ev.title !== 'string') return `${e}: fingerprint and title must be strings`;
      if (ev.cancelled !== undefined && typeof ev.cancelled !== 'boolean') return `${e}.cancelled: ${show(ev.cancelled)} is not true or false`;
      if (ev.top !== undefined && !seq(ev.top)) return `${e}.top: ${show(ev.top)} is not a SEQUENCE (a whole number from 0 to ${MAX_SEQUENCE})`;
      if (ev.series !== undefined && typeof ev.series !== 'string') return `${e}.series: ${show(ev.series)} is not a series id`;
      if (ev.year !== undefined && !(Number.isInteger(ev.year) && (ev.year as number) >= 1 && (ev.year as number) <= 9999))
        return `${e}.year: ${show(ev.year)} is not a year`;
      if (ev.span !== undefined && !(isMap(ev.span) && isDate(ev.span.from) && isDate(ev.span.to) && (ev.span.from as string) <= (ev.span.to as string))) {
        return `${e}.span: ${show(ev.span)} is not { from, to } (dates, from first)`;
      }
      if (ev.attendees !== undefined && !(Array.isArray(ev.attendees) && ev.attendees.every((a) => typeof a === 'string')))
        return `${e}.attendees: ${show(ev.attendees)} is not a list of addresses`;
      if (!isMap(ev.meetings)) return `${e}.meetings: expected a map of meetings by date`;
      for (const [date, m] of Object.entries(ev.meetings)) {
        const mm = `${e}.meetings${key(date)}`;
        if (!isDate(date)) return `${mm}: ${show(date)} is not a date (YYYY-MM-DD)`;
        if (!isMap(m)) return `${mm}: expected a meeting`;
        if (!seq(m.sequence)) return `${mm}.sequence: ${show(m.sequence)} is not a SEQUENCE (a whole number from 0 to ${MAX_SEQUENCE})`;
        for (const f of ['start', 'end'] as const) if (!isInstant(m[f])) return `${mm}.${f}: ${show(m[f])} is not an ISO 8601 instant`;
        if (Date.parse(m.end as string) < Date.parse(m.start as string)) return `${mm}: ends before it starts`;
        if (!isDate(m.date)) return `${mm}.date: ${show(m.date)} is not a date (YYYY-MM-DD)`;
        if (typeof m.zone !== 'string' || !m.zone) return `${mm}.zone: ${show(m.zone)} is not a zone name`;
        if (m.cancelled !== undefined && typeof m.cancelled !== 'boolean') return `${mm}.cancelled: ${show(m.cancelled)} is not true or false`;
        const r = m.recurrenceId;
        if (r !== undefined) {
          const wall = /^\d{8}T\d{6}$/;
          const ok =
            isMap(r) &&
            ((typeof r.tzid === 'string' && typeof r.wall === 'string' && wall.test(r.wall)) || (typeof r.utc === 'string' && /^\d{8}T\d{6}Z$/.test(r.utc)));
          if (!ok) return `${mm}.recurrenceId: ${show(r)} is not a RECURRENCE-ID ({ tzid, wall: YYYYMMDDTHHMMSS } or { utc })`;
        }
      }
    }
  }
  return undefined;
}

/** Writes the state file atomically (temp file + rename), pretty-printed for review in git. */
export async function writeState(path: string, state: CalendarState): Promise<void> {
  const byId = (m: CalendarState['feed']) => Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const sorted: CalendarState = { version: 1, feed: byId(state.feed), invite: byId(state.invite) };
  await writeFileAtomic(path, `${JSON.stringify(sorted, null, 2)}\n`);
}
