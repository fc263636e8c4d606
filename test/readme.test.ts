import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGroup } from '../src/config/parse.js';
import { parseSecretariat } from '../src/config/secretariat.js';

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
