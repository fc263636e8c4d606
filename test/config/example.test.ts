import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/adapters/config-files.js';
import { loadSecretariat } from '../../src/adapters/secretariat-file.js';
import { parseGroup } from '../../src/config/parse.js';

// The bundled config is the user's first documentation: it must load cleanly, and what its
// comments offer to uncomment must be valid too.
const root = new URL('../../', import.meta.url).pathname;

describe('the example config', () => {
  it('loads without a problem: group file, regions.yaml and tcon.yaml', async () => {
    const config = await loadConfig('config', { cwd: root });
    expect(config.groups.map((g) => g.id)).toEqual(['wg-14']);
    expect(config.problems).toEqual([]);
    const { problems } = await loadSecretariat(config.dir, ['wg-14']);
    expect(problems).toEqual([]);
  });

  it('the keys offered in comments at the end of wg-14.yaml are valid when uncommented', async () => {
    const text = await readFile(`${root}config/wg-14.yaml`, 'utf8');
    const [active, offered] = text.split('# More keys a group file may have');
    const lines = offered!.split('\n');
    const topLevel = lines.filter((l) => /^# [a-z-]+: /.test(l)).map((l) => l.slice(2));
    const perDate = lines.filter((l) => /^#   \d{4}-\d{2}-\d{2}: /.test(l)).map((l) => l.slice(2));
    expect(topLevel.length).toBeGreaterThanOrEqual(8);
    expect(perDate.length).toBe(3);
    const withAll =
      active!.replace('  2019-12-17: { skip: Holiday break }\n', `  2019-12-17: { skip: Holiday break }\n${perDate.join('\n')}\n`) + topLevel.join('\n') + '\n';
    // The series offered (a parallel call with an id) goes under series:.
    const offeredSeries = lines.filter((l) => /^# {3}- \{ id: /.test(l)).map((l) => `  ${l.slice(4)}`);
    expect(offeredSeries.length).toBe(1);
    const withSeries = withAll.replace('meetings:\n', `${offeredSeries.join('\n')}\nmeetings:\n`);
    const { group, problems } = parseGroup(withSeries, 'config/wg-14.yaml');
    expect(problems).toEqual([]);
    expect(group?.alarms?.length).toBe(2);
    expect(group?.series.map((s) => s.id)).toEqual(['s0-start', 's1-2019-09-01', 'editors']);
  });
});
