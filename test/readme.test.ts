import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGroup } from '../src/config/parse.js';
import { formatProblem } from '../src/config/problems.js';
import { parseSecretariat } from '../src/config/secretariat.js';
import { parseRule } from '../src/schedule/recurrence.js';

// The README's config examples are what people copy: they must stay valid as the schema changes.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
const firstKey = (b: string) => b.split('\n').find((l) => l.trim() && !l.startsWith('#')) ?? '';

describe('README config examples', () => {
  it('the group file example is a valid group', () => {
    const groups = blocks.filter((b) => firstKey(b).startsWith('id:'));
    expect(groups.length).toBeGreaterThan(0);
    for (const b of groups) expect(parseGroup(b, 'README.md').problems).toEqual([]);
  });
  it('the tcon.yaml example is valid secretariat settings', () => {
    const settings = blocks.filter((b) => firstKey(b).startsWith('conflicts:'));
    expect(settings.length).toBe(1);
    const r = parseSecretariat(settings[0]!, 'README.md', ['wg-14']);
    expect(r.problems).toEqual([]);
    expect(r.settings?.blackouts.length).toBe(3);
  });
});

// The "Rule phrases" section is the grammar's documentation: every example must read to the RRULE
// beside it, and every refused example must be refused.
describe('README rule phrases', () => {
  const section = readme.slice(readme.indexOf('### Rule phrases'), readme.indexOf('### Secretariat settings'));
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
  const quoted = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  const accepted = rows.filter((r) => /^`(FREQ|INTERVAL)=/.test(cells(r)[1] ?? ''));
  const refused = rows.filter((r) => !accepted.includes(r));

  it('lists the phrase forms, each example with its RRULE', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(25);
    for (const row of accepted) {
      const [phrases, rule] = cells(row);
      const examples = quoted(phrases!);
      expect(examples.length).toBeGreaterThan(0);
      for (const p of examples) expect(parseRule(p), p).toEqual({ ok: true, rule: quoted(rule!)[0] });
    }
  });

  it('lists refused phrases, and each is refused', () => {
    expect(refused.length).toBeGreaterThanOrEqual(10);
    for (const row of refused) for (const p of quoted(cells(row)[0]!)) expect(parseRule(p).ok, p).toBe(false);
  });

  it('its error example is what tcon prints for that config line', () => {
    const line = section.split('\n').find((l) => l.startsWith('config/wg-14.yaml:'))!;
    const example = readFileSync(new URL('../config/wg-14.yaml', import.meta.url), 'utf8').replace('every month on the 3rd Tuesday', 'every montth on the 3rd Tuesday');
    expect(parseGroup(example, 'config/wg-14.yaml').problems.map(formatProblem)).toEqual([line]);
  });
});
