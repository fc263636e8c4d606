import { clockText, dayText } from '../schedule/dates.js';
import { offsetAt, placeWallTime } from '../schedule/zoned.js';
import { findRegion } from '../config/regions.js';
import type { DstPolicy, Group, IsoDate, Member, Occurrence, RatingWindows, Region, RegionSet, RoleWeights } from '../schedule/types.js';
import type { CoverageTarget } from './schedule.js';
import { rateLocal } from './rate.js';

/*
 * The rotation search of `tcon suggest`. Every combination of slot start times is rated over the
 * real dates (DST included) for every place people are in. What makes it fast: people are grouped
 * into places (one zone, one set of windows), each place is rated once per date and candidate
 * time from offsets read once per zone and date, and the ratings are summed per slot, so that
 * scoring one combination costs (regions x slots) additions, whatever the number of dates or people.
 */

const MIN = 60_000;

/** People in one zone with the same windows, counted together. */
export interface SuggestPlace {
  /** What the worst-served objective groups by: a region id, or a zone. */
  region: string;
  label: string;
  zone: string;
  windows: RatingWindows;
  /** Total weight of the people there (roles weighed). */
  weight: number;
}

export interface SuggestInput {
  /** Zone the slot times are wall times in (the group's). */
  zone: string;
  /** The meeting dates, in order, and the slot (0-based) each gets in the rotation. */
  dates: readonly IsoDate[];
  slotOf: readonly number[];
  /** Number of slots in the rotation. */
  slots: number;
  duration: number;
  /** Candidate start times, minutes from midnight in `zone`. */
  candidates: readonly number[];
  /** The current slot times (minutes), when the rotation has `slots` slots: "least change" is measured from them. */
  current?: readonly number[] | undefined;
  places: readonly SuggestPlace[];
  dst?: DstPolicy;
  /** How many rotations to return (default 5). */
  top?: number;
}

export interface RegionScore {
  region: string;
  label: string;
  weight: number;
  /** Fair-or-better meetings (weighted average over the region's people) and the share of all meetings. */
  meetings: number;
  share: number;
  /** Good meetings, likewise. */
  good: number;
}

export interface RotationScore {
  /** Start minute of each slot in the group zone. */
  times: number[];
  /** The worst-served region's share of fair-or-better meetings. */
  worst: number;
  worstRegion: string;
  /** Total weighted coverage: per person and meeting, good 1, fair 0.5, times the person's weight. */
  coverage: number;
  /** Minutes moved from the current slots (sum over slots); 0 without current slots. */
  change: number;
  regions: RegionScore[];
}

export interface SuggestResult {
  suggestions: RotationScore[];
  /** The current rotation scored the same way (when `current` was given). */
  current: RotationScore | undefined;
  /** Combinations searched. */
  combinations: number;
  meetings: number;
}

const EPS = 1e-9;

/** Ranking: worst-served share (higher first), then coverage (higher), then change (lower), then earlier times. */
export function compareRotations(a: RotationScore, b: RotationScore): number {
  if (Math.abs(a.worst - b.worst) > EPS) return b.worst - a.worst;
  if (Math.abs(a.coverage - b.coverage) > EPS) return b.coverage - a.coverage;
  if (a.change !== b.change) return a.change - b.change;
  for (let i = 0; i < a.times.length; i++) if (a.times[i] !== b.times[i]) return a.times[i]! - b.times[i]!;
  return 0;
}

