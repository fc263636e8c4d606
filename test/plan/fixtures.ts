import { parseGroup } from '../../src/config/parse.js';
import { defaultSecretariat, parseSecretariat, type Secretariat } from '../../src/config/secretariat.js';
import { createHolidayCalendar, type PlanContext } from '../../src/plan/index.js';
import type { Group } from '../../src/schedule/types.js';

/** A group from YAML text; fails the test with the problems when it does not parse. */
export function group(text: string, file = 'test.yaml'): Group {
  const r = parseGroup(text, file);
  if (!r.group) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.group;
}

export function settings(text: string | undefined): Secretariat {
  if (text === undefined) return defaultSecretariat();
  const r = parseSecretariat(text, 'tcon.yaml');
  if (!r.settings) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.settings;
}

const calendar = createHolidayCalendar();

export function context(text?: string): PlanContext {
  return { settings: settings(text), calendar };
}
