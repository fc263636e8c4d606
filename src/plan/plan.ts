/*
 * Planning a window: the schedules with the holiday and blackout policies applied, the holidays
 * and blackouts that touch meetings, and the plan of every group (tcon plan). Apart from
 * index.ts, so that the command line can import it without date-holidays (index.ts exports
 * createHolidayCalendar, which imports it; see holidays.ts).
 */
import type { DateTime } from 'luxon';
import type { Secretariat } from '../config/secretariat.js';
import type { Group, IsoDate, Occurrence, Window } from '../schedule/types.js';
import { findConflicts, type Conflict } from './conflicts.js';
import { correctionReports, type CorrectionReport } from './corrections.js';
import type { DataSource, HolidayCalendar } from './holidays.js';
import type { PolicyChange, PlannedSchedule } from './policies.js';
import { Planner } from './planner.js';
import { groupNames, issueOf, type DateIssue, type GroupRules } from './rules.js';
import { compareText } from '../schedule/text.js';

/** What planning needs besides the groups: the secretariat's settings and the holidays. */
export interface PlanContext {
  settings: Secretariat;
  calendar: HolidayCalendar;
  /**
   * Every group of the config, in order: a `shift` then never lands on another group's call
   * that shares people or a bridge. Without it each group is planned alone.
   */
  groups?: readonly Group[];
}

const planners = new WeakMap<PlanContext, Planner>();

/** The planner of a context: one per context, so other groups' schedules are computed once. */
function plannerOf(ctx: PlanContext): Planner {
  let p = planners.get(ctx);
  if (!p) planners.set(ctx, (p = new Planner(ctx.groups ?? [], ctx.settings, ctx.calendar)));
  return p;
}

/**
 * The schedule other commands publish (schedule, feeds, emails): buildSchedule with the
 * group's holiday and blackout policies applied. Moved and skipped meetings carry the reason
 * in `note` ("moved from 31 May: Memorial Day (US)"). With `ctx.groups`, shifts avoid the other
 * groups' calls (see planner.ts).
 */
export function planSchedule(group: Group, window: Window, ctx: PlanContext): PlannedSchedule {
  return plannerOf(ctx).plan(group, window);
}

/**
 * The holidays and blackouts that touch each held meeting of `occurrences` (as `tcon plan` finds
 * them: the meeting's local date in each observed country, half days by their start), so that
 * schedules and minutes can say so. Pure.
 */
export function touchingIssues(group: Group, occurrences: readonly Occurrence[], ctx: PlanContext): Map<Occurrence, DateIssue> {
  const rules = plannerOf(ctx).rulesOf(group);
  const out = new Map<Occurrence, DateIssue>();
  for (const o of occurrences) {
    if (o.status === 'skipped') continue;
    const issue = issueOf(rules, ctx.calendar, o);
    if (issue) out.set(o, issue);
  }
  return out;
}

/** A meeting's holidays and blackouts in words: "holiday: Memorial Day (US)", "blackout: F2F week". */
export function issueWords(issue: DateIssue): string[] {
  return [
    ...(issue.blackouts.length ? [`blackout: ${issue.blackouts.map((b) => b.name).join(', ')}`] : []),
    ...(issue.holidays.length ? [`holiday: ${groupNames(issue.holidays).join(', ')}`] : []),
  ];
}

/** A held meeting on a holiday or in a blackout, and what became of it. */
export interface DateFinding {
  group: string;
  occurrence: Occurrence;
  issue: DateIssue;
  /**
   * - `unresolved`: held on the date (policy warn, or the policy is not applied: no --fix);
   * - `kept`: held there because the config moved or added it there explicitly;
   * - `moved` / `skipped`: the policy (--fix) moved or skipped it.
   */
  status: 'unresolved' | 'kept' | 'moved' | 'skipped';
  /** Without --fix: what the policy would do ("skip", "move to 2027-06-07"). */
  proposal: string | undefined;
  movedTo: DateTime | undefined;
}

export interface GroupPlan {
  group: Group;
  rules: GroupRules;
  /** The schedule reported: fixed with --fix, as built otherwise. */
  occurrences: Occurrence[];
  changes: PolicyChange[];
}

/** The source of a country's holidays in a year of the window. */
export interface SourceUse extends DataSource {
  country: string;
  year: number;
}