export function suggestRotations(input: SuggestInput): SuggestResult {
  const { dates, slotOf, slots: k, candidates, duration } = input;
  const dst = input.dst ?? { gap: 'shift', overlap: 'earlier' };
  const D = dates.length;
  const C = candidates.length;
  if (slotOf.length !== D) throw new Error('slotOf must give a slot for every date');

  // Instants of every (date, candidate), in the group zone's wall clock.
  const starts = new Float64Array(D * C);
  for (let d = 0; d < D; d++) {
    for (let c = 0; c < C; c++) {
      const t = candidates[c]!;
      const p = placeWallTime(dates[d]!, Math.floor(t / 60), t % 60, input.zone, { ...dst, gap: 'shift' });
      starts[d * C + c] = p.kind === 'skipped' ? NaN : p.ms;
    }
  }

  // Regions: the places' grouping keys, in first-seen order.
  const regionIds: string[] = [];
  const regionLabels: string[] = [];
  const regionOf = input.places.map((p) => {
    let r = regionIds.indexOf(p.region);
    if (r < 0) {
      r = regionIds.push(p.region) - 1;
      regionLabels.push(p.label);
    }
    return r;
  });
  const R = regionIds.length;
  const regionWeight = new Float64Array(R);
  input.places.forEach((p, i) => (regionWeight[regionOf[i]!]! += p.weight));

  // Weighted fair-or-better and good counts per (region, slot, candidate).
  const ok = new Float64Array(R * k * C);
  const good = new Float64Array(R * k * C);
  const dur = duration * MIN;
  input.places.forEach((place, i) => {
    if (place.weight <= 0) return;
    const r = regionOf[i]!;
    for (let d = 0; d < D; d++) {
      const row = d * C;
      const first = starts[row]!;
      const last = starts[row + C - 1]! + dur;
      // One offset per zone and date, unless the zone changes its clocks within the day's range.
      const o1 = offsetAt(place.zone, first);
      const constant = o1 === offsetAt(place.zone, last);
      const base = (r * k + slotOf[d]!) * C;
      for (let c = 0; c < C; c++) {
        const s = starts[row + c]!;
        if (Number.isNaN(s)) continue;
        const so = constant ? o1 : offsetAt(place.zone, s);
        const eo = constant ? o1 : offsetAt(place.zone, s + dur);
        const rating = rateLocal(s + so * MIN, s + dur + eo * MIN, place.windows);
        if (rating !== 'poor') ok[base + c]! += place.weight;
        if (rating === 'good') good[base + c]! += place.weight;
      }
    }
  });

  const active = [...Array(R).keys()].filter((r) => regionWeight[r]! > 0);
  const score = (idx: readonly number[]): RotationScore => {
    let worst = Infinity;
    let worstRegion = '';
    let coverage = 0;
    const regions: RegionScore[] = [];
    for (let r = 0; r < R; r++) {
      let sumOk = 0;
      let sumGood = 0;
      for (let j = 0; j < k; j++) {
        sumOk += ok[(r * k + j) * C + idx[j]!]!;
        sumGood += good[(r * k + j) * C + idx[j]!]!;
      }
      coverage += (sumOk + sumGood) / 2;
      const w = regionWeight[r]!;
      const share = w > 0 && D > 0 ? sumOk / (w * D) : 1;
      if (w > 0 && share < worst - EPS) {
        worst = share;
        worstRegion = regionIds[r]!;
      }
      regions.push({ region: regionIds[r]!, label: regionLabels[r]!, weight: w, meetings: w > 0 ? sumOk / w : 0, share, good: w > 0 ? sumGood / w : 0 });
    }
    const times = idx.map((i) => candidates[i]!);
    const change = input.current ? times.reduce((s, t, j) => s + Math.abs(t - input.current![j]!), 0) : 0;
    return { times, worst: worst === Infinity ? 1 : worst, worstRegion, coverage, change, regions };
  };

  // Exhaustive search, keeping the best `top` (a small sorted list: no array of every combination).
  const top = input.top ?? 5;
  const best: RotationScore[] = [];
  const idx = new Array<number>(k).fill(0);
  let combinations = 0;
  if (C > 0 && k > 0) {
    for (;;) {
      combinations++;
      const quick = quickKey(idx);
      if (best.length < top || quick >= best[best.length - 1]!.worst - EPS) {
        const rot = score(idx);
        if (best.length < top || compareRotations(rot, best[best.length - 1]!) < 0) {
          let at = best.length;
          while (at > 0 && compareRotations(rot, best[at - 1]!) < 0) at--;
          best.splice(at, 0, rot);
          if (best.length > top) best.pop();
        }
      }
      let j = k - 1;
      while (j >= 0 && ++idx[j]! === C) idx[j--] = 0;
      if (j < 0) break;
    }
  }

  /** The worst-served share alone, to skip full scoring of combinations that cannot enter the list. */
  function quickKey(ix: readonly number[]): number {
    let worst = Infinity;
    for (const r of active) {
      let sumOk = 0;
      for (let j = 0; j < k; j++) sumOk += ok[(r * k + j) * C + ix[j]!]!;
      const share = D > 0 ? sumOk / (regionWeight[r]! * D) : 1;
      if (share < worst) worst = share;
    }
    return worst === Infinity ? 1 : worst;
  }

  let current: RotationScore | undefined;
  if (input.current && input.current.length === k) {
    const cidx = input.current.map((t) => candidates.indexOf(t));
    current = cidx.every((i) => i >= 0) ? score(cidx) : scoreExactly(input, input.current);
  }
  return { suggestions: best, current, combinations, meetings: D };
}

