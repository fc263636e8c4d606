import type { DateTime } from 'luxon';
import type { Secretariat } from '../config/secretariat.js';
import type { Group, IsoDate, Occurrence, Window } from '../schedule/types.js';
import { findConflicts, type Conflict } from './conflicts.js';
import { correctionReports, type CorrectionReport } from './corrections.js';
import type { DataSource, HolidayCalendar } from './holidays.js';
import type { PolicyChange, PlannedSchedule } from './policies.js';
import { Planner } from './planner.js';
import { issueOf, type DateIssue, type GroupRules } from './rules.js';

export { createHolidayCalendar, localDate, type Holiday, type HolidayCalendar, type MakeUpDay, type DataSource } from './holidays.js';
export { findConflicts, bridgeOf, type Conflict, type Shared } from './conflicts.js';
export { applyPolicies, type PolicyChange, type PlannedSchedule, type PolicyOptions, type ShiftGuard } from './policies.js';
export { groupRules, dateIssue, unknownCountries, correctedHolidays, type DateIssue, type GroupRules, type Place, type MemberWithoutCountry } from './rules.js';
export { correctionReports, type CorrectionReport } from './corrections.js';
export { countryOfZone, zoneCountry } from './zones.js';
export { Planner } from './planner.js';

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
  dates.sort((x, y) => x.occurrence.start.toMillis() - y.occurrence.start.toMillis() || x.group.localeCompare(y.group));
  const conflicts = findConflicts(plans.map((p) => ({ group: p.group, occurrences: p.occurrences })), ctx.settings.conflictBuffer, ctx.settings.bridges);
  const unresolved = dates.filter((d) => d.status === 'unresolved').length + conflicts.length;
  const corrections = correctionReports(plans, ctx.settings.holidays.corrections, ctx.calendar, window);
  const sources: SourceUse[] = [];
  const countries = [...new Set(plans.flatMap((p) => p.rules.places.map((pl) => pl.country)))].sort();
  for (let y = Number(window.from.slice(0, 4)); y <= Number(window.to.slice(0, 4)); y++) {
    for (const country of countries) sources.push({ country, year: y, ...ctx.calendar.sourceOf(country, y) });
  }
  return { window: { from: window.from, to: window.to }, corrections, sources, fixed: opts.fix, groups: plans, dates, conflicts, unresolved };
}
