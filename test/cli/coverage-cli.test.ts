import { mkdtemp, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { tcon } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/coverage/', import.meta.url));

describe('tcon check START (one slot)', () => {
  it('prints each region\'s local time, "+1 day" marks, rating and verdict', async () => {
    const r = await tcon(['check', '2027-03-16T19:00', '--zone', 'America/New_York', '--regions', 'japan-korea,us-west,Europe/Paris,india'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Tue 16 Mar 2027 19:00-20:00 America/New_York (23:00-00:00 UTC), 60 min');
    expect(lines.find((l) => l.startsWith('Japan/Korea'))).toMatch(
      /^Japan\/Korea +Asia\/Tokyo +Wed 17 Mar 08:00-09:00 \(\+1 day\) +good +within working hours \(08:00-18:00\)$/,
    );
    expect(lines.find((l) => l.startsWith('US West'))).toMatch(/Tue 16 Mar 16:00-17:00 +good/);
    expect(lines.find((l) => l.startsWith('Europe/Paris'))).toMatch(/Wed 17 Mar 00:00-01:00 \(\+1 day\) +poor +starts before 07:00$/);
    expect(lines.find((l) => l.startsWith('India'))).toMatch(/Wed 17 Mar 04:30-05:30 \(\+1 day\) +poor/);
  });

  it.each([
    [['--require', 'japan,us-west'], 1, 'FAIL: required region rated poor: us-west'],
    [['--require', 'japan'], 0, 'OK: every required region (japan-korea) is fair or better'],
    [['--require', 'Asia/Tokyo', '--duration', '90'], 1, 'FAIL: required region rated poor: Asia/Tokyo'],
  ])('--require %j exits %i', async (extra, code, verdict) => {
    // 09:00 EDT: 22:00-23:00 in Tokyo (fair), 06:00 in Los Angeles (poor); 90 minutes run past 23:00 in Tokyo.
    const r = await tcon(['check', '2027-03-16T09:00', '--zone', 'America/New_York', ...extra], { cwd: root });
    expect(r.code).toBe(code);
    expect(r.stdout).toContain(verdict);
  });

  it('JSON contract: region, zone, local (ISO with offset), rating, plus a summary', async () => {
    const r = await tcon(
      ['check', '2027-03-16T09:00', '--zone', 'America/New_York', '--regions', 'japan,australia-east', '--require', 'us-west', '--format', 'json'],
      { cwd: root },
    );
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ mode: 'slot', start: '2027-03-16T09:00:00-04:00', startUtc: '2027-03-16T13:00:00Z', zone: 'America/New_York', duration: 60 });
    expect(
      out.results.map((x: { region: string; zone: string; local: string; rating: string; dayShift: number; required: boolean }) => [
        x.region,
        x.zone,
        x.local,
        x.rating,
        x.dayShift,
        x.required,
      ]),
    ).toEqual([
      ['japan-korea', 'Asia/Tokyo', '2027-03-16T22:00:00+09:00', 'fair', 0, false],
      ['australia-east', 'Australia/Sydney', '2027-03-17T00:00:00+11:00', 'poor', 1, false],
      ['us-west', 'America/Los_Angeles', '2027-03-16T06:00:00-07:00', 'poor', 0, true],
    ]);
    expect(out.results[2].verdict).toBe('starts before 07:00');
    expect(out.summary).toEqual({ required: ['us-west'], failed: ['us-west'], ok: false });
  });

  it.each([
    [['check', '2027-03-16T09:00'], '--zone is needed'],
    [['check', '2027-03-16T09:00', '--zone', 'Mars/Olympus'], '--zone: unknown time zone "Mars/Olympus" (expected an IANA zone name'],
    [['check', '2027-03-16 9am', '--zone', 'UTC'], 'expected a start date and time YYYY-MM-DDTHH:mm'],
    [['check', '2027-03-16T09:00', '--zone', 'UTC', '--regions', 'apac,japan'], '--regions: unknown region or time zone "apac"'],
  ])('usage errors exit 2: %j', async (argv, message) => {
    const r = await tcon(argv, { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("with --group: the group's zone, coverage regions and duration", async () => {
    const r = await tcon(['check', '2027-03-16T11:00', '--group', 'wg-14', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect([out.zone, out.duration, out.start]).toEqual(['America/New_York', 60, '2027-03-16T11:00:00-04:00']);
    expect(out.results.map((x: { region: string; localTime: string }) => `${x.region} ${x.localTime}`)).toEqual([
      'us-west 08:00-09:00',
      'us-east 11:00-12:00',
      'europe 16:00-17:00',
      'india 20:30-21:30',
      'china-taiwan 23:00-00:00',
      'japan-korea 00:00-01:00',
    ]);
  });

  it('warns about a start inside a DST gap and holds it later', async () => {
    const r = await tcon(['check', '2027-03-14T02:30', '--zone', 'America/New_York', '--regions', 'us-east'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('02:30 does not exist in America/New_York on 2027-03-14');
    expect(r.stdout).toContain('Sun 14 Mar 2027 03:30-04:30 America/New_York');
  });
});

describe('tcon check --group (a whole schedule)', () => {
  it('prints the regions x meetings matrix with plain letters when not a terminal', async () => {
    const r = await tcon(['check', '--group', 'wg-14', '--year', '2027'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\u001b[');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('wg-14: DICOM WG-14 Security, 2027-01-01 to 2027-12-31: 12 meetings (times US ET)');
    const matrix = (label: string) =>
      lines
        .find((l) => l.startsWith(label) && /^[^\d]*( {2}[GFP] {2} ?)+$/.test(l))!
        .replace(label, '')
        .trim()
        .split(/\s+/);
    expect(matrix('Japan/Korea')).toEqual(['P', 'P', 'F', 'P', 'F', 'P', 'F', 'P', 'F', 'P', 'P', 'P']);
    expect(matrix('US West')).toEqual(['P', 'G', 'P', 'G', 'P', 'G', 'P', 'G', 'P', 'G', 'P', 'G']);
    expect(r.stdout).toMatch(/Japan\/Korea +Asia\/Tokyo +0 \(0%\) +4 \(33%\) +8 \(67%\) +33%/);
    expect(r.stdout).toMatch(/Daichi Sato +voting +1 +Asia\/Tokyo +0 \(0%\) +4 \(33%\) +8 \(67%\) +33%/);
    expect(r.stdout).toContain(
      '  - 2027-03-16 09:00 US ET: DST mismatch week, the meeting is an hour off its usual local time in Europe (Central) (14:00, 1h earlier than usual, usually 15:00)',
    );
    expect(r.stdout).toContain('  - Japan/Korea: no fair-or-better meeting in 2 consecutive meetings, 2027-01-19 to 2027-02-16 (a whole rotation of 2 slots)');
  });

  it('colors the cells on a terminal', async () => {
    const r = await tcon(['check', '--group', 'wg-14', '--year', '2027'], { cwd: root, tty: true });
    expect(r.stdout).toContain('\u001b[30;42m  G  \u001b[0m');
    expect(r.stdout).toContain('\u001b[97;41m  P  \u001b[0m');
    const plain = await tcon(['check', '--group', 'wg-14', '--year', '2027'], { cwd: root, tty: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it('--require fails when a required region goes a whole rotation without a fair-or-better meeting', async () => {
    const fail = await tcon(['check', '--group', 'wg-14', '--year', '2027', '--require', 'japan'], { cwd: root });
    expect(fail.code).toBe(1);
    expect(fail.stdout).toContain('FAIL: no fair-or-better meeting in a whole rotation for required region japan-korea');
    const ok = await tcon(['check', '--group', 'wg-14', '--year', '2027', '--require', 'us-west,india'], { cwd: root });
    expect(ok.code).toBe(0);
  });

  it('JSON contract: one object per meeting and region, plus the summary', async () => {
    const r = await tcon(['check', '--group', 'wg-14', '--year', '2027', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.mode).toBe('schedule');
    expect([out.from, out.to]).toEqual(['2027-01-01', '2027-12-31']);
    expect(out.results).toHaveLength(12 * 6);
    for (const x of out.results) {
      expect(Object.keys(x)).toEqual(
        expect.arrayContaining(['group', 'date', 'start', 'startUtc', 'slot', 'region', 'zone', 'local', 'rating', 'dayShift', 'weekend']),
      );
      expect(x.local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/);
      expect(['good', 'fair', 'poor']).toContain(x.rating);
    }
    const tokyoFeb = out.results.find((x: { date: string; region: string }) => x.date === '2027-02-16' && x.region === 'japan-korea');
    expect([tokyoFeb.local, tokyoFeb.dayShift, tokyoFeb.rating]).toEqual(['2027-02-17T01:00:00+09:00', 1, 'poor']);
    expect(Object.keys(out.summary).sort()).toEqual(['failed', 'members', 'membersWithoutZone', 'ok', 'regions', 'required', 'warnings']);
    expect(out.summary.regions.find((x: { region: string }) => x.region === 'india')).toEqual({
      group: 'wg-14',
      region: 'india',
      label: 'India',
      zone: 'Asia/Kolkata',
      meetings: 12,
      good: 0,
      fair: 12,
      poor: 0,
      fairOrBetter: 1,
    });
    expect(out.summary.warnings.map((w: { kind: string; date: string }) => `${w.kind} ${w.date}`)).toEqual([
      'no-coverage 2027-01-19',
      'dst-mismatch 2027-03-16',
      'no-coverage 2027-10-19',
    ]);
  });
});

describe('config problems with positions', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tcon-coverage-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a bad regions.yaml and a bad region in a group file are all reported, exit 2', async () => {
    await writeFile(join(dir, 'regions.yaml'), 'regions:\n  us-west: { zone: America/Los_Angeles, good: "8-18" }\n  asia: { zone: Asia/Tokyo }\n');
    await writeFile(
      join(dir, 'g.yaml'),
      'id: g\ntitle: G\ntimezone: UTC\nseries: [{ rule: FREQ=MONTHLY;BYDAY=3TU, slots: ["09:00"] }]\ncoverage: { regions: [asia, apac] }\nmembers:\n  - { name: Ann Example, email: ann@example.org, region: emea }\n',
    );
    const r = await tcon(['check', '--group', 'g', '--year', '2027', '--config', dir], { cwd: root });
    expect(r.code).toBe(2);
    // Each problem's first line (its source line and caret follow it, indented).
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('    '))).toEqual([
      `${join(dir, 'regions.yaml')}:2:47 regions.us-west.good: "8-18" is not a window of local time (expected "HH:mm-HH:mm" within 00:00-24:00, start before end, e.g. "08:00-18:00")`,
      'tcon: 1 error in the configuration',
    ]);
    await writeFile(join(dir, 'regions.yaml'), 'regions:\n  us-west: { zone: America/Los_Angeles, good: "08:00-18:00" }\n  asia: { zone: Asia/Tokyo }\n');
    const r2 = await tcon(['check', '--group', 'g', '--year', '2027', '--config', dir], { cwd: root });
    expect(r2.code).toBe(2);
    expect(r2.stderr.split('\n').filter((l) => l && !l.startsWith('    '))).toEqual([
      `${join(dir, 'g.yaml')}:5:29 coverage.regions[1]: unknown region "apac" (known: us-west, asia)`,
      `${join(dir, 'g.yaml')}:7:58 members[0].region: unknown region "emea" (known: us-west, asia)`,
      'tcon: 2 errors in the configuration',
    ]);
  });
});

describe('tcon suggest', () => {
  it('prints the top five rotations with per-region scores and trade-offs', async () => {
    const r = await tcon(['suggest', '--group', 'wg-14', '--year', '2027'], { cwd: root });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    // 45 candidate start times (07:00 to 18:00, every 15 minutes) for each of 2 slots: 45 x 45.
    expect(lines[0]).toBe(
      'wg-14: best 2-slot rotations for the 12 meetings of 2027 (times US ET, meetings within 07:00-19:00, 15-minute step: 2,025 candidate rotations)',
    );
    const ranks = lines.filter((l) => /^(\d|now) /.test(l));
    expect(ranks).toHaveLength(6);
    expect(ranks[5]).toMatch(/^now +11:00 \/ 09:00 +Japan\/Korea 33%/);
    expect(lines.filter((l) => /^\d\. (moves|keeps)/.test(l))).toHaveLength(5);
    expect(r.stdout).toContain('1. moves slot 2 (Asia friendly) 1h earlier (09:00 → 08:00): Japan/Korea gains 2 meetings');
    // Why the first row is first: the ranking's first criterion, the meetings behind it (09:00
    // US ET is 23:00-24:00 in Tokyo in winter, poor; 08:00 is 22:00-23:00, fair), and what puts
    // it ahead of the second row (the same scores, fewer minutes moved).
    expect(r.stdout).toContain(
      [
        'Why 1 is first: the worst-served share rises from 33% (Japan/Korea) to 50% (US West).',
        '  Japan/Korea gains 2 fair meetings (poor before): Tue 19 Jan, Tue 16 Nov',
        'Ahead of 2, which serves every region as well, by moving the slots less: 60 min against 300 min.',
      ].join('\n'),
    );
    expect(r.stdout).not.toContain('no region gains or loses');
  });

  it('counts one member as "1 member"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tcon-suggest-'));
    try {
      const src = await readFile(join(root, 'config/wg-14.yaml'), 'utf8');
      // Keep the chair only: the roster of one member in New York.
      const one = src.replace(/^( {2}- \{ name: Alice[^\n]*\n)(?: {2}- \{ name:[^\n]*\n)+/m, '$1');
      await writeFile(join(dir, 'wg-14.yaml'), one);
      await copyFile(join(root, 'config/regions.yaml'), join(dir, 'regions.yaml'));
      const r = await tcon(['suggest', '--group', 'wg-14', '--year', '2027', '--config', dir, '--slots', '1', '--step', '60'], { cwd: root });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[1]).toMatch(/^Serving 1 member \(weights: chair /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('JSON, with weighted zones instead of the roster', async () => {
    const r = await tcon(
      ['suggest', '--group', 'wg-14', '--year', '2027', '--zones', 'Asia/Tokyo=2,us-west', '--slots', '1', '--step', '30', '--format', 'json'],
      { cwd: root },
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ group: 'wg-14', year: 2027, slots: 1, step: 30, earliest: '07:00', latest: '19:00', meetings: 12, combinations: 23 });
    expect(out.regions).toEqual([
      { region: 'Asia/Tokyo', label: 'Asia/Tokyo', weight: 2 },
      { region: 'us-west', label: 'US West', weight: 1 },
    ]);
    expect(out.current).toBeNull();
    // 18:00-19:00 ET: 15:00 in LA, 07:00 (summer) or 08:00 (winter) in Tokyo: fair or better all year.
    expect(out.suggestions[0]).toMatchObject({ rank: 1, times: ['18:00'], worst: { share: 1 } });
  });

  it.each([
    [['suggest'], "required option '-g, --group <id>' not specified"],
    [['suggest', '--group', 'wg-14', '--earliest', '7am'], '--earliest 7am: expected a time HH:mm'],
    [['suggest', '--group', 'wg-14', '--earliest', '12:00', '--latest', '11:00'], '--latest 11:00 must be after --earliest 12:00'],
    [['suggest', '--group', 'wg-14', '--zones', 'Asia/Tokyo=-1'], '--zones Asia/Tokyo=-1: expected ZONE or REGION'],
  ])('usage errors exit 2: %j', async (argv, message) => {
    const r = await tcon(argv, { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('tcon roster import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tcon-roster-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the attendance table, maps organizations to zones and lists the unknown ones', async () => {
    const out = join(dir, 'roster.yaml');
    const r = await tcon(['roster', 'import', join(fixtures, 'attendance.txt'), '--orgs', join(fixtures, 'orgs.yaml'), '--out', out], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const doc = parseYaml(await readFile(out, 'utf8')) as { members: Record<string, string>[] };
    expect(doc.members).toEqual([
      { name: 'Ada Alvarez', email: 'ada.alvarez@unknown.invalid', organization: 'Example Imaging', role: 'observer', zone: 'America/New_York' },
      { name: 'Bo Brandt', email: 'bo.brandt@unknown.invalid', organization: 'Example Imaging', role: 'voting', zone: 'America/New_York' },
      { name: 'Chen Cao', email: 'chen.cao@unknown.invalid', organization: 'Example Medical Asia', role: 'alternate', region: 'japan-korea' },
      { name: 'Daiki Doi', email: 'daiki.doi@unknown.invalid', organization: 'Example Medical Asia', role: 'voting', region: 'japan-korea' },
      { name: 'Emil Ekström', email: 'emil.ekstrom@unknown.invalid', organization: 'Example Systems Europe', role: 'observer', zone: 'Europe/Stockholm' },
      { name: 'Fay Ford', email: 'fay.ford@unknown.invalid', organization: 'Unmapped Devices Inc.', role: 'observer' },
      { name: 'Gia Grant', email: 'gia.grant@unknown.invalid', organization: 'Example West, LLC', role: 'voting', region: 'us-west' },
      { name: 'Hal Hart', email: 'hal.hart@unknown.invalid', organization: 'Example West, LLC', role: 'observer', region: 'us-west' },
    ]);
    const stderr = r.stderr.split('\n');
    expect(stderr).toContain('tcon: zone unknown for 1 member (organization not in ' + join(fixtures, 'orgs.yaml') + '):');
    expect(stderr).toContain('  Unmapped Devices Inc.: Fay Ford');
    expect(r.stderr).toMatch(/attendance\.txt:8: Emil Ekström: role not given, imported as observer/);
    expect(r.stderr).toMatch(/attendance\.txt:12: Hal Hart: role "Chair of sorts" not understood, imported as observer/);
    expect(r.stderr).toMatch(/attendance\.txt:11: Ada Alvarez is listed twice/);
  });

  it('writes a members list a group file accepts, and coverage then counts it', async () => {
    const r = await tcon(['roster', 'import', join(fixtures, 'attendance.txt'), '--orgs', join(fixtures, 'orgs.yaml'), '--present'], { cwd: root });
    const members = (parseYaml(r.stdout) as { members: unknown[] }).members;
    expect(members).toHaveLength(4);
    const config = join(dir, 'config');
    await rm(config, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(config));
    await copyFile(join(root, 'config', 'regions.yaml'), join(config, 'regions.yaml'));
    const group = 'id: imported\ntitle: Imported\ntimezone: America/New_York\nseries: [{ rule: FREQ=MONTHLY;BYDAY=3TU, slots: ["09:00"] }]\n';
    await writeFile(join(config, 'imported.yaml'), group + r.stdout.replace(/^#.*\n/gm, ''));
    const check = await tcon(['check', '--group', 'imported', '--year', '2027', '--config', config], { cwd: root });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/Daiki Doi +voting +1 +Asia\/Tokyo +0 \(0%\) +8 \(67%\) +4 \(33%\)/);
    expect(check.stdout).toContain('Not counted (no zone or region): Fay Ford');
  });

  it('reports a bad mapping with its position, exit 2', async () => {
    const orgs = join(dir, 'bad-orgs.yaml');
    await writeFile(orgs, 'Example Imaging: America/NewYork\nExample Medical Asia: apac\n');
    const r = await tcon(['roster', 'import', join(fixtures, 'attendance.txt'), '--orgs', orgs], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${orgs}:1:18 ["Example Imaging"]: unknown region or time zone "America/NewYork": did you mean America/New_York? or the region us-east\n`,
    );
    expect(r.stderr).toContain(
      `${orgs}:2:23 ["Example Medical Asia"]: unknown region or time zone "apac" (regions: us-west, us-east, europe, uk, india, china-taiwan, japan-korea, australia-east; or an IANA zone such as Asia/Tokyo)\n`,
    );
  });

  it('a file without an attendance table is a usage error', async () => {
    const r = await tcon(['roster', 'import', join(fixtures, 'orgs.yaml')], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no attendance table found');
  });
});
