import type { DateTime } from 'luxon';
import { rulesInWords } from '../schedule/present.js';
import { formatHours } from '../schedule/when.js';
import type { Group, Occurrence } from '../schedule/types.js';
import type { Conflict } from './conflicts.js';
import type { CorrectionReport } from './corrections.js';
import type { DateFinding, PlanResult } from './plan.js';
import { zoneOf } from '../schedule/zoned.js';

/*
 * The report of `tcon plan`: one JSON contract (documented in docs/json.md, schema/plan.output.schema.json; fields are only ever
 * added) and one text table rendered from it.
 */

export interface MeetingRefJson {
  group: string;
  date: string;
  start: string;
  end: string;
  startUtc: string;
  endUtc: string;
  zone: string;
}

export interface PlanJson {
  from: string;
  to: string;
  fixed: boolean;
  unresolved: number;
  groups: {
    id: string;
    title: string;
    /** The group's rules over the window, in words ("3rd Tuesday of every month (from 2019-09-01)"). */
    rule: string;
    policy: string;
    countries: string[];
    meetings: number;
    held: number;
    skipped: number;
    moved: number;
    /** Findings in `dates` for this group. */
    dates: number;
    conflicts: number;
    coverage: string | null;
    /** Members whose holidays are not observed: no country could be found for them. */
    withoutCountry: { email: string; zone: string | null; reason: string }[];
  }[];
  dates: {
    kind: 'holiday' | 'blackout' | 'holiday+blackout';
    meeting: MeetingRefJson;
    holidays: { country: string; date: string; name: string; type: string; start: string | null; source: string }[];
    blackouts: { name: string; kind: string | null }[];
    reason: string;
    policy: string;
    status: DateFinding['status'];
    proposal: string | null;
    movedTo: string | null;
  }[];
  conflicts: {
    a: MeetingRefJson;
    b: MeetingRefJson;
    shared: { kind: string; id: string }[];
  }[];
  changes: { group: string; date: string; action: string; from: string; to: string | null; reason: string }[];
  corrections: CorrectionJson[];
  sources: { country: string; year: number; source: string; note: string | null }[];
}

export interface CorrectionJson {
  scope: string;
  file: string;
  country: string;
  action: string;
  from: string;
  to: string;
  name: string;
  kind: string | null;
  start: string | null;
  status: CorrectionReport['status'];
  groups: string[];
  dates: string[];
  removed: { country: string; date: string; name: string; type: string; source: string }[];
  already: string[];
}

const iso = (dt: DateTime) => dt.toISO({ suppressMilliseconds: true })!;
const isoUtc = (dt: DateTime) => dt.toUTC().toISO({ suppressMilliseconds: true })!;

function ref(o: Occurrence, zone: string): MeetingRefJson {
  return { group: o.groupId, date: o.date, start: iso(o.start), end: iso(o.end), startUtc: isoUtc(o.start), endUtc: isoUtc(o.end), zone };
}

/** Per group: its findings and its conflicts (a conflict within one group counts once), counted in one pass. */
function countsByGroup(result: PlanResult): { dates: Map<string, number>; conflicts: Map<string, number> } {
  const dates = new Map<string, number>();
  const conflicts = new Map<string, number>();
  for (const d of result.dates) dates.set(d.group, (dates.get(d.group) ?? 0) + 1);
  for (const c of result.conflicts) {
    conflicts.set(c.a.groupId, (conflicts.get(c.a.groupId) ?? 0) + 1);
    if (c.b.groupId !== c.a.groupId) conflicts.set(c.b.groupId, (conflicts.get(c.b.groupId) ?? 0) + 1);
  }
  return { dates, conflicts };
}

function statusCounts(occurrences: readonly Occurrence[]): { held: number; skipped: number; moved: number } {
  let skipped = 0;
  let moved = 0;
  for (const o of occurrences) {
    if (o.status === 'skipped') skipped++;
    else if (o.status === 'moved') moved++;
  }
  return { held: occurrences.length - skipped, skipped, moved };
}

/** The fields of a group's entry before its counts (the order of the JSON contract). */
function groupHead(p: PlanResult['groups'][number], result: PlanResult) {
  return {
    id: p.group.id,
    title: p.group.title,
    rule: rulesInWords(p.group, result.window),
    policy: p.rules.policy,
    countries: [...new Set(p.rules.places.map((x) => x.country))].sort(),
    meetings: p.occurrences.length,
  };
}

