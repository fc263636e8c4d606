// tcon move / skip / add (issue 17) with one date per meeting and parallel series (issue 12): an
// edit is keyed by the meeting's date, its day in the group's zone (the date the table prints);
// in a group whose series meet on the same day, --series names one and the edit goes under that
// series' own meetings:; times written "8:00", moves by a date or a time alone, and one-offs in
// another zone work with slot day offsets. Expected instants and days come from Python's
// zoneinfo, not from tcon.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { python3, PYTHON_SKIP_NOTE } from '../helpers/python.js';

/** Python's zoneinfo: each wall time [date, HH:MM, zone] as a UTC instant, with its day in `dayZone`. */
function inUtc(walls: [string, string, string][], dayZone: string): { utc: string; day: string }[] {
  const code = `
import json, sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo
out = []
for d, t, z in json.loads(sys.argv[1]):
    w = datetime.fromisoformat(f"{d}T{t}").replace(tzinfo=ZoneInfo(z))
    u = w.astimezone(timezone.utc)
    out.append({"utc": u.strftime("%Y-%m-%dT%H:%M:%SZ"), "day": u.astimezone(ZoneInfo(sys.argv[2])).date().isoformat()})
print(json.dumps(out))
`;
  return JSON.parse(execFileSync(python3!, ['-c', code, JSON.stringify(walls), dayZone]).toString()) as { utc: string; day: string }[];
}