/** Scores given slot times that are not among the candidates (outside the limits or off the step). */
function scoreExactly(input: SuggestInput, times: readonly number[]): RotationScore | undefined {
  const unique = [...new Set(times)];
  const res = suggestRotations({ ...input, candidates: unique, current: times, top: unique.length ** input.slots });
  return res.suggestions.find((s) => s.times.every((t, j) => t === times[j]));
}

const hm = clockText;

/** 60 → "1h", 90 → "1h30", 15 → "15 min". */
export function formatDuration(min: number): string {
  const a = Math.abs(min);
  if (a < 60) return `${a} min`;
  return `${Math.floor(a / 60)}h${a % 60 ? String(a % 60).padStart(2, '0') : ''}`;
}

const meetingsText = (n: number) => {
  const r = Math.round(n * 10) / 10;
  return `${r} meeting${r === 1 ? '' : 's'}`;
};

/**
 * What a rotation trades against the current one, in a sentence: "moves slot 2 (Asia friendly)
 * 1h later (09:00 → 10:00): US West gains 6 meetings, Japan/Korea loses 2".
 */
export function describeTradeoff(s: RotationScore, current: RotationScore | undefined, slotNames: readonly string[]): string {
  if (!current) {
    const worst = s.regions.find((r) => r.region === s.worstRegion);
    return worst ? `worst served: ${worst.label}, ${Math.round(worst.share * 100)}% of meetings fair or better` : 'no region to serve';
  }
  const moves: string[] = [];
  s.times.forEach((t, j) => {
    const c = current.times[j]!;
    if (t === c) return;
    moves.push(`slot ${j + 1}${slotNames[j] ? ` (${slotNames[j]})` : ''} ${formatDuration(t - c)} ${t > c ? 'later' : 'earlier'} (${hm(c)} → ${hm(t)})`);
  });
  const head = moves.length ? `moves ${moves.join(' and ')}` : 'keeps the current slots';
  const changes: string[] = [];
  for (const r of s.regions) {
    const before = current.regions.find((x) => x.region === r.region);
    if (!before || r.weight <= 0) continue;
    const delta = Math.round((r.meetings - before.meetings) * 10) / 10;
    if (delta > 0) changes.push(`${r.label} gains ${meetingsText(delta)}`);
    else if (delta < 0) changes.push(`${r.label} loses ${meetingsText(-delta)}`);
  }
  if (!moves.length) return head;
  if (changes.length) return `${head}: ${changes.join(', ')}`;
  // No region's count of fair-or-better meetings moves: say what does (good instead of fair).
  const better: string[] = [];
  for (const r of s.regions) {
    const before = current.regions.find((x) => x.region === r.region);
    if (!before || r.weight <= 0) continue;
    const delta = Math.round((r.good - before.good) * 10) / 10;
    if (delta > 0) better.push(`${r.label} gains ${delta === 1 ? '1 good meeting' : `${delta} good meetings`} (fair before)`);
    else if (delta < 0) better.push(`${r.label} loses ${-delta === 1 ? '1 good meeting' : `${-delta} good meetings`} (fair now)`);
  }
  const cov = `coverage ${current.coverage.toFixed(1)} → ${s.coverage.toFixed(1)}`;
  return `${head}: every region keeps its fair-or-better meetings; ${better.length ? `${better.join(', ')} (${cov})` : `the same coverage, ${s.change} min moved`}`;
}

