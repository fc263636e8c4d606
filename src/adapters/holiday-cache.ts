import { constants, readFileSync } from 'node:fs';
import { open } from './fs-async.js';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  HOLIDAY_DATA_VERSION,
  type DataSource,
  type DateHolidays,
  type Holiday,
  type HolidayStore,
  type HolidayYear,
  type MakeUpDay,
} from '../plan/holidays.js';
import { HOLIDAY_KINDS, type HolidayKind } from '../schedule/types.js';
import { writeFileAtomic } from './files.js';

/*
 * The holiday cache: the years of each country that a run computed (date-holidays and the
 * official sources, every kind, no corrections), kept in the config's state directory,
 * `<config dir>/.tcon/holidays-cache.json`, so that the next run reads them instead of loading
 * date-holidays and computing them again (a year of the example's six countries is about
 * 0.4 s of a 0.5 s `tcon schedule`; Taiwan's lunar calendar most of it).
 *
 * A cache, not state: deleting it costs one slow run. Its key is what its years are made of:
 * the versions of date-holidays, chinese-days and @hyunbinseo/holidays-kr, tcon's version and
 * HOLIDAY_DATA_VERSION (how tcon makes a year out of them); a cache of another key is foreign.
 * A foreign, damaged or unreadable cache is ignored (the run computes, as without one) and
 * replaced when the run has something to add; a cache that cannot be written is left alone.
 * Neither is ever an error or a message: the output is the same with or without it. Each entry
 * is checked field by field, so that a hand-edited or truncated file cannot make a holiday of
 * something that is not one. Corrections (tcon.yaml) and kinds (which a group observes) are
 * applied after the lookup, so they are not part of the key: the cache holds every kind.
 */

/** The file name, in the config's state directory (next to state.json). */
export const HOLIDAY_CACHE_FILE = 'holidays-cache.json';

const requireHere = createRequire(import.meta.url);

/** date-holidays, loaded when first needed (a run that finds every year in the cache never loads it). */
export function loadDateHolidays(): DateHolidays {
  const m = requireHere('date-holidays') as DateHolidays | { default: DateHolidays };
  return typeof m === 'function' ? m : m.default;
}

function packageVersion(name: string): string {
  try {
    return (requireHere(`${name}/package.json`) as { version?: unknown }).version as string;
  } catch {
    return 'unknown';
  }
}

let key: string | undefined;

/** What the cached years are made of: a cache with another key is not used. */
export function holidayCacheKey(): string {
  if (key === undefined) {
    const tcon = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    key = JSON.stringify({
      tcon,
      data: HOLIDAY_DATA_VERSION,
      sources: Object.fromEntries(['date-holidays', 'chinese-days', '@hyunbinseo/holidays-kr'].map((n) => [n, packageVersion(n)])),
    });
  }
  return key;
}

interface CountryEntry {
  zone: string;
  years: Record<string, HolidayYear>;
}

interface CacheFile {
  cache: 'tcon holidays';
  key: unknown;
  countries: Record<string, CountryEntry>;
}

const KINDS: ReadonlySet<string> = new Set(HOLIDAY_KINDS);
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const isString = (v: unknown): v is string => typeof v === 'string';
const optString = (v: unknown): v is string | undefined | null => v === undefined || v === null || typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readHoliday(v: unknown, code: string, year: string): Holiday | undefined {
  if (!isRecord(v) || v.country !== code || !isString(v.date) || !DATE_RE.test(v.date) || v.date.slice(0, 4) !== year) return undefined;
  if (!isString(v.name) || !isString(v.type) || !KINDS.has(v.type) || !isString(v.source) || !optString(v.start) || !optString(v.note)) return undefined;
  if (v.start != null && !/^\d{2}:\d{2}$/.test(v.start)) return undefined;
  return { country: code, date: v.date, name: v.name, type: v.type as HolidayKind, start: v.start ?? undefined, note: v.note ?? undefined, source: v.source };
}

function readWorkday(v: unknown, code: string, year: string): MakeUpDay | undefined {
  if (
    !isRecord(v) ||
    v.country !== code ||
    !isString(v.date) ||
    !DATE_RE.test(v.date) ||
    v.date.slice(0, 4) !== year ||
    !isString(v.name) ||
    !isString(v.source)
  )
    return undefined;
  return { country: code, date: v.date, name: v.name, source: v.source };
}

