import type { GroupPlan } from '../../plan/index.js';

/** One coverage line per group (filled in from the coverage API). */
export function coverageLines(plans: readonly GroupPlan[]): Map<string, string> {
  void plans;
  return new Map();
}