type Rated = 'good' | 'fair' | 'poor';

/** One meeting a region rates otherwise under a rotation than under the current one. */
export interface DateChange {
  date: IsoDate;
  before: Rated;
  after: Rated;
}

/** A region's meetings that change rating between two rotations (the region's majority rating, people weighed). */
export interface RegionChange {
  region: string;
  label: string;
  shareBefore: number;
  shareAfter: number;
  changes: DateChange[];
}

/**
 * Per region, the meetings whose rating changes between the current rotation and `chosen`,
 * date by date: what the ranking's sums are made of (`tcon suggest` says why its first row is
 * first). A region's rating on a date is its people's majority: good when at least half of its
 * weight rates the meeting good, fair when at least half rates it fair or better, else poor.
 */
export function regionChanges(input: SuggestInput, chosen: RotationScore, current: RotationScore): RegionChange[] {
  const dst = input.dst ?? { gap: 'shift', overlap: 'earlier' };
  const dur = input.duration * MIN;
  const startOf = (date: IsoDate, t: number) => {
    const p = placeWallTime(date, Math.floor(t / 60), t % 60, input.zone, { ...dst, gap: 'shift' });
    return p.kind === 'skipped' ? NaN : p.ms;
  };
  const ratingAt = (places: readonly SuggestPlace[], ms: number): Rated => {
    let w = 0;
    let ok = 0;
    let good = 0;
    for (const pl of places) {
      if (pl.weight <= 0 || Number.isNaN(ms)) continue;
      w += pl.weight;
      const r = rateLocal(ms + offsetAt(pl.zone, ms) * MIN, ms + dur + offsetAt(pl.zone, ms + dur) * MIN, pl.windows);
      if (r !== 'poor') ok += pl.weight;
      if (r === 'good') good += pl.weight;
    }
    return w > 0 && good * 2 >= w ? 'good' : w > 0 && ok * 2 >= w ? 'fair' : 'poor';
  };
  const out: RegionChange[] = [];
  for (const r of chosen.regions) {
    if (r.weight <= 0) continue;
    const places = input.places.filter((p) => p.region === r.region);
    const changes: DateChange[] = [];
    input.dates.forEach((date, d) => {
      const slot = input.slotOf[d]!;
      const before = ratingAt(places, startOf(date, current.times[slot]!));
      const after = ratingAt(places, startOf(date, chosen.times[slot]!));
      if (before !== after) changes.push({ date, before, after });
    });
    out.push({ region: r.region, label: r.label, shareBefore: current.regions.find((x) => x.region === r.region)?.share ?? 0, shareAfter: r.share, changes });
  }
  return out;
}

const RANK: Record<Rated, number> = { poor: 0, fair: 1, good: 2 };
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** "Tue 19 Jan" of an ISO date. */
function shortDay(date: IsoDate): string {
  const d = new Date(`${date}T12:00:00Z`);
  return dayText({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: ((d.getUTCDay() + 6) % 7) + 1 }, { year: false });
}

/** "Japan/Korea gains 2 fair meetings (poor before): Tue 19 Jan, Tue 16 Nov". */
function changeWords(r: RegionChange): string[] {
  const groups = new Map<string, IsoDate[]>();
  for (const c of r.changes) {
    const key = `${RANK[c.after] > RANK[c.before] ? 'gains' : 'loses'}|${c.after}|${c.before}`;
    groups.set(key, [...(groups.get(key) ?? []), c.date]);
  }
  return [...groups].map(([key, dates]) => {
    const [verb, after, before] = key.split('|') as [string, Rated, Rated];
    const n = dates.length;
    const what =
      verb === 'gains' ? `${n} ${after} meeting${n === 1 ? '' : 's'} (${before} before)` : `${n} ${before} meeting${n === 1 ? '' : 's'} (${after} now)`;
    return `${r.label} ${verb} ${what}: ${dates.map(shortDay).join(', ')}`;
  });
}

