import { coverageOfSchedule, fairOrBetter } from '../coverage/index.js';
import type { GroupPlan } from '../plan/index.js';

/**
 * One coverage line per group, from the coverage API over the planned schedule: each focus
 * region's share of fair-or-better meetings, the worst-served region named first.
 */
export function coverageLines(plans: readonly GroupPlan[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of plans) {
    const cov = coverageOfSchedule(p.group, p.occurrences);
    if (!cov.regions.length || !cov.meetings.length) continue;
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    const worst = [...cov.regions].sort((a, b) => fairOrBetter(a) - fairOrBetter(b))[0]!;
    const all = cov.regions.map((r) => `${r.target.id} ${pct(fairOrBetter(r))}`).join(', ');
    out.set(p.group.id, `worst ${worst.target.id} ${pct(fairOrBetter(worst))} fair-or-better (${all})`);
  }
  return out;
}
