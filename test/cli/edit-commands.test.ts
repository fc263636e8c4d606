import { lstat, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';

// tcon move / skip / add: the group file gains or changes one line (comments and every other byte
// kept), written whole, and the command shows what the schedule gains and loses.

const GROUP = `# WG-27: 2nd Thursday, alternating 8-9am and 4-5pm US Pacific.
id: wg-27
title: WG-27 Web
timezone: America/Los_Angeles   # US Pacific
zone-label: PT
organizer: { name: Sam Secretary, email: sam@example.org }
series:
  - from: 2027-01-14
    rule: every month on the 2nd Thursday
    slots: ["08:00", "16:00"]
    rotation: { mode: meeting, on-skip: advance }   # a skipped call does not shift the others
meetings:
  2027-01-14: { note: kick-off }   # the first call
members:
  - { name: Ken Mori, email: ken@example.org, zone: Asia/Tokyo }
`;

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-edit-'));
  file = join(dir, 'config', 'wg-27.yaml');
  await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'config')));
  await writeFile(file, GROUP);
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => tcon([...argv, '--now', '2026-12-01T00:00Z'], { cwd: dir });

/** The lines of `after` not in `before`, and the lines of `before` not in `after` (in order). */
function lineDiff(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
}

describe('tcon move', () => {
  it("a date alone: held that day at the slot's time; one line added, the diff of the schedule shown", async () => {
    const r = await run('move', '2027-03-11', '--to', '2027-03-10');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const after = await readFile(file, 'utf8');
    expect(lineDiff(GROUP, after)).toEqual({ added: ['  2027-03-10: { move: 2027-03-10 }'.replace('2027-03-10:', '2027-03-11:')], removed: [] });
    expect(r.stdout).toContain('config/wg-27.yaml: meetings.2027-03-11: { move: 2027-03-10 }\n');
    // 11 March is the third meeting: slot 1, 08:00 (PST until 14 March 2027).
    expect(r.stdout).toContain(
      [
        'wg-27, schedule changed:',
        '   Date        Day  Time            Slot  Status     Note',
        '   ----------  ---  --------------  ----  ---------  -------------------',
        '-  2027-03-11  Thu  08:00-09:00 PT  1/2   scheduled',
        '+  2027-03-10  Wed  08:00-09:00 PT  1/2   moved      moved from Thursday',
        '',
      ].join('\n'),
    );
    expect(r.stdout).toContain('Members keep the old times until tcon invite --group wg-27 sends the update');
    const json = JSON.parse((await run('schedule', '--year', '2027', '--format', 'json', '--no-holidays')).stdout) as {
      date: string;
      start: string;
      status: string;
    }[];
    expect(json.find((m) => m.date === '2027-03-11')).toMatchObject({ start: '2027-03-10T08:00:00-08:00', status: 'moved' });
  });

  it('a time alone: the same day; a full date and time with a zone', async () => {
    expect((await run('move', '2027-04-08', '--to', '9:30')).code).toBe(0);
    expect((await run('move', '2027-05-13', '--to', '2027-05-12T17:00 UTC')).code).toBe(0);
    const after = await readFile(file, 'utf8');
    expect(lineDiff(GROUP, after).added).toEqual(['  2027-04-08: { move: 2027-04-08T09:30 }', '  2027-05-13: { move: 2027-05-12T17:00 UTC }']);
    expect(after).toContain('# the first call');
    expect(after).toContain('# a skipped call does not shift the others');
    const json = JSON.parse((await run('schedule', '--year', '2027', '--format', 'json', '--no-holidays')).stdout) as { date: string; startUtc: string }[];
    // 09:30 PDT (UTC-7 from 14 March) is 16:30 UTC.
    expect(json.find((m) => m.date === '2027-04-08')?.startUtc).toBe('2027-04-08T16:30:00Z');
    expect(json.find((m) => m.date === '2027-05-13')?.startUtc).toBe('2027-05-12T17:00:00Z');
  });

  it('an existing entry keeps its other fields; the meeting is found by the day it is held too', async () => {
    expect((await run('move', '2027-01-14', '--to', '2027-01-13')).code).toBe(0);
    // Now held on the 13th: moving it again by that day changes the same entry.
    const r = await run('move', '2027-01-13', '--to', '10:00');
    expect(r.code).toBe(0);
    const after = await readFile(file, 'utf8');
    expect(lineDiff(GROUP, after)).toEqual({
      added: ['  2027-01-14: { note: kick-off, move: 2027-01-13T10:00 }   # the first call'],
      removed: ['  2027-01-14: { note: kick-off }   # the first call'],
    });
  });

  it('--dry-run shows the change and writes nothing; a bad target or date is an error, nothing written', async () => {
    const dry = await run('move', '2027-03-11', '--to', '10:00', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would write config/wg-27.yaml: meetings.2027-03-11: { move: 2027-03-11T10:00 }');
    expect(dry.stdout).toContain('wg-27, schedule would change:');
    expect(await readFile(file, 'utf8')).toBe(GROUP);

    const bad = await run('move', '2027-03-11', '--to', 'next week');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      "--to next week: expected a date and time (2027-03-10T10:00), a date (2027-03-10: the slot's time is kept) or a time (10:00: the same day)",
    );
    const none = await run('move', '2027-03-12', '--to', '10:00');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      'tcon: wg-27 has no meeting on 2027-03-12; meetings near it: Thu 11 Feb 2027 (2027-02-11), Thu 11 Mar 2027 (2027-03-11), Thu 8 Apr 2027 (2027-04-08)',
    );
    const zone = await run('move', '2027-03-11', '--to', '10:00 Mars/Base');
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('config/wg-27.yaml not changed: the edit would make it invalid');
    // The line the edit would have written, as the parser reports it (the zone check's own wording is its business).
    expect(zone.stderr).toMatch(/^config\/wg-27\.yaml:14:23 meetings\["2027-03-11"\]\.move: .*"Mars\/Base"/m);
    expect(await readFile(file, 'utf8')).toBe(GROUP);
  });
});

