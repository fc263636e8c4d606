import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { parseGroup } from '../../src/config/parse.js';
import { tcon } from '../helpers/cli.js';
import { python3, PYTHON_SKIP_NOTE } from '../helpers/python.js';

// A secretary's first hour: "2nd Thursday, alternating 8-9am and 4-5pm US Pacific", set up with
// tcon init (flags, or questions on a terminal), then schedule, check (Asia) and invite --dry-run
// on the file it wrote.

const ROOT = new URL('../..', import.meta.url).pathname;
const NOW = '2026-12-01T00:00Z';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-init-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => tcon(argv, { cwd: dir });

const FLAGS = [
  'init',
  '--config',
  'mygroups/',
  '--title',
  'WG-27 Web',
  '--id',
  'wg-27',
  '--zone',
  'America/Los_Angeles',
  '--zone-label',
  'PT',
  '--rule',
  '2nd Thursday',
  '--slots',
  '8:00,16:00',
  '--organizer',
  'Sam Secretary <sam@example.org>',
  '--member',
  'Ken Mori <ken@example.org> Asia/Tokyo',
  '--member',
  'Ana Lima <ana@example.org> us-west chair',
  '--now',
  NOW,
];

/** UTC starts of the 2nd Thursdays of 2027 at 08:00 and 16:00 alternately in Los Angeles, and the hour in Tokyo, by Python's calendar and zoneinfo. */
function expectedFromPython(): { utc: string; tokyo: string }[] {
  const code = `
import calendar, json
from datetime import datetime
from zoneinfo import ZoneInfo
out = []
for i, month in enumerate(range(1, 13)):
    thursdays = [d for d in calendar.Calendar().itermonthdates(2027, month) if d.month == month and d.weekday() == 3]
    d = thursdays[1]
    start = datetime(d.year, d.month, d.day, 8 if i % 2 == 0 else 16, tzinfo=ZoneInfo('America/Los_Angeles'))
    utc = start.astimezone(ZoneInfo('UTC'))
    out.append({'utc': utc.strftime('%Y-%m-%dT%H:%M:%SZ'), 'tokyo': start.astimezone(ZoneInfo('Asia/Tokyo')).strftime('%a %H:%M')})
print(json.dumps(out))`;
  return JSON.parse(execFileSync(python3!, ['-c', code]).toString()) as { utc: string; tokyo: string }[];
}