/**
 * Why the first rotation is first, against the current one, in sentences: what the ranking
 * looked at (the worst-served share, then coverage, then change) and the meetings behind it,
 * region by region, good and fair apart.
 */
export function explainFirst(input: SuggestInput, first: RotationScore, current: RotationScore | undefined, second?: RotationScore): string[] {
  if (!current) return [];
  const same = first.times.every((t, j) => t === current.times[j]);
  const worstNow = current.regions.find((r) => r.region === current.worstRegion);
  const worstThen = first.regions.find((r) => r.region === first.worstRegion);
  if (same)
    return [
      `The current slots are first: no rotation serves the worst-served region (${worstNow?.label ?? '-'}, ${pct(current.worst)}) better, nor covers more.`,
    ];
  const changed = regionChanges(input, first, current).filter((r) => r.changes.length);
  const lines: string[] = [];
  if (first.worst > current.worst + EPS) {
    lines.push(`Why 1 is first: the worst-served share rises from ${pct(current.worst)} (${worstNow?.label}) to ${pct(first.worst)} (${worstThen?.label}).`);
  } else if (first.coverage > current.coverage + EPS) {
    lines.push(
      `Why 1 is first: the worst-served share stays ${pct(first.worst)} (${worstThen?.label}), and coverage rises from ${current.coverage.toFixed(1)} to ${first.coverage.toFixed(1)}.`,
    );
  } else {
    lines.push(`Why 1 is first: it serves the regions as the current slots do (worst served ${pct(first.worst)}, coverage ${first.coverage.toFixed(1)}).`);
  }
  for (const r of changed) for (const w of changeWords(r)) lines.push(`  ${w}`);
  if (!changed.length) lines.push('  no meeting changes rating for any region');
  // Against the runner-up: which criterion separates them.
  if (second) {
    if (Math.abs(second.worst - first.worst) > EPS) lines.push(`Ahead of 2, whose worst-served share is ${pct(second.worst)}.`);
    else if (Math.abs(second.coverage - first.coverage) > EPS)
      lines.push(`Ahead of 2 (the same worst-served share) by coverage: ${first.coverage.toFixed(1)} against ${second.coverage.toFixed(1)}.`);
    else if (second.change !== first.change)
      lines.push(`Ahead of 2, which serves every region as well, by moving the slots less: ${first.change} min against ${second.change} min.`);
  }
  return lines;
}

/** A roster as places: members grouped by region (or zone), zone and windows; roles weighed. */
export function placesFromMembers(
  members: readonly Member[],
  regions: RegionSet,
  weights: RoleWeights,
  year: number,
  focus: readonly string[] = [],
): { places: SuggestPlace[]; withoutZone: Member[] } {
  const places = new Map<string, SuggestPlace>();
  const withoutZone: Member[] = [];
  for (const m of members) {
    if (!m.zone) {
      withoutZone.push(m);
      continue;
    }
    const region = (m.region ? findRegion(regions, m.region) : undefined) ?? regionOfZone(regions, m.zone, year, focus);
    const id = region?.id ?? m.zone;
    const key = `${id}|${m.zone}|${JSON.stringify(m.windows)}`;
    const place = places.get(key);
    if (place) place.weight += weights[m.role];
    else places.set(key, { region: id, label: region?.label ?? m.zone, zone: m.zone, windows: m.windows, weight: weights[m.role] });
  }
  return { places: [...places.values()], withoutZone };
}