/** One stored year, checked whole: undefined when any part of it is not what tcon writes. */
function readYear(v: unknown, code: string, year: string): HolidayYear | undefined {
  if (!isRecord(v) || !Array.isArray(v.holidays) || !Array.isArray(v.workdays) || !isRecord(v.source)) return undefined;
  const source = v.source;
  if (!isString(source.source) || !optString(source.note)) return undefined;
  const holidays = v.holidays.map((h) => readHoliday(h, code, year));
  const workdays = v.workdays.map((w) => readWorkday(w, code, year));
  if (holidays.some((h) => !h) || workdays.some((w) => !w)) return undefined;
  const src: DataSource = { source: source.source, note: source.note ?? undefined };
  return { holidays: holidays as Holiday[], workdays: workdays as MakeUpDay[], source: src };
}

/** The countries of a cache file's text, or nothing when the text is not a cache of this key. */
function parseCache(text: string): Map<string, CountryEntry> {
  const out = new Map<string, CountryEntry>();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return out;
  }
  if (!isRecord(data) || data.cache !== 'tcon holidays' || JSON.stringify(data.key) !== holidayCacheKey() || !isRecord(data.countries)) return out;
  for (const [code, entry] of Object.entries(data.countries)) {
    if (!/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(code) || !isRecord(entry) || !isString(entry.zone) || !isRecord(entry.years)) continue;
    const years: Record<string, HolidayYear> = {};
    for (const [y, v] of Object.entries(entry.years)) {
      const year = /^\d{4}$/.test(y) ? readYear(v, code, y) : undefined;
      if (year) years[y] = year;
    }
    out.set(code, { zone: entry.zone, years });
  }
  return out;
}

/** A cache file is at most this big (the example's six countries take 3 KB a year each). */
const MAX_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * The cache file's text, or '' when there is none or it is not a regular file of a sane size:
 * never through a symbolic link (O_NOFOLLOW), never waiting on a FIFO (O_NONBLOCK, then only a
 * regular file is read).
 */
async function readCacheText(path: string): Promise<string> {
  const fh = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(() => undefined);
  if (!fh) return '';
  try {
    const info = await fh.stat();
    if (!info.isFile() || info.size > MAX_CACHE_BYTES) return '';
    return await fh.readFile('utf8');
  } catch {
    return '';
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** A HolidayStore backed by the cache file of a config directory. */
export class HolidayCache implements HolidayStore {
  private changed = false;

  private constructor(
    readonly path: string,
    private readonly countries: Map<string, CountryEntry>,
  ) {}

  /** The cache of the config in `configDir` (empty when there is none, or it is foreign or damaged). */
  static async open(configDir: string): Promise<HolidayCache> {
    const path = join(configDir, '.tcon', HOLIDAY_CACHE_FILE);
    return new HolidayCache(path, parseCache(await readCacheText(path)));
  }

  year(code: string, year: number): HolidayYear | undefined {
    return this.countries.get(code)?.years[String(year)];
  }

  zone(code: string): string | undefined {
    return this.countries.get(code)?.zone;
  }

  put(code: string, year: number, data: HolidayYear, zone: string): void {
    let entry = this.countries.get(code);
    if (!entry) this.countries.set(code, (entry = { zone, years: {} }));
    entry.years[String(year)] = data;
    this.changed = true;
  }

  /**
   * Writes the cache when the run added to it: the years it read and those it computed (the
   * file is replaced whole, atomically: a reader never sees half of it). A failure (a read-only
   * config directory, a full disk) is ignored: the next run computes again.
   */
  async save(): Promise<void> {
    if (!this.changed) return;
    this.changed = false;
    const file: CacheFile = {
      cache: 'tcon holidays',
      key: JSON.parse(holidayCacheKey()),
      countries: Object.fromEntries([...this.countries].sort(([a], [b]) => (a < b ? -1 : 1))),
    };
    await writeFileAtomic(this.path, `${JSON.stringify(file)}\n`).catch(() => undefined);
  }
}
