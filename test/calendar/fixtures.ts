// Small group configs for calendar tests (made-up people, example.org).
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { parseGroup } from '../../src/config/parse.js';
import type { Group } from '../../src/schedule/types.js';

export function groupFrom(config: Record<string, unknown>): Group {
  const r = parseGroup(stringify(config), 'test.yaml');
  if (!r.group) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.group;
}

export const wg14 = (): Group => parseGroup(readFileSync(new URL('../../config/wg-14.yaml', import.meta.url), 'utf8'), 'config/wg-14.yaml').group!;

export const base = {
  id: 'tg',
  title: 'Test group',
  timezone: 'America/New_York',
  duration: 60,
  organizer: { name: 'Olga Organizer', email: 'olga@example.org' },
  link: 'https://meet.example.org/tg?pwd=secret',
  members: [
    { name: 'Ann Chair', email: 'ann@example.org', role: 'chair' },
    { name: 'Bo Voter', email: 'bo@example.org' },
    { name: 'Cy Observer', email: 'cy@example.org', role: 'observer' },
  ],
};
