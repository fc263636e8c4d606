import { resolveTargets } from '../../coverage/schedule.js';
import {
  describeTradeoff,
  explainFirst,
  placesFromMembers,
  placesFromTargets,
  suggestionInputForGroup,
  suggestRotations,
  type RotationScore,
  type SuggestPlace,
} from '../../coverage/suggest.js';
import { clockText, normalizeClock } from '../../schedule/dates.js';
import type { Group } from '../../schedule/types.js';
import { paintFor } from '../color.js';
import { tell, UsageError, type CliIo } from '../io.js';
import { say, usage } from '../messages.js';
import { parseNow, selectGroups, unknownPlaces, type GroupOptions } from '../options.js';
import { plannedBuilder } from '../planned.js';
import { renderTable } from '../table.js';
import { zoneOf } from '../../schedule/zoned.js';

export interface SuggestOptions extends GroupOptions {
  slots?: number;
  step?: number;
  earliest?: string;
  latest?: string;
  year?: number;
  zones?: string[];
  top?: number;
  now?: string;
  format: 'table' | 'json';
}

const hm = clockText;

/** "07:00" (or "7:00") → "07:00"; "24:00" allowed for --latest. */
export function parseClock(flag: string) {
  return (value: string): string => {
    const hm = normalizeClock(value, { allow24: true });
    if (!hm) throw new UsageError(usage.badClock(flag, value));
    return hm;
  };
}

