import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'plan');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-plan-'));
  await cp(FIXTURE, dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tcon plan', () => {
  it('reports the overlap of the groups sharing a chair, the blackouts, and exits 1', async () => {
    const r = await tcon(['plan', '--config', dir, '--year', '2027']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Plan 2027-01-01 to 2027-12-31, 3 groups');
    expect(lines).toContain('conflict  wg-alpha + wg-beta  2027-01-19 Tue 10:00 US ET / 10:30-11:30  chair ann@example.org  UNRESOLVED');
    expect(lines).toContain(
      'blackout  wg-alpha            2027-03-16 Tue 10:00 US ET                F2F week, Berlin       UNRESOLVED (shift: would move to 2027-03-23)',
    );
    expect(lines.filter((l) => l.startsWith('conflict'))).toHaveLength(12);
    // 10:00 US ET is 00:00 in Tokyo: the coverage line names the worst-served region.
    expect(lines).toContain(
      'wg-alpha  12 held, 0 skipped, 0 moved; warn on holidays (JP US); coverage: worst japan-korea 0% fair-or-better (us-west 100%, us-east 100%, europe 100%, uk 100%, india 100%, china-taiwan 67%, japan-korea 0%, australia-east 0%)',
    );
    expect(lines.at(-2)).toBe('16 unresolved (12 conflicts)');
  });

  it('--fix applies the policies and prints what moved and why', async () => {
    const r = await tcon(['plan', '--config', dir, '--year', '2027', '--fix']);
    expect(r.code).toBe(1); // the chair conflicts remain
    expect(r.stdout).toContain(
      '4 meetings changed:\n  wg-alpha 2027-03-16: moved to 2027-03-23 10:00 (F2F week, Berlin)\n  wg-alpha 2027-08-17: skipped (August break)\n',
    );
    expect(r.stdout).toContain('10 unresolved (10 conflicts)');
  });

  it('--format json: the report contract', async () => {
    const r = await tcon(['plan', '--config', dir, '--year', '2027', '--fix', '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['from', 'to', 'fixed', 'unresolved', 'groups', 'dates', 'conflicts', 'changes', 'corrections', 'sources']);
    expect(json.fixed).toBe(true);
    expect(json.unresolved).toBe(10);
    expect(json.groups[0].coverage).toMatch(/^worst japan-korea 0% fair-or-better \(us-west 100%, /);
    expect(json.groups.map((g: { id: string; held: number; moved: number }) => [g.id, g.held, g.moved])).toEqual([
      ['wg-alpha', 11, 1],
      ['wg-beta', 11, 0],
      ['wg-gamma', 11, 0],
    ]);
    expect(json.conflicts[0]).toEqual({
      a: {
        group: 'wg-alpha',
        date: '2027-01-19',
        start: '2027-01-19T10:00:00-05:00',
        end: '2027-01-19T11:00:00-05:00',
        startUtc: '2027-01-19T15:00:00Z',
        endUtc: '2027-01-19T16:00:00Z',
        zone: 'America/New_York',
      },
      b: {
        group: 'wg-beta',
        date: '2027-01-19',
        start: '2027-01-19T10:30:00-05:00',
        end: '2027-01-19T11:30:00-05:00',
        startUtc: '2027-01-19T15:30:00Z',
        endUtc: '2027-01-19T16:30:00Z',
        zone: 'America/New_York',
      },
      shared: [{ kind: 'chair', id: 'ann@example.org' }],
    });
    expect(json.changes[0]).toEqual({
      group: 'wg-alpha',
      date: '2027-03-16',
      action: 'moved',
      from: '2027-03-16T10:00:00-04:00',
      to: '2027-03-23T10:00:00-04:00',
      reason: 'F2F week, Berlin',
    });
    const moved = json.dates.find((d: { status: string }) => d.status === 'moved');
    expect(moved).toMatchObject({
      kind: 'blackout',
      policy: 'shift',
      movedTo: '2027-03-23T10:00:00-04:00',
      blackouts: [{ name: 'F2F week, Berlin', kind: 'f2f' }],
    });
  });

  it('exits 0 when nothing remains', async () => {
    await rm(join(dir, 'wg-beta.yaml'));
    const r = await tcon(['plan', '--config', dir, '--year', '2027', '--fix']);
    expect(r.stdout).toContain('All clear.');
    expect(r.code).toBe(0);
  });

  it('an unknown holiday country is a config error with its position', async () => {
    await writeFile(join(dir, 'tcon.yaml'), 'holidays:\n  countries: [US, XQ]\n');
    const r = await tcon(['plan', '--config', dir, '--year', '2027']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'tcon.yaml')}:2:19 holidays.countries[1]: unknown holiday country "XQ"`);
  });

  it('a tcon.yaml error stops every command that plans, with file:line:col', async () => {
    await writeFile(join(dir, 'tcon.yaml'), 'blackouts:\n  - { name: x, from: 2027-02-30, to: 2027-03-01 }\n');
    const r = await tcon(['schedule', '--config', dir, '--year', '2027']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'tcon.yaml')}:2:22 blackouts[0].from: "2027-02-30" is not a date`);
  });
});

describe('the schedule publishes the policies', () => {
  it('a shifted meeting says why in the schedule (JSON and markdown)', async () => {
    const json = JSON.parse(
      (await tcon(['schedule', '--config', dir, '-g', 'wg-alpha', '--from', '2027-03-01', '--to', '2027-03-31', '--format', 'json'])).stdout,
    );
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({
      date: '2027-03-16',
      start: '2027-03-23T10:00:00-04:00',
      status: 'moved',
      originalStart: '2027-03-16T10:00:00-04:00',
      note: 'moved from 16 Mar: F2F week, Berlin',
    });
    const md = await tcon(['schedule', '--config', dir, '-g', 'wg-alpha', '--from', '2027-03-01', '--to', '2027-03-31', '--format', 'markdown']);
    expect(md.stdout).toBe('**Tuesday 23 March 2027, 10-11am US ET**\n\n*moved from 16 Mar: F2F week, Berlin*\n\n<https://meet.example.org/alpha>\n');
  });

  it('a US holiday under policy shift: "moved from 31 May: Memorial Day (US)"', async () => {
    await writeFile(
      join(dir, 'wg-delta.yaml'),
      `id: wg-delta
title: WG Delta
timezone: America/New_York
zone-label: US ET
series:
  - from: 2027-01-01
    rule: FREQ=MONTHLY;BYDAY=-1MO
    slots: ["12:00"]
holidays: { policy: shift }
`,
    );
    const r = await tcon(['schedule', '--config', dir, '-g', 'wg-delta', '--from', '2027-05-01', '--to', '2027-06-30', '--format', 'markdown']);
    expect(r.stdout).toBe('**Monday 7 June 2027, 12-1pm US ET**\n\n*moved from 31 May: Memorial Day (US)*\n\n**Monday 28 June 2027, 12-1pm US ET**\n');
  });
});

describe('minutes text for all groups', () => {
  it('schedule --all --next 4 --format markdown: one "Next Meetings" section per group, as in the minutes', async () => {
    const r = await tcon(['schedule', '--config', dir, '--all', '--next', '4', '--format', 'markdown', '--now', '2027-06-20T12:00Z']);
    expect(r.code).toBe(0);
    const section = (title: string, time: string, link: string) =>
      `### ${title}\n\n` +
      `**Tuesday 20 July 2027, ${time} US ET**\n\n<${link}>\n\n` +
      '**Tuesday 17 August 2027: no call** (August break)\n\n' +
      `**Tuesday 21 September 2027, ${time} US ET**\n\n<${link}>\n\n` +
      `**Tuesday 19 October 2027, ${time} US ET**\n\n<${link}>\n\n` +
      `**Tuesday 16 November 2027, ${time} US ET**\n\n<${link}>\n`;
    expect(r.stdout).toBe(
      [
        section('WG Alpha', '10-11am', 'https://meet.example.org/alpha'),
        section('WG Beta', '10:30-11:30am', 'https://meet.example.org/beta'),
        section('WG Gamma', '10-11am', 'https://meet.example.org/gamma'),
      ].join('\n'),
    );
  });

  it("the bundled example still gives the seed minutes' blocks", async () => {
    const r = await tcon(['schedule', '--group', 'wg-14', '--from', '2019-08-01', '--to', '2019-11-30', '--format', 'markdown'], {
      cwd: join(import.meta.dirname, '..', '..'),
    });
    expect(r.stdout).toBe(
      '**Wednesday 21 August 2019, 9-10am US ET**\n\n<https://global.gotomeeting.com/join/490836789>\n\n' +
        '**Tuesday 17 September 2019, 11am-12pm US ET**\n\n<https://global.gotomeeting.com/join/208165389>\n\n' +
        '**Tuesday 15 October 2019, 9-10am US ET**\n\n<https://global.gotomeeting.com/join/647966269>\n\n' +
        '**Tuesday 19 November 2019, 11am-12pm US ET**\n\n<https://global.gotomeeting.com/join/734478813>\n',
    );
  });
});

describe('the invitation carries the reason', () => {
  it('planInvitation with the planned schedule: the moved meeting says why (the text emails are made from)', async () => {
    const { readFileSync } = await import('node:fs');
    const { DateTime } = await import('luxon');
    const ICAL = (await import('ical.js')).default;
    const { planInvitation } = await import('../../src/itip/index.js');
    const { planSchedule } = await import('../../src/plan/index.js');
    const { context, group } = await import('./fixtures.js');
    const g = group(readFileSync(join(FIXTURE, 'wg-alpha.yaml'), 'utf8'), 'wg-alpha.yaml');
    const ctx = context(readFileSync(join(FIXTURE, 'tcon.yaml'), 'utf8'));
    const window = { from: '2027-03-01', to: '2027-03-31' };
    const inv = planInvitation(g, window, undefined, { now: DateTime.fromISO('2027-01-01T00:00Z'), schedule: (gr, w) => planSchedule(gr, w, ctx).occurrences });
    const events = inv.files.flatMap((f) => new ICAL.Component(ICAL.parse(f.ics)).getAllSubcomponents('vevent'));
    const moved = events.find((e) => e.getFirstPropertyValue('recurrence-id'))!;
    expect(String(moved.getFirstPropertyValue('description'))).toContain('moved from 16 Mar: F2F week, Berlin');
  });
});

describe('tcon plan --group', () => {
  it("works as every command's --group: that group's findings, and its conflicts with the others", async () => {
    const all = JSON.parse((await tcon(['plan', '--config', dir, '--year', '2027', '--format', 'json'])).stdout) as {
      groups: { id: string }[];
      dates: { meeting: { group: string } }[];
      conflicts: { a: { group: string }; b: { group: string } }[];
      unresolved: number;
    };
    const r = await tcon(['plan', '--config', dir, '--year', '2027', '--group', 'wg-beta', '--format', 'json']);
    const one = JSON.parse(r.stdout) as typeof all;
    expect(one.groups.map((g) => g.id)).toEqual(['wg-beta']);
    expect(one.dates).toEqual(all.dates.filter((d) => d.meeting.group === 'wg-beta'));
    // wg-beta's conflicts with wg-alpha are its own too: a conflict has two sides.
    const mine = all.conflicts.filter((c) => c.a.group === 'wg-beta' || c.b.group === 'wg-beta');
    expect(mine.length).toBeGreaterThan(0);
    expect(one.conflicts).toEqual(mine);
    expect(one.unresolved).toBe(one.dates.filter((d) => (d as { status?: string }).status === 'unresolved').length + mine.length);
    expect(r.code).toBe(one.unresolved ? 1 : 0);
    const table = await tcon(['plan', '--config', dir, '--year', '2027', '-g', 'wg-beta']);
    expect(table.stdout.split('\n')[0]).toBe('Plan 2027-01-01 to 2027-12-31, 1 group');
    const unknown = await tcon(['plan', '--config', dir, '--group', 'wg-zeta']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('tcon: unknown group "wg-zeta" (known: wg-alpha, wg-beta, wg-gamma)\n');
  });
});
