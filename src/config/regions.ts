import { clockText, normalizeClock } from '../schedule/dates.js';
import type { RatingWindows, Region, RegionSet, TimeWindow } from '../schedule/types.js';
import { msg } from './messages.js';
import { zoneMessage } from './zones.js';
import type { ConfigProblem, Path, SourceMap } from './problems.js';
import type { RegionInput, WindowsInput } from './schema.js';

/*
 * Regions: the regions file (`config/regions.yaml`), a group's `regions:` overrides and the
 * members' `windows:`. Pure: text in, a RegionSet and/or every problem (with positions) out.
 */

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
export const REGION_ID_RE = /^[a-z0-9][a-z0-9-]*$/;

/** "08:00-18:00" (or "8:00-18:00") → minutes from local midnight; undefined unless a non-empty window within the day. */
export function parseTimeWindow(text: string): TimeWindow | undefined {
  const [a, b, ...rest] = text.trim().split('-');
  const start = a === undefined ? undefined : normalizeClock(a);
  const end = b === undefined ? undefined : normalizeClock(b, { allow24: true });
  if (!start || !end || rest.length) return undefined;
  const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3));
  const from = minutes(start);
  const to = minutes(end);
  return from < to ? { from, to } : undefined;
}

const hm = clockText;

/** 480, 1080 → "08:00-18:00". */
export function formatTimeWindow(w: TimeWindow): string {
  return `${hm(w.from)}-${hm(w.to)}`;
}

/** "sat" or "Saturday" → 6 (ISO: Monday 1 ... Sunday 7). */
export function parseWeekday(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  const i = DAYS.indexOf(t as (typeof DAYS)[number]);
  if (i >= 0) return i + 1;
  const j = DAY_NAMES.indexOf(t);
  return j >= 0 ? j + 1 : undefined;
}

export function weekdayName(day: number): string {
  return DAYS[day - 1] ?? String(day);
}

export const DEFAULT_WINDOWS: RatingWindows = { good: { from: 480, to: 1080 }, fair: { from: 420, to: 1380 }, weekend: [6, 7] };

const region = (id: string, label: string, zone: string, aliases: string[] = []): Region => ({
  id,
  label,
  zone,
  windows: DEFAULT_WINDOWS,
  aliases,
});

/**
 * The built-in regions, used when a config directory has no `regions.yaml`. The shipped
 * `config/regions.yaml` says the same (a test keeps them in step).
 */
export const DEFAULT_REGION_SET: RegionSet = {
  defaults: DEFAULT_WINDOWS,
  regions: [
    region('us-west', 'US West', 'America/Los_Angeles', ['us-pacific']),
    region('us-east', 'US East', 'America/New_York', ['us-eastern']),
    region('europe', 'Europe (Central)', 'Europe/Paris', ['eu', 'cet']),
    region('uk', 'UK', 'Europe/London'),
    region('india', 'India', 'Asia/Kolkata'),
    region('china-taiwan', 'China/Taiwan', 'Asia/Shanghai', ['china', 'taiwan']),
    region('japan-korea', 'Japan/Korea', 'Asia/Tokyo', ['japan', 'korea']),
    region('australia-east', 'Australia (East)', 'Australia/Sydney', ['australia']),
  ],
};

/** A region by id or alias. */
export function findRegion(set: RegionSet, name: string): Region | undefined {
  const n = name.toLowerCase();
  return set.regions.find((r) => r.id === n) ?? set.regions.find((r) => r.aliases.includes(n));
}

export interface RegionCtx {
  map: SourceMap;
  problems: ConfigProblem[];
}

/** `windows` input over `base`: keys not given keep the base's value. */
export function resolveWindows(ctx: RegionCtx, input: WindowsInput | undefined, base: RatingWindows, path: Path): RatingWindows {
  if (!input) return base;
  const read = (key: 'good' | 'fair'): TimeWindow => {
    const text = input[key];
    if (text === undefined) return base[key];
    const w = parseTimeWindow(text);
    if (!w) ctx.problems.push(ctx.map.problem([...path, key], msg.badWindow(text)));
    return w ?? base[key];
  };
  const good = read('good');
  const fair = read('fair');
  if (good.from < fair.from || good.to > fair.to) {
    const at = input.good !== undefined ? 'good' : 'fair';
    ctx.problems.push(ctx.map.problem([...path, at], msg.goodOutsideFair(formatTimeWindow(good), formatTimeWindow(fair))));
  }
  let weekend = base.weekend;
  if (input.weekend) {
    weekend = [];
    input.weekend.forEach((d, i) => {
      const day = parseWeekday(d);
      if (day === undefined) ctx.problems.push(ctx.map.problem([...path, 'weekend', i], msg.badWeekday(d)));
      else if (!weekend.includes(day)) weekend.push(day);
    });
    weekend.sort((a, b) => a - b);
  }
  return { good, fair, weekend };
}

/**
 * Regions over a base set: an id the base knows is changed (keys not given keep their value),
 * a new id is added (it needs a zone). `path` locates the mapping of regions in the file.
 */
export function resolveRegions(ctx: RegionCtx, entries: Record<string, RegionInput>, base: RegionSet, defaults: RatingWindows, path: Path): RegionSet {
  const regions = base.regions.map((r) => ({ ...r }));
  for (const [id, input] of Object.entries(entries)) {
    const at: Path = [...path, id];
    if (!REGION_ID_RE.test(id)) {
      ctx.problems.push(ctx.map.problem(at, msg.badRegionId(id), { key: true }));
      continue;
    }
    const existing = regions.find((r) => r.id === id);
    const zoneProblem = input.zone === undefined ? undefined : zoneMessage(input.zone);
    if (zoneProblem) ctx.problems.push(ctx.map.problem([...at, 'zone'], zoneProblem));
    if (!existing && input.zone === undefined) {
      ctx.problems.push(ctx.map.problem(at, msg.regionNeedsZone(id), { key: true }));
      continue;
    }
    const { label, zone, aliases, ...windows } = input;
    const next: Region = {
      id,
      label: label ?? existing?.label ?? id,
      zone: zone ?? existing!.zone,
      windows: resolveWindows(ctx, windows, existing?.windows ?? defaults, at),
      aliases: (aliases ?? existing?.aliases ?? []).map((a) => a.toLowerCase()),
    };
    if (existing) Object.assign(existing, next);
    else regions.push(next);
  }
  // Names must be unambiguous on the command line.
  const owner = new Map<string, string>();
  for (const r of regions) owner.set(r.id, r.id);
  for (const r of regions) {
    r.aliases.forEach((a, i) => {
      const other = owner.get(a);
      if (other !== undefined && other !== r.id) ctx.problems.push(ctx.map.problem([...path, r.id, 'aliases', i], msg.aliasTaken(a, other)));
      else owner.set(a, r.id);
    });
  }
  return { defaults, regions };
}
