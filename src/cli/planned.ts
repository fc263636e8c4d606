import { loadSecretariat } from '../adapters/secretariat-file.js';
import type { Secretariat } from '../config/secretariat.js';
import { buildSchedule } from '../schedule/build.js';
import type { DateIssue } from '../plan/rules.js';
import type { Group, Occurrence, Window } from '../schedule/types.js';
import type { HolidayStore } from '../plan/holidays.js';
import { atEndOfRun, reportProblems, type CliIo } from './io.js';

/**
 * The holiday cache of the config in `dir` (see src/adapters/holiday-cache.ts), written at the
 * end of the run with what it computed; none with TCON_HOLIDAY_CACHE=off (every year computed,
 * nothing read or written).
 */
export async function holidayStore(dir: string, io: CliIo): Promise<HolidayStore | undefined> {
  if (io.env.TCON_HOLIDAY_CACHE === 'off') return undefined;
  const { HolidayCache } = await import('../adapters/holiday-cache.js');
  const cache = await HolidayCache.open(dir);
  atEndOfRun(io, () => cache.save());
  return cache;
}

export type ScheduleBuilder = (group: Group, window: Window) => Occurrence[];

/**
 * The schedule every command publishes (schedule, site, feeds, mail): the groups' holiday and
 * blackout policies applied (planSchedule), so a moved call says why everywhere. The holiday
 * data is only loaded when some policy can change a meeting (skip or shift); otherwise this is
 * buildSchedule itself.
 */
export async function plannedBuilder(dir: string, groups: readonly Group[], io: CliIo): Promise<ScheduleBuilder> {
  return (await loadPlanned(dir, groups, io)).build;
}

/** The holidays and blackouts that touch a group's held meetings, as `DateIssue`s and in words. */
export type IssueLookup = (group: Group, occurrences: readonly Occurrence[]) => Map<Occurrence, { issue: DateIssue; words: string[] }>;

/**
 * plannedBuilder, with the secretariat settings (tcon.yaml) it was made from. With `holidays`,
 * also the holidays and blackouts that touch each meeting (the holiday data is then loaded even
 * when no policy can change a meeting).
 */
export async function loadPlanned(
  dir: string,
  groups: readonly Group[],
  io: CliIo,
  opts: { holidays?: boolean } = {},
): Promise<{ build: ScheduleBuilder; settings: Secretariat; issues?: IssueLookup }> {
  const loaded = await loadSecretariat(
    dir,
    groups.map((g) => g.id),
  );
  reportProblems(io, loaded.problems);
  const { settings } = loaded;
  const active = groups.some((g) => (g.holidays?.policy ?? settings.holidays.policy) !== 'warn') || settings.blackouts.some((b) => b.policy !== 'warn');
  if (!active && !opts.holidays) return { build: buildSchedule, settings };
  const [{ loadPlanContext }, { planSchedule, touchingIssues, issueWords }] = await Promise.all([
    import('../adapters/plan-context.js'),
    import('../plan/plan.js'),
  ]);
  const { ctx, problems } = await loadPlanContext(dir, groups, { settings, problems: [] }, { holidayStore: await holidayStore(dir, io) });
  // Members whose holidays cannot be known: said, never silent.
  reportProblems(io, problems);
  const build: ScheduleBuilder = active ? (group, window) => planSchedule(group, window, ctx).occurrences : buildSchedule;
  const issues: IssueLookup = (group, occurrences) => {
    const out = new Map<Occurrence, { issue: DateIssue; words: string[] }>();
    for (const [o, issue] of touchingIssues(group, occurrences, ctx)) out.set(o, { issue, words: issueWords(issue) });
    return out;
  };
  return { build, settings, ...(opts.holidays ? { issues } : {}) };
}