/** Regions or zones with weights (`--zones Asia/Tokyo=2,us-west`) as places. */
export function placesFromTargets(targets: readonly { target: CoverageTarget; weight: number }[]): SuggestPlace[] {
  return targets.map(({ target, weight }) => ({ region: target.id, label: target.label, zone: target.zone, windows: target.windows, weight }));
}

export interface GroupSuggestOptions {
  /** Slots in the rotation (default: as many as the group's current series). */
  slots?: number | undefined;
  /** Candidate step in minutes (default 15). */
  step?: number | undefined;
  /** The meeting must lie within these group-zone times, minutes from midnight (default 07:00-19:00). */
  earliest?: number | undefined;
  latest?: number | undefined;
  places: readonly SuggestPlace[];
  top?: number | undefined;
}

/**
 * The search input for a group: the real meeting dates of `occurrences` (held, from the rule),
 * the rotation each date has (the group's own, when the slot count is unchanged; else meeting
 * by meeting), and the current slot times for "least change".
 */
export function suggestionInputForGroup(
  group: Group,
  occurrences: readonly Occurrence[],
  opts: GroupSuggestOptions,
): { input: SuggestInput; slotNames: string[] } {
  const held = occurrences.filter((o) => o.status !== 'skipped' && o.slot !== null);
  const last = held.length ? group.series.find((s) => s.id === held[held.length - 1]!.seriesId) : group.series[group.series.length - 1];
  const current = last?.slots ?? [];
  const k = opts.slots ?? Math.max(1, current.length);
  const sameShape = k === current.length;
  const duration = last?.duration ?? group.duration;
  const step = opts.step ?? 15;
  const earliest = opts.earliest ?? 7 * 60;
  const latest = opts.latest ?? 19 * 60;
  const candidates: number[] = [];
  for (let t = earliest; t + duration <= latest && t < 1440; t += step) candidates.push(t);
  // Current slot times in the group zone, as most meetings of each slot have them.
  let currentTimes: number[] | undefined;
  if (sameShape) {
    currentTimes = current.map((slot) => {
      const counts = new Map<number, number>();
      for (const o of held)
        if (o.slot === slot.index) counts.set(o.start.hour * 60 + o.start.minute, (counts.get(o.start.hour * 60 + o.start.minute) ?? 0) + 1);
      return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? slot.hour * 60 + slot.minute;
    });
  }
  const input: SuggestInput = {
    zone: group.timezone,
    dates: held.map((o) => o.start.toISODate()!),
    // A meeting keeps its own slot when its series has `k` slots (the group's rotation, whatever
    // its mode); otherwise slots go round meeting by meeting.
    slotOf: held.map((o, i) => (group.series.find((s) => s.id === o.seriesId)?.slots.length === k ? o.slot! : i % k)),
    slots: k,
    duration,
    candidates,
    current: currentTimes,
    places: opts.places,
    dst: group.dst,
    top: opts.top,
  };
  const slotNames = sameShape ? current.map((s) => s.label ?? '') : [];
  return { input, slotNames };
}

/**
 * The region a zone belongs to, for grouping people: the region with that very zone, else one
 * whose zone keeps the same UTC offsets all year (checked in January, April, July and October
 * of `year`: Europe/Rome goes with Europe/Paris, Asia/Taipei with Asia/Shanghai); regions in
 * `prefer` first. Undefined when none matches: the zone then stands for itself.
 */
export function regionOfZone(set: RegionSet, zone: string, year: number, prefer: readonly string[] = []): Region | undefined {
  const exact = set.regions.find((r) => r.zone === zone);
  if (exact) return exact;
  const probes = [0, 3, 6, 9].map((m) => Date.UTC(year, m, 15, 12));
  const same = (r: Region) => probes.every((ms) => offsetAt(r.zone, ms) === offsetAt(zone, ms));
  const ordered = [...set.regions].sort((a, b) => rank(a) - rank(b));
  function rank(r: Region): number {
    const i = prefer.indexOf(r.id);
    return i < 0 ? prefer.length : i;
  }
  return ordered.find(same);
}
