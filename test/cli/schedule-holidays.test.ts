import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlRenderer, Parser } from 'commonmark';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holidayCalendar, type HolidayStore, type HolidayYear } from '../../src/plan/holidays.js';
import { createHolidayCalendar } from '../../src/plan/index.js';
import { tcon } from '../helpers/cli.js';

describe('tcon schedule: holidays that touch a meeting', () => {
  // The example's 2029 calls on days off of its members' countries: Japan's Vernal Equinox Day
  // on 20 March 2029 (National Astronomical Observatory of Japan's almanac) and Juneteenth, a US
  // federal holiday on 19 June (5 U.S.C. 6103). 09:00 US ET on 20 March is 22:00 that day in Tokyo.
  it("are in the table's note, the minutes and the JSON, as tcon plan finds them", async () => {
    const table = await tcon(['schedule', '--group', 'wg-14', '--year', '2029']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('2029-03-20  Tue  09:00-10:00 US ET  2/2 Asia friendly     scheduled  holiday: Spring Equinox Day (JP)\n');
    expect(table.stdout).toContain('2029-06-19  Tue  11:00-12:00 US ET  1/2 US West friendly  scheduled  holiday: Juneteenth (US)\n');
    const plan = await tcon(['plan', '--year', '2029']);
    expect(plan.stdout).toContain('2029-03-20 Tue 09:00 US ET  Spring Equinox Day (JP)');

    const md = await tcon(['schedule', '--group', 'wg-14', '--from', '2029-06-01', '--to', '2029-06-30', '--format', 'markdown']);
    expect(md.stdout).toBe('**Tuesday 19 June 2029, 11am-12pm US ET**\n\n*Holiday: Juneteenth (US)*\n\n<https://meet.example.org/wg-14>\n');

    const json = JSON.parse((await tcon(['schedule', '--group', 'wg-14', '--year', '2029', '--format', 'json'])).stdout) as {
      date: string;
      holidays: unknown[];
      blackouts: string[];
    }[];
    expect(json.find((m) => m.date === '2029-06-19')).toMatchObject({
      holidays: [{ country: 'US', date: '2029-06-19', name: 'Juneteenth', type: 'public' }],
      blackouts: [],
    });
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
      await cp(join(import.meta.dirname, '../../config'), join(dir, 'config'), { recursive: true, filter: (src) => !src.includes('.tcon') });
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
      const text = html
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
      expect(text).toContain(`Blackout: ${name}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// The holiday cache (<config dir>/.tcon/holidays-cache.json): a run that finds its years there
// neither loads date-holidays nor computes them, and the output is the same with it, without it,
// and with a cache that is damaged, foreign or in the way.
describe('the holiday cache', () => {
  let dir: string;
  let cacheFile: string;
  const runs = [
    ['schedule', '--group', 'wg-14', '--year', '2029'],
    ['schedule', '--group', 'wg-14', '--year', '2029', '--format', 'json'],
    ['schedule', '--group', 'wg-14', '--from', '2029-06-01', '--to', '2029-06-30', '--format', 'markdown'],
    ['plan', '--year', '2029'],
  ];
  const cached = { TCON_HOLIDAY_CACHE: undefined };
  let expected: { code: number; stdout: string; stderr: string }[];
  const outputs = (env: Record<string, string | undefined>) =>
    Promise.all(runs.map((argv) => tcon([...argv, '--now', '2029-01-01T00:00Z'], { cwd: dir, env })));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tcon-holiday-cache-'));
    await cp(join(import.meta.dirname, '../../config'), join(dir, 'config'), { recursive: true, filter: (src) => !src.includes('.tcon') });
    cacheFile = join(dir, 'config', '.tcon', 'holidays-cache.json');
    expected = await outputs({ TCON_HOLIDAY_CACHE: 'off' });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('TCON_HOLIDAY_CACHE=off reads and writes none', async () => {
    expect(expected[0]!.stdout).toContain('holiday: Juneteenth (US)');
    await expect(readdir(join(dir, 'config', '.tcon'))).rejects.toThrow(/ENOENT/);
  });

  it('the first run writes it, the second reads it: the same output each time', async () => {
    expect(await outputs(cached)).toEqual(expected);
    const file = JSON.parse(await readFile(cacheFile, 'utf8')) as {
      key: { sources: Record<string, string> };
      countries: Record<string, { years: Record<string, HolidayYear> }>;
    };
    // Keyed by the versions of the holiday sources installed (read here from their package.json).
    const require = createRequire(import.meta.url);
    for (const pkg of ['date-holidays', 'chinese-days', '@hyunbinseo/holidays-kr'])
      expect(file.key.sources[pkg]).toBe((require(`${pkg}/package.json`) as { version: string }).version);
    expect(Object.keys(file.countries).sort()).toEqual(['DE', 'IN', 'IT', 'JP', 'TW', 'US']);
    expect(file.countries.US!.years['2029']!.holidays).toContainEqual(expect.objectContaining({ date: '2029-06-19', name: 'Juneteenth', type: 'public' }));
    expect(await outputs(cached)).toEqual(expected);
  });

  it('what a second run shows comes from the cache (a name changed in it shows)', async () => {
    const text = await readFile(cacheFile, 'utf8');
    try {
      await writeFile(cacheFile, text.replace('"Juneteenth"', '"Juneteenth (as cached)"'));
      const r = await tcon(runs[0]!, { cwd: dir, env: cached });
      expect(r.stdout).toContain('holiday: Juneteenth (as cached) (US)');
    } finally {
      await writeFile(cacheFile, text);
    }
  });

  const damaged: [string, (text: string) => string | Buffer][] = [
    ['cut off in the middle', (t) => t.slice(0, Math.floor(t.length / 2))],
    ['empty', () => ''],
    ['not JSON at all', () => Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x00])],
    ['with NUL bytes', (t) => t.replace('"Juneteenth"', '"Junet\u0000eenth"').replace(/,/, '\u0000,')],
    ['JSON of another shape', () => '[1, 2, 3]'],
    ['entries of the wrong types', (t) => t.replace(/"holidays":\[/, '"holidays":"none","x":[')],
    ['a holiday of an unknown kind', (t) => t.replace('"type":"public"', '"type":"festive"')],
    ['a holiday dated in another year than its entry', (t) => t.replace('"date":"2029-06-19"', '"date":"2031-06-19"')],
    // Foreign: another version of date-holidays made it; its (changed) names must not show.
    ['of another date-holidays version', (t) => t.replace(/"date-holidays":"[^"]+"/, '"date-holidays":"0.0.1"').replaceAll('Juneteenth', 'Not Juneteenth')],
    ['of another tcon', (t) => t.replace(/"tcon":"[^"]+"/, '"tcon":"99.0.0"').replaceAll('Juneteenth', 'Not Juneteenth')],
  ];

  it.each(damaged)('a damaged or foreign cache (%s) is ignored and rewritten: the same output, no message', async (_what, damage) => {
    const good = await readFile(cacheFile, 'utf8');
    await writeFile(cacheFile, damage(good));
    expect(await outputs(cached)).toEqual(expected);
    // Rewritten whole, as a good run writes it (the same years: those the runs computed again).
    expect(JSON.parse(await readFile(cacheFile, 'utf8'))).toEqual(JSON.parse(good));
    expect((await readdir(join(dir, 'config', '.tcon'))).sort()).toEqual(['holidays-cache.json']);
  });

  it('a directory, a FIFO or a symbolic link in its place is left alone: the same output, no message', async () => {
    const good = await readFile(cacheFile, 'utf8');
    try {
      await rm(cacheFile);
      await mkdir(cacheFile);
      expect(await outputs(cached)).toEqual(expected);
      await rm(cacheFile, { recursive: true });
      execFileSync('mkfifo', [cacheFile]);
      // Reading a FIFO would wait for a writer: the cache must not be read through one.
      expect(await outputs(cached)).toEqual(expected);
      await rm(cacheFile);
      const elsewhere = join(dir, 'elsewhere.json');
      await writeFile(elsewhere, 'precious\n');
      await symlink(elsewhere, cacheFile);
      expect(await outputs(cached)).toEqual(expected);
      expect(await readFile(elsewhere, 'utf8')).toBe('precious\n');
      await rm(cacheFile);
    } finally {
      await rm(cacheFile, { recursive: true, force: true });
      await writeFile(cacheFile, good);
    }
  });
});

describe('the holiday calendar with a store', () => {
  it('gives the same holidays, workdays and sources from stored years, and never loads date-holidays for them', () => {
    const years = new Map<string, HolidayYear>();
    const zones = new Map<string, string>();
    const store: HolidayStore = {
      year: (code, y) => years.get(`${code}/${y}`),
      zone: (code) => zones.get(code),
      put: (code, y, data, zone) => {
        years.set(`${code}/${y}`, structuredClone(data));
        zones.set(code, zone);
      },
    };
    const plain = createHolidayCalendar();
    const filling = createHolidayCalendar(store);
    const codes = ['US', 'US-CA', 'CN', 'KR', 'TW', 'DE-BY', 'JP'];
    const dates: string[] = [];
    for (let d = Date.UTC(2026, 0, 1); d <= Date.UTC(2027, 11, 31); d += 86_400_000) dates.push(new Date(d).toISOString().slice(0, 10));
    const seen = (c: typeof plain) =>
      codes.map((code) => ({
        zone: c.zoneOf(code),
        sources: [2026, 2027].map((y) => c.sourceOf(code, y)),
        days: dates.map((d) => [c.holidays(code, d), c.workday(code, d)]),
      }));
    const want = seen(plain);
    expect(seen(filling)).toEqual(want);
    expect([...years.keys()].sort()).toEqual(codes.flatMap((c) => [`${c}/2026`, `${c}/2027`]).sort());
    const stored = holidayCalendar(() => {
      throw new Error('date-holidays loaded for a stored year');
    }, store);
    expect(seen(stored)).toEqual(want);
    expect(stored.isKnown('US-CA')).toBe(true);
    expect(stored.isKnown('XQ')).toBe(false);
  });
});
