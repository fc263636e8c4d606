// loadConfig tells `opts.large` (CliIo.largeRun: bin/tcon.js lets V8's young generation grow at
// once) when a config has LARGE_CONFIG group files or more, before reading them, and only then.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LARGE_CONFIG, loadConfig } from '../../src/adapters/config-files.js';
import { groupYaml } from '../helpers/group.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function config(groups: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'tcon-large-'));
  dirs.push(dir);
  for (let i = 0; i < groups; i++) {
    const text = groupYaml({ timezone: 'UTC', series: '  - { rule: every week on Monday, from: 2027-01-04, slots: ["09:00"] }' });
    writeFileSync(join(dir, `g-${i}.yaml`), text.replace('id: test-group', `id: g-${i}`));
  }
  return dir;
}

describe('a large config', () => {
  it('is told once, before its files are read; a smaller one never', async () => {
    let told = 0;
    const large = () => told++;
    const big = await loadConfig(config(LARGE_CONFIG), { now: Date.UTC(2026, 10, 28), large });
    expect(big.groups).toHaveLength(LARGE_CONFIG);
    expect(told).toBe(1);
    told = 0;
    const small = await loadConfig(config(LARGE_CONFIG - 1), { now: Date.UTC(2026, 10, 28), large });
    expect(small.groups).toHaveLength(LARGE_CONFIG - 1);
    expect(told).toBe(0);
    // A registry of about a hundred groups is a short run: its young generation stays small.
    expect(LARGE_CONFIG).toBeGreaterThan(100);
  });

  it('told before a file is read: a config that fails to load was still large', async () => {
    const dir = config(LARGE_CONFIG);
    writeFileSync(join(dir, 'g-0.yaml'), 'id: [unclosed\n');
    let told = 0;
    await expect(loadConfig(dir, { now: Date.UTC(2026, 10, 28), large: () => told++ })).rejects.toThrow();
    expect(told).toBe(1);
  });
});