describe('tcon init from flags', () => {
  it('writes a commented group file that the group parser reads, and prints the first meetings and what to run next', async () => {
    const r = await run(...FLAGS);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = await readFile(join(dir, 'mygroups', 'wg-27.yaml'), 'utf8');
    expect(await readdir(join(dir, 'mygroups'))).toEqual(['wg-27.yaml']);
    expect(parseGroup(text, 'wg-27.yaml').problems).toEqual([]);
    expect(parse(text)).toEqual({
      id: 'wg-27',
      title: 'WG-27 Web',
      timezone: 'America/Los_Angeles',
      'zone-label': 'PT',
      duration: 60,
      organizer: { name: 'Sam Secretary', email: 'sam@example.org' },
      // The first 2nd Thursday on or after 1 December 2026.
      series: [{ from: '2026-12-10', rule: 'every month on the 2nd Thursday', slots: ['08:00', '16:00'] }],
      members: [
        { name: 'Ken Mori', email: 'ken@example.org', zone: 'Asia/Tokyo' },
        { name: 'Ana Lima', email: 'ana@example.org', role: 'chair', region: 'us-west' },
      ],
    });
    expect(text).toContain('slots: ["08:00", "16:00"]');
    expect(text).toMatch(/# rotation order: 1st meeting 08:00, 2nd meeting 16:00, then again/);
    expect(text).toContain('# meetings:');
    expect(r.stdout).toContain('wrote mygroups/wg-27.yaml: group wg-27, WG-27 Web\n');
    expect(r.stdout).toContain(
      [
        'First meetings (PT):',
        'Date        Day  Time            Slot  Status     Note',
        '----------  ---  --------------  ----  ---------  ----',
        '2026-12-10  Thu  08:00-09:00 PT  1/2   scheduled',
        '2027-01-14  Thu  16:00-17:00 PT  2/2   scheduled',
        '2027-02-11  Thu  08:00-09:00 PT  1/2   scheduled',
        '2027-03-11  Thu  16:00-17:00 PT  2/2   scheduled',
      ].join('\n'),
    );
    expect(r.stdout).toContain('tcon schedule --config mygroups/ --group wg-27 --from 2026-12-10');
    expect(r.stdout).toContain('tcon invite --config mygroups/ --group wg-27 --from 2026-12-10 --dry-run');
  });

  it.skipIf(!python3)(`then schedule, check (Asia coverage) and invite --dry-run work on the file it wrote${PYTHON_SKIP_NOTE}`, async () => {
    expect((await run(...FLAGS.map((a) => (a === 'WG-27 Web' ? 'WG-27' : a)), '--from', '2027-01-14')).code).toBe(0);
    const expected = expectedFromPython();

    const sched = await run('schedule', '--config', 'mygroups', '--year', '2027', '--format', 'json', '--now', NOW);
    expect(sched.code, sched.stderr).toBe(0);
    const meetings = JSON.parse(sched.stdout) as { startUtc: string; group: string }[];
    expect(meetings.map((m) => m.startUtc)).toEqual(expected.map((e) => e.utc));

    // Japan: 16:00 PT is 08:00 or 09:00 the next morning in Tokyo (a Friday: good), 08:00 PT is
    // 00:00 or 01:00 (poor). Every rotation of two has a good meeting: --require japan passes.
    const good = expected.filter((e) => /^Fri 0[89]:00$/.test(e.tokyo)).length;
    expect(good).toBe(6);
    const check = await run(
      'check',
      '--config',
      'mygroups',
      '--group',
      'wg-27',
      '--year',
      '2027',
      '--regions',
      'japan',
      '--require',
      'japan',
      '--format',
      'json',
      '--now',
      NOW,
    );
    expect(check.code, check.stderr).toBe(0);
    const cov = JSON.parse(check.stdout) as { summary: { regions: { region: string; good: number; fair: number; poor: number }[]; ok: boolean } };
    expect(cov.summary.ok).toBe(true);
    expect(cov.summary.regions).toEqual([expect.objectContaining({ region: 'japan-korea', good, fair: 0, poor: 12 - good })]);

    const dry = await run('invite', '--config', 'mygroups', '--group', 'wg-27', '--year', '2027', '--dry-run', '--outbox', 'outbox', '--now', NOW);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('would send invitation to ken@example.org: 12 meetings, Thu 14 Jan 2027 to Thu 9 Dec 2027\n');
    expect(dry.stdout).toContain('wg-27: would send 2 invitations for 12 meetings\n');
    expect(dry.stdout).not.toContain('@tcon.invalid');
  });

  it('never overwrites, and writes nothing while the answers make no valid group', async () => {
    expect((await run(...FLAGS)).code).toBe(0);
    const before = await readFile(join(dir, 'mygroups', 'wg-27.yaml'), 'utf8');
    const again = await run(...FLAGS.map((a) => (a === '8:00,16:00' ? '09:00' : a)));
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('tcon: mygroups/wg-27.yaml exists: tcon init never overwrites a file');
    expect(await readFile(join(dir, 'mygroups', 'wg-27.yaml'), 'utf8')).toBe(before);

    const bad = await run(...FLAGS.map((a) => (a === 'wg-27' ? 'wg-28' : a === '8:00,16:00' ? '8:00,25:00' : a)));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('tcon: nothing written: mygroups/wg-28.yaml would not be a valid group file:\n');
    expect(bad.stderr).toMatch(/^mygroups\/wg-28\.yaml:\d+:\d+ series\[0\]\.slots\[1\]: slot time "25:00" is not a time of day/m);
    expect(await readdir(join(dir, 'mygroups'))).toEqual(['wg-27.yaml']);
  });

  it('off a terminal, the missing flags are named', async () => {
    const r = await run('init', '--config', 'mygroups', '--title', 'X');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('tcon: tcon init needs --zone, --rule, --slots (or run it on a terminal to be asked); see tcon help init\n');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('tcon init on a terminal', () => {
  /** Runs tcon init with `answers` typed on a (fake) terminal, one line each. */
  async function asked(answers: string[], ...argv: string[]) {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    stdin.end(answers.map((a) => `${a}\n`).join(''));
    let stdout = '';
    let stderr = '';
    const code = await runCli(['init', ...argv, '--now', NOW], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      stdin,
      env: {},
      cwd: dir,
    });
    return { code, stdout, stderr };
  }

  it('asks what the flags leave open, asks again what the parser refuses, and writes the group', async () => {
    const r = await asked(
      [
        'WG-27 Web', // title
        '', // id: the default, from the title
        'Mars/Base', // zone: refused below, asked again
        'PT', // zone label
        '2nd Thursday', // rule
        '8:00, 16:00', // slots
        '', // duration: 60
        '', // first meeting: the rule's first date on or after today
        'Sam Secretary <sam@example.org>', // organizer
        '', // link: none
        'Ken Mori <ken@example.org> Asia/Tokyo', // members, one per line
        'not a member', // refused at once, said why
        'Ana Lima <ana@example.org> us-west chair',
        '', // end of members
        'America/Los_Angeles', // the zone, asked again
      ],
      '--config',
      'mygroups',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Title of the meetings (e.g. WG-27 Web): ');
    expect(r.stdout).toContain('Group id, lowercase letters, digits and dashes [wg-27-web]: ');
    expect(r.stdout).toContain('Members, one per line: "Name <email> zone-or-region [role]" (an empty line ends):');
    expect(r.stdout).toContain('  --member "not a member": expected "Name <email>"');
    expect(r.stdout).toMatch(/ {2}timezone: unknown time zone "Mars\/Base".*\nTime zone the times are in, an IANA name/);
    expect(r.stdout).toContain('wrote mygroups/wg-27-web.yaml: group wg-27-web, WG-27 Web');
    const g = parse(await readFile(join(dir, 'mygroups', 'wg-27-web.yaml'), 'utf8'));
    expect(g).toMatchObject({
      id: 'wg-27-web',
      timezone: 'America/Los_Angeles',
      'zone-label': 'PT',
      series: [{ from: '2026-12-10', rule: 'every month on the 2nd Thursday', slots: ['08:00', '16:00'] }],
      members: [{ email: 'ken@example.org' }, { email: 'ana@example.org', role: 'chair' }],
    });
    // The file it wrote works like any other.
    const sched = await run('schedule', '--config', 'mygroups', '--from', '2026-12-01', '--to', '2027-01-31', '--format', 'json', '--now', NOW);
    expect((JSON.parse(sched.stdout) as { startUtc: string }[]).map((m) => m.startUtc)).toEqual(['2026-12-10T16:00:00Z', '2027-01-15T00:00:00Z']);
  });

  it('a full command line asks nothing, even on a terminal', async () => {
    const r = await asked([], ...FLAGS.slice(1, -2));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote mygroups\/wg-27\.yaml/);
  });

  it('flags given are not asked; an input that ends is a usage error, nothing written', async () => {
    // Asked: the id, the zone's label, the start times; then the input ends at the length.
    const r = await asked(['', '', '8:00'], '--config', 'mygroups', '--title', 'WG-27', '--zone', 'America/Los_Angeles', '--rule', '2nd Thursday');
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('Title of the meetings');
    expect(r.stdout).not.toContain('Time zone the times are in');
    expect(r.stdout).toContain('Start times, in rotation order (e.g. 08:00, 16:00): Length in minutes [60]: ');
    expect(r.stderr).toBe('tcon: tcon init: no more answers (the input ended)\n');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('the bundled example does not get in the way', () => {
  it('a config directory with the example deleted still works: tcon.yaml naming wg-14 is a warning', async () => {
    await cp(join(ROOT, 'config'), join(dir, 'config'), { recursive: true });
    expect(
      (await run('init', '--title', 'WG-27', '--zone', 'America/Los_Angeles', '--rule', '2nd Thursday', '--slots', '08:00,16:00', '--now', NOW)).stdout,
    ).toContain('config also holds wg-14: commands without --group show them with yours (tcon init --config mygroups/ starts a directory of your own).');
    await unlink(join(dir, 'config', 'wg-14.yaml'));
    const r = await run('schedule', '--year', '2027', '--now', NOW, '--no-holidays');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/config\/tcon\.yaml:\d+:\d+ warning: blackouts\[1\]\.groups\[0\]: blackout names group "wg-14", which no group file defines/);
    expect(r.stdout).toContain('2027-01-14  Thu  16:00-17:00 America/Los_Angeles  2/2   scheduled');
  });
});
