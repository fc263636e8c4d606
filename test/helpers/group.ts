import { parseGroup } from '../../src/config/parse.js';
import { formatProblem } from '../../src/config/problems.js';
import type { Group } from '../../src/schedule/types.js';

/** Parses a group from YAML text; fails the test with every problem if it has errors. */
export function group(yaml: string, file = 'test.yaml'): Group {
  const { group: g, problems } = parseGroup(yaml, file);
  if (!g) throw new Error(`config has errors:\n${problems.map(formatProblem).join('\n')}`);
  return g;
}

/** A minimal group file around the given series (YAML lines, indented by the caller). */
export function groupYaml(opts: { timezone?: string; series: string; meetings?: string; extra?: string }): string {
  return [
    'id: test-group',
    'title: Test Group',
    `timezone: ${opts.timezone ?? 'America/New_York'}`,
    opts.extra ?? '',
    'series:',
    opts.series,
    opts.meetings ? `meetings:\n${opts.meetings}` : '',
  ].join('\n');
}