describe('tcon skip and tcon add', () => {
  it('skip: one line with the reason; with on-skip: advance the other meetings keep their slots', async () => {
    const r = await run('skip', '2027-08-12', '--reason', 'summer break');
    expect(r.code).toBe(0);
    expect(lineDiff(GROUP, await readFile(file, 'utf8')).added).toEqual(['  2027-08-12: { skip: summer break }']);
    expect(r.stdout).toContain('-  2027-08-12  Thu  16:00-17:00 PT  2/2   scheduled\n+  2027-08-12  Thu  16:00-17:00 PT  2/2   skipped    summer break\n');
    expect(r.stdout).not.toContain('note:');
    const md = (await run('schedule', '--from', '2027-08-01', '--to', '2027-08-31', '--format', 'markdown', '--no-holidays')).stdout;
    expect(md).toBe('**Thursday 12 August 2027: no call** (summer break)\n');
  });

  it('skip in a rotation by meeting that keeps turns: the later meetings that change slot are shown and said', async () => {
    await writeFile(file, GROUP.replace('    rotation: { mode: meeting, on-skip: advance }   # a skipped call does not shift the others\n', ''));
    const r = await run('skip', '2027-10-14');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('meetings.2027-10-14: { skip: no call }');
    expect(r.stdout).toContain('-  2027-11-11  Thu  08:00-09:00 PT  1/2   scheduled\n+  2027-11-11  Thu  16:00-17:00 PT  2/2   scheduled\n');
    // Said as tcon schedule says it (src/schedule/reslot.ts): every 2nd Thursday of the year after it (Nov 2027 to 12 Oct 2028) changes slot.
    expect(r.stdout).toContain(
      "note: wg-27 series[0]: the skip of 2027-10-14 re-slots 12 later meetings of this window: rotation by meeting with on-skip: keep hands a skipped meeting's slot to the next one; to keep every meeting's slot, set rotation: { on-skip: advance } on series[0]\n",
    );
  });

  it('add: a one-off, its time quoted; skip of that day removes it again', async () => {
    const r = await run('add', '2027-03-25T8:00');
    expect(r.code).toBe(0);
    expect(lineDiff(GROUP, await readFile(file, 'utf8')).added).toEqual(['  2027-03-25: { add: "08:00" }']);
    expect(r.stdout).toContain('+  2027-03-25  Thu  08:00-09:00 PT  one-off  added');
    expect((await run('add', '2027-03-25 16:30')).code).toBe(0);
    expect(parse(await readFile(file, 'utf8')).meetings['2027-03-25']).toEqual({ add: ['08:00', '16:30'] });
    const skip = await run('skip', '2027-03-25');
    expect(skip.code).toBe(0);
    expect(parse(await readFile(file, 'utf8')).meetings['2027-03-25']).toEqual({ add: ['16:30'] });
    expect((await run('skip', '2027-03-25')).code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(GROUP);
    const bad = await run('add', '2027-03-25');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('2027-03-25: expected a date and time, 2027-03-10T10:00');
  });

  it('several groups need --group', async () => {
    await writeFile(join(dir, 'config', 'wg-28.yaml'), GROUP.replace('id: wg-27', 'id: wg-28'));
    const r = await run('skip', '2027-08-12');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has 2 groups: name one with --group \(wg-27, wg-28\)/);
    expect((await run('skip', '2027-08-12', '--group', 'wg-28')).code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(GROUP);
  });
});

// The group file is written as every file tcon writes (as tcon cancel edits it): a regular file
// only, through an exclusive temporary file of an unpredictable name, then renamed.
describe('the group file is replaced only when a regular file', () => {
  it('a regular file keeps its permissions; no temporary file is left', async () => {
    await import('node:fs/promises').then((fs) => fs.chmod(file, 0o640));
    const r = await run('skip', '2027-08-12', '--reason', 'a reason\nwith a line break');
    expect(r.code).toBe(0);
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(await readdir(join(dir, 'config'))).toEqual(['wg-27.yaml']);
    // The reason's line break stays in its own line (escaped), as tcon cancel --reason writes it.
    expect(lineDiff(GROUP, await readFile(file, 'utf8')).added).toEqual(['  2027-08-12: { skip: "a reason\\nwith a line break" }']);
    expect(parse(await readFile(file, 'utf8')).meetings['2027-08-12']).toEqual({ skip: 'a reason\nwith a line break' });
  });

  it.each([
    ['move', '2027-03-11', '--to', '2027-03-10'],
    ['skip', '2027-08-12'],
    ['add', '2027-03-25T08:00'],
  ])('%s through a symbolic link is refused (exit 2); the file it points to is untouched', async (...argv) => {
    const real = join(dir, 'elsewhere.yaml');
    await writeFile(real, GROUP);
    await rm(file);
    await symlink(real, file);
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot write ${file}: it is a symbolic link, not a regular file`);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await readFile(real, 'utf8')).toBe(GROUP);
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
    expect(await readdir(join(dir, 'config'))).toEqual(['wg-27.yaml']);
  });
});

describe('the command line', () => {
  it('an unknown command lists the commands', async () => {
    const r = await tcon(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "tcon: unknown command 'frobnicate' (commands: init, schedule, move, skip, add, check, suggest, roster, ics, diff, invite, cancel, remind, plan, site, import)\n(add --help for the options and examples)\n",
    );
  });

  it('"8:00" is a time on the command line too: check START, suggest --earliest', async () => {
    const check = await tcon(['check', '2027-03-16T9:00', '--zone', 'America/New_York', '--regions', 'japan', '--format', 'json']);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ startUtc: '2027-03-16T13:00:00Z' });
    const suggest = await tcon(['suggest', '--group', 'wg-14', '--year', '2027', '--earliest', '8:00', '--latest', '18:00', '--format', 'json']);
    expect(suggest.code).toBe(0);
    expect(JSON.parse(suggest.stdout)).toMatchObject({ earliest: '08:00', latest: '18:00' });
  });
});