export function planToJson(result: PlanResult, coverage: ReadonlyMap<string, string> = new Map()): PlanJson {
  const zoneOf = new Map(result.groups.map((p) => [p.group.id, p.group.timezone]));
  // A group left out of the report (plan --group) still names its zone in the conflicts it has with the others.
  const z = (o: Occurrence) => zoneOf.get(o.groupId) ?? o.start.zoneName ?? 'UTC';
  const counts = countsByGroup(result);
  return {
    from: result.window.from,
    to: result.window.to,
    fixed: result.fixed,
    unresolved: result.unresolved,
    groups: result.groups.map((p) => ({
      ...groupHead(p, result),
      ...statusCounts(p.occurrences),
      dates: counts.dates.get(p.group.id) ?? 0,
      conflicts: counts.conflicts.get(p.group.id) ?? 0,
      coverage: coverage.get(p.group.id) ?? null,
      withoutCountry: p.rules.withoutCountry.map((w) => ({ email: w.member.email, zone: w.member.zone ?? null, reason: w.reason })),
    })),
    dates: result.dates.map((d) => ({
      kind: d.issue.holidays.length && d.issue.blackouts.length ? 'holiday+blackout' : d.issue.holidays.length ? 'holiday' : 'blackout',
      meeting: ref(d.occurrence, z(d.occurrence)),
      holidays: d.issue.holidays.map((h) => ({ country: h.country, date: h.date, name: h.name, type: h.type, start: h.start ?? null, source: h.source })),
      blackouts: d.issue.blackouts.map((b) => ({ name: b.name, kind: b.kind ?? null })),
      reason: d.issue.reason,
      policy: d.issue.policy,
      status: d.status,
      proposal: d.proposal ?? null,
      movedTo: d.movedTo ? iso(d.movedTo) : null,
    })),
    conflicts: result.conflicts.map((c) => ({ a: ref(c.a, z(c.a)), b: ref(c.b, z(c.b)), shared: c.shared.map((s) => ({ kind: s.kind, id: s.id })) })),
    changes: result.groups.flatMap((p) =>
      p.changes.map((c) => ({ group: c.group, date: c.date, action: c.action, from: iso(c.from), to: c.to ? iso(c.to) : null, reason: c.reason })),
    ),
    corrections: result.corrections.map((r) => ({
      scope: r.correction.scope,
      file: r.correction.file,
      country: r.correction.country,
      action: r.correction.action,
      from: r.correction.from,
      to: r.correction.to,
      name: r.correction.name,
      kind: r.correction.action === 'add' ? r.correction.kind : null,
      start: r.correction.start ?? null,
      status: r.status,
      groups: r.groups,
      dates: r.dates,
      removed: r.removed.map((h) => ({ country: h.country, date: h.date, name: h.name, type: h.type, source: h.source })),
      already: r.already,
    })),
    sources: result.sources.map((x) => ({ country: x.country, year: x.year, source: x.source, note: x.note ?? null })),
  };
}

function when(dt: DateTime, group: Group | undefined): string {
  const s = dt.setLocale('en-US');
  return `${s.toFormat('yyyy-MM-dd ccc HH:mm')} ${group?.zoneLabel ?? dt.zoneName}`;
}

function sharedText(c: Conflict): string {
  const parts = c.shared.slice(0, 3).map((s) => `${s.kind} ${s.id}`);
  if (c.shared.length > 3) parts.push(`+${c.shared.length - 3} more`);
  return parts.join(', ');
}

/** The rows of the report table: one per finding, dates and conflicts in time order. */
export function planRows(result: PlanResult): string[][] {
  const groups = new Map(result.groups.map((p) => [p.group.id, p.group]));
  const rows: { at: number; cells: string[] }[] = [];
  for (const d of result.dates) {
    const g = groups.get(d.group);
    const kind = d.issue.holidays.length && d.issue.blackouts.length ? 'holiday+blackout' : d.issue.holidays.length ? 'holiday' : 'blackout';
    const action =
      d.status === 'moved'
        ? `moved to ${when(d.movedTo!, g)}`
        : d.status === 'skipped'
          ? 'skipped'
          : d.status === 'kept'
            ? 'kept (set in config)'
            : d.proposal
              ? `UNRESOLVED (${d.issue.policy}: would ${d.proposal})`
              : `UNRESOLVED (${d.issue.policy})`;
    const at = d.status === 'moved' ? (d.occurrence.originalStart ?? d.occurrence.start) : d.occurrence.start;
    rows.push({ at: at.toMillis(), cells: [kind, d.group, when(at, g), d.issue.reason, action] });
  }
  for (const c of result.conflicts) {
    const ga = groups.get(c.a.groupId);
    // The other meeting's time is shown in the first one's zone, so the overlap reads at a glance.
    rows.push({
      at: c.a.start.toMillis(),
      cells: [
        'conflict',
        `${c.a.groupId} + ${c.b.groupId}`,
        `${when(c.a.start, ga)} / ${formatHours(c.b.start.setZone(zoneOf(ga?.timezone ?? 'UTC')), c.b.end.setZone(zoneOf(ga?.timezone ?? 'UTC')))}`,
        sharedText(c),
        'UNRESOLVED',
      ],
    });
  }
  return rows.sort((a, b) => a.at - b.at).map((r) => r.cells);
}

/** One line per correction, for the text report: "tcon.yaml CN 2027-02-10..2027-02-16 add Spring Festival: applied (wg-a)". */
export function correctionLines(json: PlanJson): string[] {
  return json.corrections.map((c) => {
    const dates = c.from === c.to ? c.from : `${c.from}..${c.to}`;
    const what =
      c.action === 'add' ? `add "${c.name}"${c.kind !== 'public' ? ` (${c.kind})` : ''}${c.start ? ` from ${c.start}` : ''}` : `${c.action} ("${c.name}")`;
    const removed = c.removed.length ? `; replaces ${[...new Set(c.removed.map((h) => `${h.name} (${h.country}, ${h.source})`))].join(', ')}` : '';
    const status =
      c.status === 'applied'
        ? `applied${removed} (${c.groups.join(', ')})`
        : c.status === 'no-change'
          ? c.action === 'add'
            ? `no change: the data already has it on ${c.already.join(', ')}`
            : 'no change: the data has no holiday there'
          : c.status === 'outside-window'
            ? 'not in this window'
            : `not applied: no group observes ${c.country}`;
    return `${c.scope} ${c.country} ${dates} ${what}: ${status}`;
  });
}

/** The sources of the observed countries' holidays, and why an official one was not used. */
export function sourceLines(json: PlanJson): string[] {
  const by = new Map<string, string[]>();
  for (const s of json.sources) {
    const label = s.note ? `${s.source} in ${s.year} (${s.note})` : s.source;
    const list = by.get(s.country) ?? [];
    if (!list.includes(label)) list.push(label);
    by.set(s.country, list);
  }
  return [...by].map(([country, labels]) => `${country} ${labels.join('; ')}`);
}