interface Row {
  date: string;
  title: string;
  seriesId: string | null;
  startUtc: string;
  status: string;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-edit-date-'));
  await mkdir(join(dir, 'config'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => tcon([...argv, '--now', '2026-12-01T00:00Z'], { cwd: dir });
const rows = async (from: string, to: string) =>
  JSON.parse((await run('schedule', '--from', from, '--to', to, '--format', 'json', '--no-holidays')).stdout) as Row[];

/** The lines of `after` not in `before`. */
const added = (before: string, after: string) => after.split('\n').filter((l) => !before.split('\n').includes(l));

// A Los Angeles group whose call is pinned to midnight UTC, written "0:00" with its day offset:
// the meeting of Wednesday D is held at 00:00 UTC on D + 1, Wednesday afternoon in Los Angeles.
const PINNED = `id: wg-la
title: Example WG-LA
timezone: America/Los_Angeles
zone-label: PT
series:
  - from: 2027-01-06
    rule: every Wednesday
    slots: ["0:00 UTC +1d"]
`;

describe.skipIf(!python3)(`a slot with a day offset: edits keyed by the day in the group's zone${PYTHON_SKIP_NOTE}`, () => {
  let file: string;
  beforeEach(async () => {
    file = join(dir, 'config', 'wg-la.yaml');
    await writeFile(file, PINNED);
  });

  it('"0:00 UTC +1d" is read as 00:00 UTC the next day; every meeting is dated by its Wednesday in Los Angeles', async () => {
    const wednesdays = ['2027-03-03', '2027-03-10', '2027-03-17', '2027-03-24', '2027-03-31'];
    const thursdays = ['2027-03-04', '2027-03-11', '2027-03-18', '2027-03-25', '2027-04-01'];
    const expected = inUtc(
      thursdays.map((d) => [d, '00:00', 'UTC']),
      'America/Los_Angeles',
    );
    const got = await rows('2027-03-01', '2027-03-31');
    expect(got.map((r) => [r.date, r.startUtc])).toEqual(expected.map((e, i) => [wednesdays[i], e.utc]));
    // Python agrees that each is held on that Wednesday in Los Angeles.
    expect(expected.map((e) => e.day)).toEqual(wednesdays);
  });

  it('skip, a move by date alone, a move by time alone and a one-off in UTC, each under its Los Angeles date', async () => {
    expect((await run('skip', '2027-03-10', '--reason', 'Chair away')).code).toBe(0);
    const date = await run('move', '2027-03-17', '--to', '2027-03-18');
    expect(date.stderr).toBe('');
    expect(date.stdout).toContain('config/wg-la.yaml: meetings.2027-03-17: { move: 2027-03-18 }\n');
    expect((await run('move', '2027-03-24', '--to', '9:00')).code).toBe(0);
    const add = await run('add', '2027-03-26T00:00 UTC');
    expect(add.stderr).toBe('');
    // 00:00 UTC on the 26th is the evening of the 25th in Los Angeles: written under the 25th, with its day offset.
    expect(add.stdout).toContain('config/wg-la.yaml: meetings.2027-03-25: { add: "00:00 UTC +1d" }\n');
    const after = await readFile(file, 'utf8');
    expect(added(PINNED, after)).toEqual([
      'meetings:',
      '  2027-03-10: { skip: Chair away }',
      '  2027-03-17: { move: 2027-03-18 }',
      '  2027-03-24: { move: 2027-03-24T09:00 }',
      '  2027-03-25: { add: "00:00 UTC +1d" }',
    ]);
    // The moved meeting keeps its slot's time (00:00 UTC) on the day after its new Los Angeles date;
    // the time alone is 09:00 that Wednesday in Los Angeles; the one-off is 00:00 UTC on the 26th.
    const [moved, early, oneOff] = inUtc(
      [
        ['2027-03-19', '00:00', 'UTC'],
        ['2027-03-24', '09:00', 'America/Los_Angeles'],
        ['2027-03-26', '00:00', 'UTC'],
      ],
      'America/Los_Angeles',
    );
    expect([moved!.day, early!.day, oneOff!.day]).toEqual(['2027-03-18', '2027-03-24', '2027-03-25']);
    const got = await rows('2027-03-08', '2027-03-28');
    expect(got.map((r) => [r.date, r.status, r.startUtc])).toEqual([
      ['2027-03-10', 'skipped', inUtc([['2027-03-11', '00:00', 'UTC']], 'UTC')[0]!.utc],
      ['2027-03-17', 'moved', moved!.utc],
      ['2027-03-24', 'moved', early!.utc],
      ['2027-03-25', 'added', oneOff!.utc],
    ]);
    // The moved meeting is found by the day it is held too: skipping it there writes its own date's entry.
    expect((await run('skip', '2027-03-18')).code).toBe(0);
    expect(parse(await readFile(file, 'utf8')).meetings['2027-03-17']).toEqual({ skip: 'no call' });
  });
});

// Parallel calls: a plenary and a breakout on Wednesdays (series with ids), and a Thursday call of
// a series without one.
const TAG = `id: tag
title: TAG
timezone: Europe/Paris
series:
  - id: plenary
    title: TAG plenary
    from: 2027-01-06
    rule: every Wednesday
    slots: ["8:00"]
  - id: breakout-a
    title: TAG breakout A
    from: 2027-01-06
    rule: every Wednesday
    slots: ["16:00"]
  - from: 2027-01-07
    rule: every Thursday
    slots: ["10:00"]
`;

describe.skipIf(!python3)(`parallel series: --series where a date is shared, written under the series' own meetings:${PYTHON_SKIP_NOTE}`, () => {
  let file: string;
  beforeEach(async () => {
    file = join(dir, 'config', 'tag.yaml');
    await writeFile(file, TAG);
  });

  it('a date two series share is refused without --series, naming them; nothing is written', async () => {
    const r = await run('skip', '2027-03-10');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('tcon: tag has 2 meetings on 2027-03-10 (plenary 08:00, breakout-a 16:00): name one with --series (plenary, breakout-a)\n');
    const bad = await run('move', '2027-03-10', '--series', 'breakout-z', '--to', '9:00');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'tcon: --series breakout-z: tag has no such series (its series: plenary, breakout-a, s2-2027-01-07; or 1 to 3, the entries of series:)\n',
    );
    expect(await readFile(file, 'utf8')).toBe(TAG);
  });

  it("--series by id or by number: the skip or move goes under that series alone; a series alone on its day keeps the group's meetings:", async () => {
    const skip = await run('skip', '2027-03-10', '--series', 'breakout-a', '--reason', 'no quorum');
    expect(skip.stderr).toBe('');
    expect(skip.stdout).toContain('config/tag.yaml: series[1].meetings.2027-03-10: { skip: no quorum }\n');
    const move = await run('move', '2027-03-10', '--series', '1', '--to', '9:30');
    expect(move.stdout).toContain('config/tag.yaml: series[0].meetings.2027-03-10: { move: 2027-03-10T09:30 }\n');
    expect((await run('move', '2027-03-11', '--to', '11:00')).code).toBe(0);
    const after = await readFile(file, 'utf8');
    // One block of lines each, where the series is written; every other line as it was.
    expect(added(TAG, after)).toEqual([
      '    meetings:',
      '      2027-03-10: { move: 2027-03-10T09:30 }',
      '    meetings:',
      '      2027-03-10: { skip: no quorum }',
      'meetings:',
      '  2027-03-11: { move: 2027-03-11T11:00 }',
    ]);
    expect(TAG.split('\n').filter((l) => !after.split('\n').includes(l))).toEqual([]);
    const [plenary, thursday] = inUtc(
      [
        ['2027-03-10', '09:30', 'Europe/Paris'],
        ['2027-03-11', '11:00', 'Europe/Paris'],
      ],
      'Europe/Paris',
    );
    const got = await rows('2027-03-10', '2027-03-11');
    expect(got.map((r) => [r.date, r.seriesId, r.status, r.startUtc])).toEqual([
      ['2027-03-10', 'plenary', 'moved', plenary!.utc],
      ['2027-03-10', 'breakout-a', 'skipped', inUtc([['2027-03-10', '16:00', 'Europe/Paris']], 'UTC')[0]!.utc],
      ['2027-03-11', 's2-2027-01-07', 'moved', thursday!.utc],
    ]);
  });

  it('a one-off beside a series meeting: --series one-off names it', async () => {
    expect((await run('add', '2027-03-11T15:00')).code).toBe(0);
    const r = await run('skip', '2027-03-11');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tag has 2 meetings on 2027-03-11 (s2-2027-01-07 10:00, one-off 15:00): name one with --series (s2-2027-01-07, one-off)');
    expect((await run('skip', '2027-03-11', '--series', 'one-off')).code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(TAG);
  });
});
