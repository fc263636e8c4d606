import { loadSecretariat } from '../adapters/secretariat-file.js';
import { formatProblem } from '../config/problems.js';
import type { Secretariat } from '../config/secretariat.js';
import { buildSchedule } from '../schedule/build.js';
import type { Group, Occurrence, Window } from '../schedule/types.js';
import type { CliIo } from './io.js';

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

/** plannedBuilder, with the secretariat settings (tcon.yaml) it was made from. */
export async function loadPlanned(dir: string, groups: readonly Group[], io: CliIo): Promise<{ build: ScheduleBuilder; settings: Secretariat }> {
  const loaded = await loadSecretariat(dir, groups.map((g) => g.id));
  for (const p of loaded.problems) io.stderr.write(`${formatProblem(p)}\n`);
  const { settings } = loaded;
  const active =
    groups.some((g) => (g.holidays?.policy ?? settings.holidays.policy) !== 'warn') || settings.blackouts.some((b) => b.policy !== 'warn');
  if (!active) return { build: buildSchedule, settings };
  const [{ loadPlanContext }, { planSchedule }] = await Promise.all([import('../adapters/plan-context.js'), import('../plan/index.js')]);
  const { ctx, problems } = await loadPlanContext(dir, groups, { settings, problems: [] });
  // Members whose holidays cannot be known: said, never silent.
  for (const p of problems) io.stderr.write(`${formatProblem(p)}\n`);
  return { build: (group, window) => planSchedule(group, window, ctx).occurrences, settings };
}