const minutesOf = (value: string) => {
  const [h, m] = value.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** `--zones Asia/Tokyo=2,us-west` → places, each its own region. */
function placesFromZones(group: Group, entries: readonly string[]): SuggestPlace[] {
  const weighed = entries.map((e) => {
    const [name, w] = e.split('=');
    const weight = w === undefined ? 1 : Number(w);
    if (!name || !Number.isFinite(weight) || weight < 0) throw new UsageError(usage.badZoneWeight(e));
    return { name, weight };
  });
  const { targets, unknown } = resolveTargets(
    group.coverage.regions,
    weighed.map((w) => w.name),
  );
  if (unknown.length) throw unknownPlaces('--zones', unknown, group.coverage.regions);
  return placesFromTargets(targets.map((target, i) => ({ target, weight: weighed[i]!.weight })));
}

export interface SuggestJson {
  group: string;
  year: number;
  slots: number;
  step: number;
  earliest: string;
  latest: string;
  meetings: number;
  combinations: number;
  regions: { region: string; label: string; weight: number }[];
  current: RotationJson | null;
  suggestions: RotationJson[];
  /** Why the first suggestion is first, in sentences (empty without current slots). */
  why: string[];
}

interface RotationJson {
  rank: number | null;
  times: string[];
  worst: { region: string; share: number };
  coverage: number;
  change: number;
  regions: { region: string; label: string; share: number; meetings: number; good: number }[];
  tradeoff: string;
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

function toJson(r: RotationScore, rank: number | null, tradeoff: string): RotationJson {
  return {
    rank,
    times: r.times.map(hm),
    worst: { region: r.worstRegion, share: round(r.worst) },
    coverage: round(r.coverage, 2),
    change: r.change,
    regions: r.regions.map((x) => ({ region: x.region, label: x.label, share: round(x.share), meetings: round(x.meetings, 2), good: round(x.good, 2) })),
    tradeoff,
  };
}

export async function runSuggest(opts: SuggestOptions, io: CliIo): Promise<number> {
  const { config, groups } = await selectGroups(opts, io);
  if (groups.length !== 1) throw new UsageError(usage.suggestOneGroup(groups.map((g) => g.id)));
  const group = groups[0]!;
  const now = parseNow(opts.now);
  const year = opts.year ?? now.setZone(zoneOf(group.timezone)).year + 1;
  const earliest = minutesOf(opts.earliest ?? '07:00');
  const latest = minutesOf(opts.latest ?? '19:00');
  if (latest <= earliest) throw new UsageError(usage.latestBeforeEarliest(hm(latest), hm(earliest)));

  let places: SuggestPlace[];
  let people: string;
  if (opts.zones?.length) {
    places = placesFromZones(group, opts.zones);
    people = `${places.length} weighted zone${places.length === 1 ? '' : 's'} (--zones)`;
  } else if (group.members.length) {
    const { places: p, withoutZone } = placesFromMembers(group.members, group.coverage.regions, group.coverage.weights, year, group.coverage.focus);
    if (withoutZone.length) tell(io, say.notCounted(withoutZone.map((m) => m.name)));
    places = p;
    const w = group.coverage.weights;
    const served = group.members.length - withoutZone.length;
    people = `${served} member${served === 1 ? '' : 's'} (weights: chair ${w.chair}, voting ${w.voting}, alternate ${w.alternate}, observer ${w.observer})`;
  } else {
    places = placesFromTargets(resolveTargets(group.coverage.regions, group.coverage.focus).targets.map((target) => ({ target, weight: 1 })));
    people = `the group's coverage regions, weight 1 each (no roster)`;
  }
  if (!places.some((p) => p.weight > 0)) throw new UsageError(usage.nobodyToServe());

  // The dates the group really meets on (holiday and blackout policies applied).
  const build = await plannedBuilder(config.dir, config.groups, io);
  const occurrences = build(group, { from: `${year}-01-01`, to: `${year}-12-31` });
  const { input, slotNames } = suggestionInputForGroup(group, occurrences, {
    slots: opts.slots,
    step: opts.step,
    earliest,
    latest,
    places,
    top: opts.top,
  });
  if (input.dates.length === 0) throw new UsageError(usage.noMeetingInYear(group.id, year));
  if (input.candidates.length === 0) throw new UsageError(usage.nothingFits(input.duration, hm(earliest), hm(latest)));
  const combos = input.candidates.length ** input.slots;
  if (combos > 50_000_000) throw new UsageError(usage.tooManyCombinations(combos));
  const result = suggestRotations(input);
  const names = slotNames;
  const tradeoffs = result.suggestions.map((s) => describeTradeoff(s, result.current, names));
  // Why the first row is first: the regions and meetings behind the ranking's sums.
  const why = result.suggestions[0] ? explainFirst(input, result.suggestions[0], result.current, result.suggestions[1]) : [];

  if (opts.format === 'json') {
    const regions = result.suggestions[0]?.regions ?? [];
    const out: SuggestJson = {
      group: group.id,
      year,
      slots: input.slots,
      step: opts.step ?? 15,
      earliest: hm(earliest),
      latest: hm(latest),
      meetings: result.meetings,
      combinations: result.combinations,
      regions: regions.map((r) => ({ region: r.region, label: r.label, weight: r.weight })),
      current: result.current ? toJson(result.current, null, 'the current rotation') : null,
      suggestions: result.suggestions.map((s, i) => toJson(s, i + 1, tradeoffs[i]!)),
      why: why.map((l) => l.trim()),
    };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }

  const paint = paintFor(io.stdout, io.env);
  const out: string[] = [];
  out.push(
    paint.bold(
      `${group.id}: best ${input.slots}-slot rotations for the ${result.meetings} meetings of ${year} (times ${group.zoneLabel}, meetings within ${hm(earliest)}-${hm(latest)}, ${opts.step ?? 15}-minute step: ${result.combinations.toLocaleString('en-US')} candidate rotations)`,
    ),
  );
  out.push(`Serving ${people}.`);
  out.push("Ranked by the worst-served region's share of fair-or-better meetings, then total weighted coverage, then least change.");
  out.push('');
  const regionCols = (result.suggestions[0] ?? result.current)?.regions.filter((r) => r.weight > 0) ?? [];
  const header = ['#', 'Slots', 'Worst served', 'Coverage', 'Change', ...regionCols.map((r) => r.label)];
  const row = (r: RotationScore, rank: string) => {
    const worst = r.regions.find((x) => x.region === r.worstRegion);
    return [
      rank,
      r.times.map(hm).join(' / '),
      worst ? `${worst.label} ${Math.round(r.worst * 100)}%` : '-',
      r.coverage.toFixed(1),
      r.change ? `${r.change} min` : '-',
      ...regionCols.map((c) => `${Math.round((r.regions.find((x) => x.region === c.region)?.share ?? 0) * 100)}%`),
    ];
  };
  const rows = result.suggestions.map((s, i) => row(s, String(i + 1)));
  if (result.current) rows.push(row(result.current, 'now'));
  out.push(renderTable(header, rows));
  result.suggestions.forEach((_, i) => out.push(`${i + 1}. ${tradeoffs[i]}`));
  if (result.current) out.push(`now: ${result.current.times.map(hm).join(' / ')} (${slotNames.map((n, j) => n || `slot ${j + 1}`).join(' / ')})`);
  if (why.length) out.push('', ...why);
  out.push('');
  out.push('Shares: fair-or-better meetings per region (people weighed by role). Coverage: per person and meeting, good 1, fair 0.5, times the weight.');
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
