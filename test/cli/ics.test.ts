import { mkdtemp, mkdir, readdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { tcon } from '../helpers/cli.js';
import { expandIcs, parseIcs } from '../helpers/ical.js';

let dir: string;
const NOW = '2026-11-28T09:30:00Z';

const second = {
  id: 'tg-2',
  title: 'Second group',
  timezone: 'Europe/Berlin',
  organizer: { name: 'Olga Organizer', email: 'olga@example.org' },
  series: [{ from: '2027-01-01', rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH', slots: ['16:00', '08:00 America/Los_Angeles'] }],
  members: [{ name: 'Bo Voter', email: 'bo@example.org' }],
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-ics-'));
  await mkdir(join(dir, 'config'));
  await copyFile(new URL('../../config/wg-14.yaml', import.meta.url), join(dir, 'config', 'wg-14.yaml'));
  await writeFile(join(dir, 'config', 'tg-2.yaml'), stringify(second));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (...argv: string[]) => tcon(argv, { cwd: dir });

describe('tcon ics', () => {
  it('--all --out-dir writes one file per group and all.ics, and the state file', async () => {
    const r = await run('ics', '--all', '--year', '2027', '--out-dir', 'public', '--now', NOW);
    expect(r.code).toBe(0);
    expect((await readdir(join(dir, 'public'))).sort()).toEqual(['all.ics', 'tg-2.ics', 'wg-14.ics']);
    const all = await readFile(join(dir, 'public', 'all.ics'), 'utf8');
    const one = await readFile(join(dir, 'public', 'wg-14.ics'), 'utf8');
    const two = await readFile(join(dir, 'public', 'tg-2.ics'), 'utf8');
    expect(parseIcs(all).method).toBe('PUBLISH');
    expect(expandIcs(all).length).toBe(expandIcs(one).length + expandIcs(two).length);
    // tg-2's Los Angeles slot is written as overrides in the master's zone (Berlin, slot 0).
    expect(
      new Set(
        parseIcs(all)
          .calendar.getAllSubcomponents('vtimezone')
          .map((v) => v.getFirstPropertyValue('tzid')),
      ),
    ).toEqual(new Set(['America/New_York', 'Europe/Berlin']));
    const state = JSON.parse(await readFile(join(dir, 'config', '.tcon', 'state.json'), 'utf8'));
    expect(Object.keys(state.feed).sort()).toEqual(['tg-2', 'wg-14']);
    expect(state.invite).toEqual({});
  });

  it('--out-dir with a directory where a feed goes: the feeds before it are written, none after, no temporary file, no state', async () => {
    await mkdir(join(dir, 'public', 'wg-14.ics'), { recursive: true });
    const r = await run('ics', '--all', '--year', '2027', '--out-dir', 'public', '--now', NOW);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/wg-14\.ics/);
    expect((await readdir(join(dir, 'public'))).sort()).toEqual(['tg-2.ics', 'wg-14.ics']);
    expect(parseIcs(await readFile(join(dir, 'public', 'tg-2.ics'), 'utf8')).method).toBe('PUBLISH');
    expect(await readdir(join(dir, 'public', 'wg-14.ics'))).toEqual([]);
    expect(await readdir(join(dir, 'config'))).not.toContain('.tcon');
  });

  it('the same config and --now give byte-identical files', async () => {
    await run('ics', '--all', '--year', '2027', '--out-dir', 'a', '--now', NOW);
    await run('ics', '--all', '--year', '2027', '--out-dir', 'b', '--now', NOW);
    for (const f of ['all.ics', 'tg-2.ics', 'wg-14.ics']) {
      expect(await readFile(join(dir, 'b', f), 'utf8')).toBe(await readFile(join(dir, 'a', f), 'utf8'));
    }
  });

  it('writes to standard output without --out; expansion equals tcon schedule', async () => {
    const r = await run('ics', '--group', 'wg-14', '--from', '2019-01-01', '--to', '2019-12-31', '--now', NOW, '--no-state');
    expect(r.code).toBe(0);
    const sched = JSON.parse(
      (await run('schedule', '--group', 'wg-14', '--from', '2019-01-01', '--to', '2019-12-31', '--format', 'json', '--no-holidays')).stdout,
    ) as { status: string; start: string }[];
    const held = sched.filter((o) => o.status !== 'skipped').map((o) => Date.parse(o.start));
    expect(expandIcs(r.stdout).map((i) => i.start)).toEqual(held);
    await expect(readdir(join(dir, 'config', '.tcon'))).rejects.toThrow();
  });

  it('writes nothing on a config error', async () => {
    await writeFile(join(dir, 'config', 'bad.yaml'), 'id: bad\ntitle: Bad\ntimezone: Mars/Olympus\nseries: []\n');
    const r = await run('ics', '--all', '--year', '2027', '--out-dir', 'public', '--now', NOW);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown time zone "Mars/Olympus"');
    expect(await readdir(dir)).toEqual(['config']);
    expect(await readdir(join(dir, 'config'))).not.toContain('.tcon');
  });

  it('--invite needs an organizer', async () => {
    const { organizer: _o, ...noOrg } = second;
    await writeFile(join(dir, 'config', 'tg-2.yaml'), stringify(noOrg));
    const r = await run('ics', '--group', 'tg-2', '--year', '2027', '--invite', '--now', NOW);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('an invitation needs an "organizer"');
  });

  it('--invite, then a config change: diff says it in words, the next invite bumps and cancels', async () => {
    const first = await run('ics', '--group', 'wg-14', '--year', '2019', '--invite', '--out', 'out/invite.ics', '--now', NOW);
    expect(first.code).toBe(0);
    const cfg = join(dir, 'config', 'wg-14.yaml');
    const text = (await readFile(cfg, 'utf8'))
      .replace('2019-10-15: { link: https://global.gotomeeting.com/join/647966269 }', '2019-10-15: { move: 2019-10-16T10:00 }')
      .replace('2019-11-19: { link: https://global.gotomeeting.com/join/734478813 }', '2019-11-19: { skip: no quorum }');
    await writeFile(cfg, text);
    const diff = await run('diff', '--group', 'wg-14', '--year', '2019', '--invite');
    expect(diff.code).toBe(0);
    // The CANCEL of 19 November at 1, the event again at 2 (above it).
    expect(diff.stdout).toContain('meeting of 2019-10-15 moved: Tue 15 Oct 2019 09:00-10:00 US ET -> Wed 16 Oct 2019 10:00-11:00 US ET (SEQUENCE 2)');
    // Dropped from an event that goes out again: the new REQUEST leaves it out, no CANCEL of its own.
    expect(diff.stdout).toContain('meeting of 2019-11-19 cancelled: Tue 19 Nov 2019 11:00-12:00 US ET (CANCEL with SEQUENCE 1)');
    // The feed state is separate: nothing was published yet.
    expect((await run('diff', '--group', 'wg-14', '--year', '2019')).stdout).toContain('new series');
    const json = JSON.parse((await run('diff', '--group', 'wg-14', '--year', '2019', '--invite', '--json')).stdout);
    expect(json[0].changes.map((c: { kind: string }) => c.kind)).toEqual(['changed', 'cancelled']);
    // `date` is the meeting's day as held (16 October for the one moved off the 15th), `ruleDate` its identity.
    expect(json[0].changes.map((c: { date: string; ruleDate: string }) => [c.date, c.ruleDate])).toEqual([
      ['2019-10-16', '2019-10-15'],
      ['2019-11-19', '2019-11-19'],
    ]);

    // Two series, two events: one file each (Outlook reads one event per file), named after them.
    expect(first.stderr).toContain(join(dir, 'out', 'invite-s0-start-2019.ics'));
    expect(first.stderr).toContain(join(dir, 'out', 'invite-s1-2019-09-01-2019.ics'));
    const second = await run('ics', '--group', 'wg-14', '--year', '2019', '--invite', '--out', 'out/invite.ics', '--now', NOW);
    expect(second.code).toBe(0);
    expect(await readdir(join(dir, 'out'))).toEqual(['invite-s0-start-2019.ics', 'invite-s1-2019-09-01-2019-cancel.ics', 'invite-s1-2019-09-01-2019.ics']);
    const s1 = await readFile(join(dir, 'out', 'invite-s1-2019-09-01-2019.ics'), 'utf8');
    const inst = expandIcs(s1);
    // The whole event again, every component at one SEQUENCE above the CANCEL of 19 November
    // (written next to it): whichever a client reads first, the other is newer.
    expect(new Set(inst.map((i) => i.sequence))).toEqual(new Set([2]));
    expect(inst.map((i) => new Date(i.start).toISOString())).toEqual(['2019-09-17T15:00:00.000Z', '2019-10-16T14:00:00.000Z']);
    const cancel = parseIcs(await readFile(join(dir, 'out', 'invite-s1-2019-09-01-2019-cancel.ics'), 'utf8'));
    expect(cancel.method).toBe('CANCEL');
    expect(String(cancel.vevents[0]!.getFirstPropertyValue('recurrence-id'))).toBe('2019-11-19T11:00:00');
    expect(cancel.vevents[0]!.getFirstPropertyValue('sequence')).toBe(1);
    expect(expandIcs(await readFile(join(dir, 'out', 'invite-s0-start-2019.ics'), 'utf8')).every((i) => i.sequence === 0)).toBe(true);
    expect((await run('diff', '--group', 'wg-14', '--year', '2019', '--invite')).stdout).toContain('no changes');
    // A meeting only dropped (nothing else changes): its CANCEL, above everything; the event is not sent again.
    await writeFile(
      cfg,
      (await readFile(cfg, 'utf8')).replace('2019-09-17: { link: https://global.gotomeeting.com/join/208165389 }', '2019-09-17: { skip: chair away }'),
    );
    const third = await run('ics', '--group', 'wg-14', '--year', '2019', '--invite', '--out', 'out/invite.ics', '--now', NOW);
    expect(third.code).toBe(0);
    const again = parseIcs(await readFile(join(dir, 'out', 'invite-s1-2019-09-01-2019-cancel.ics'), 'utf8'));
    expect(String(again.vevents[0]!.getFirstPropertyValue('recurrence-id'))).toBe('2019-09-17T11:00:00');
    expect(again.vevents[0]!.getFirstPropertyValue('sequence')).toBe(3);
    expect(expandIcs(await readFile(join(dir, 'out', 'invite-s1-2019-09-01-2019.ics'), 'utf8')).every((i) => i.sequence === 2)).toBe(true);
  });

  it('--invite with vanished meetings and no --out refuses, and records nothing', async () => {
    await run('ics', '--group', 'wg-14', '--year', '2019', '--invite', '--out', 'i.ics', '--now', NOW);
    const state = await readFile(join(dir, 'config', '.tcon', 'state.json'), 'utf8');
    const cfg = join(dir, 'config', 'wg-14.yaml');
    await writeFile(
      cfg,
      (await readFile(cfg, 'utf8')).replace('2019-11-19: { link: https://global.gotomeeting.com/join/734478813 }', '2019-11-19: { skip: no quorum }'),
    );
    const r = await run('ics', '--group', 'wg-14', '--year', '2019', '--invite', '--now', NOW);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(await readFile(join(dir, 'config', '.tcon', 'state.json'), 'utf8')).toBe(state);
  });

  it('--cancel <date> writes a CANCEL one SEQUENCE above, --state puts the state elsewhere', async () => {
    const r = await run('ics', '--group', 'wg-14', '--year', '2019', '--cancel', '2019-10-15', '--out', 'c.ics', '--now', NOW, '--state', 'st.json');
    expect(r.code).toBe(0);
    const c = parseIcs(await readFile(join(dir, 'c.ics'), 'utf8'));
    expect(c.method).toBe('CANCEL');
    expect(c.vevents[0]!.getFirstPropertyValue('sequence')).toBe(1);
    expect(c.vevents[0]!.getFirstPropertyValue('status')).toBe('CANCELLED');
    const state = JSON.parse(await readFile(join(dir, 'st.json'), 'utf8'));
    expect(state.invite['wg-14'].events['wg-14-s1-2019-09-01-2019@tcon.invalid'].meetings['2019-10-15'].cancelled).toBe(true);
    expect(r.stderr).toContain('add "skip: <reason>" under meetings: 2019-10-15');
    const series = await run('ics', '--group', 'wg-14', '--year', '2019', '--cancel', 's1-2019-09-01', '--now', NOW, '--state', 'st.json');
    expect(series.code).toBe(0);
    const s = parseIcs(series.stdout);
    expect(s.vevents[0]!.hasProperty('recurrence-id')).toBe(false);
    // The config still holds 2019-10-15, so this run restored it (SEQUENCE 2): the series' CANCEL is above that.
    expect(s.vevents[0]!.getFirstPropertyValue('sequence')).toBe(3);
  });

  it('--dry-run writes the calendar but records nothing; --include-links puts the join links in', async () => {
    const r = await run('ics', '--group', 'wg-14', '--year', '2019', '--now', NOW, '--dry-run', '--include-links', '--out', 'feed.ics');
    expect(r.code).toBe(0);
    expect(await readFile(join(dir, 'feed.ics'), 'utf8')).toContain('LOCATION:https://global.gotomeeting.com/join/490836789');
    expect(await readdir(join(dir, 'config'))).not.toContain('.tcon');
    expect((await run('diff', '--group', 'wg-14', '--year', '2019')).stdout).toContain('new series');
  });

  it('a broken state file is a usage error, not a crash', async () => {
    await mkdir(join(dir, 'config', '.tcon'));
    await writeFile(join(dir, 'config', '.tcon', 'state.json'), '{ nope');
    const r = await run('ics', '--group', 'wg-14', '--year', '2027', '--now', NOW);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not JSON');
  });

  it('--help lists the options', async () => {
    const r = await run('ics', '--help');
    expect(r.code).toBe(0);
    for (const flag of ['--invite', '--include-links', '--out-dir', '--state', '--cancel', '--now']) expect(r.stdout).toContain(flag);
  });
});
