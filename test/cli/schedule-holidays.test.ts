import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlRenderer, Parser } from 'commonmark';
import { describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';

describe('tcon schedule: holidays that touch a meeting', () => {
  // The example's 2029 calls on days off of its members' countries: Japan's Vernal Equinox Day
  // on 20 March 2029 (National Astronomical Observatory of Japan's almanac) and Juneteenth, a US
  // federal holiday on 19 June (5 U.S.C. 6103). 09:00 US ET on 20 March is 22:00 that day in Tokyo.
  it('are in the table\'s note, the minutes and the JSON, as tcon plan finds them', async () => {
    const table = await tcon(['schedule', '--group', 'wg-14', '--year', '2029']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('2029-03-20  Tue  09:00-10:00 US ET  2/2 Asia friendly     scheduled  holiday: Spring Equinox Day (JP)\n');
    expect(table.stdout).toContain('2029-06-19  Tue  11:00-12:00 US ET  1/2 US West friendly  scheduled  holiday: Juneteenth (US)\n');
    const plan = await tcon(['plan', '--year', '2029']);
    expect(plan.stdout).toContain('2029-03-20 Tue 09:00 US ET  Spring Equinox Day (JP)');

    const md = await tcon(['schedule', '--group', 'wg-14', '--from', '2029-06-01', '--to', '2029-06-30', '--format', 'markdown']);
    expect(md.stdout).toBe('**Tuesday 19 June 2029, 11am-12pm US ET**\n\n*Holiday: Juneteenth (US)*\n\n<https://meet.example.org/wg-14>\n');

    const json = JSON.parse((await tcon(['schedule', '--group', 'wg-14', '--year', '2029', '--format', 'json'])).stdout) as { date: string; holidays: unknown[]; blackouts: string[] }[];
    expect(json.find((m) => m.date === '2029-06-19')).toMatchObject({ holidays: [{ country: 'US', date: '2029-06-19', name: 'Juneteenth', type: 'public' }], blackouts: [] });
    expect(json.find((m) => m.date === '2029-01-16')).toMatchObject({ holidays: [], blackouts: [] });
  });

  it('--no-holidays leaves them out', async () => {
    const r = await tcon(['schedule', '--group', 'wg-14', '--year', '2029', '--no-holidays']);
    expect(r.stdout).not.toContain('holiday:');
    const json = JSON.parse((await tcon(['schedule', '--group', 'wg-14', '--year', '2029', '--format', 'json', '--no-holidays'])).stdout) as object[];
    expect(json[0]).not.toHaveProperty('holidays');
  });
});

describe('tcon schedule: holiday and blackout names in the minutes', () => {
  it('are escaped like every text from the config: commonmark renders no element or javascript: link from them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tcon-holiday-md-'));
    try {
      await cp(join(import.meta.dirname, '../../config'), join(dir, 'config'), { recursive: true });
      const name = '<img src=x onerror=alert(1)> [F2F](javascript:alert(2)) week';
      const settings = await readFile(join(dir, 'config', 'tcon.yaml'), 'utf8');
      await writeFile(
        join(dir, 'config', 'tcon.yaml'),
        settings.replace('{ name: "F2F week, Berlin", from: 2027-05-10, to: 2027-05-14,', `{ name: ${JSON.stringify(name)}, from: 2027-05-17, to: 2027-05-21,`),
      );
      const r = await tcon(['schedule', '--group', 'wg-14', '--from', '2027-05-01', '--to', '2027-05-31', '--format', 'markdown'], { cwd: dir });
      expect(r.stderr).toBe('');
      const html = new HtmlRenderer({ safe: false }).render(new Parser().parse(r.stdout));
      expect(html).not.toMatch(/<img|href="javascript:/i);
      expect([...new Set([...html.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]))].sort()).toEqual(['a', 'em', 'p', 'strong']);
      const text = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      expect(text).toContain(`Blackout: ${name}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