export interface PlanResult {
  window: { from: IsoDate; to: IsoDate };
  /** What each correction of the holiday data did in the window. */
  corrections: CorrectionReport[];
  /** Which source served each observed country, per year of the window. */
  sources: SourceUse[];
  fixed: boolean;
  groups: GroupPlan[];
  dates: DateFinding[];
  conflicts: Conflict[];
  /** Findings that make `tcon plan` exit 1: unresolved dates and every conflict. */
  unresolved: number;
}

/**
 * Plans every group over `window` (dates in each group's zone): holidays and blackouts under
 * each group's policy, and conflicts between groups. With `fix`, the policies are applied and
 * conflicts are looked for in the fixed schedules. Pure.
 */
export function planGroups(groups: readonly Group[], window: Window, ctx: PlanContext, opts: { fix: boolean }): PlanResult {
  const plans: GroupPlan[] = [];
  const dates: DateFinding[] = [];
  // The groups planned together are the config, unless the context names it.
  const planner = ctx.groups ? plannerOf(ctx) : new Planner(groups, ctx.settings, ctx.calendar);
  for (const group of groups) {
    const rules = planner.rulesOf(group);
    const fixed = planner.plan(group, window);
    const occurrences = opts.fix ? fixed.occurrences : fixed.original;
    plans.push({ group, rules, occurrences, changes: opts.fix ? fixed.changes : [] });
    const byDate = new Map(fixed.changes.map((c) => [`${c.occurrence.seriesId ?? ''}|${c.date}`, c]));
    if (opts.fix) {
      for (const c of fixed.changes) {
        dates.push({ group: group.id, occurrence: c.occurrence, issue: c.issue, status: c.action, proposal: undefined, movedTo: c.to });
      }
    }
    for (const o of occurrences) {
      if (o.status === 'skipped') continue;
      if (opts.fix && o.status === 'moved' && byDate.has(`${o.seriesId ?? ''}|${o.date}`)) continue;
      const issue = issueOf(rules, ctx.calendar, o);
      if (!issue) continue;
      const explicit = o.status === 'moved' || o.status === 'added';
      const change = opts.fix || explicit ? undefined : byDate.get(`${o.seriesId ?? ''}|${o.date}`);
      const proposal = change ? (change.action === 'skipped' ? `skip` : `move to ${change.to!.toISODate()}`) : undefined;
      dates.push({ group: group.id, occurrence: o, issue, status: explicit ? 'kept' : 'unresolved', proposal, movedTo: undefined });
    }
  }
  dates.sort((x, y) => x.occurrence.start.toMillis() - y.occurrence.start.toMillis() || compareText(x.group, y.group));
  const conflicts = findConflicts(
    plans.map((p) => ({ group: p.group, occurrences: p.occurrences })),
    ctx.settings.conflictBuffer,
    ctx.settings.bridges,
  );
  const unresolved = dates.filter((d) => d.status === 'unresolved').length + conflicts.length;
  const corrections = correctionReports(plans, ctx.settings.holidays.corrections, ctx.calendar, window);
  const sources: SourceUse[] = [];
  const countries = [...new Set(plans.flatMap((p) => p.rules.places.map((pl) => pl.country)))].sort();
  for (let y = Number(window.from.slice(0, 4)); y <= Number(window.to.slice(0, 4)); y++) {
    for (const country of countries) sources.push({ country, year: y, ...ctx.calendar.sourceOf(country, y) });
  }
  return { window: { from: window.from, to: window.to }, corrections, sources, fixed: opts.fix, groups: plans, dates, conflicts, unresolved };
}

/**
 * A plan narrowed to some groups (`tcon plan --group`): their findings, their conflicts with any
 * group (the other groups were planned too: a conflict needs both sides), the corrections and
 * holiday sources that concern them. Pure.
 */
export function planOf(result: PlanResult, ids: readonly string[]): PlanResult {
  const mine = (id: string) => ids.includes(id);
  const groups = result.groups.filter((g) => mine(g.group.id));
  const dates = result.dates.filter((d) => mine(d.group));
  const conflicts = result.conflicts.filter((c) => mine(c.a.groupId) || mine(c.b.groupId));
  const countries = new Set(groups.flatMap((g) => g.rules.places.map((p) => p.country)));
  return {
    ...result,
    groups,
    dates,
    conflicts,
    corrections: result.corrections.filter((c) => c.groups.some(mine)),
    sources: result.sources.filter((s) => countries.has(s.country)),
    unresolved: dates.filter((d) => d.status === 'unresolved').length + conflicts.length,
  };
}
