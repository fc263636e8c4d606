// A meeting moved to an earlier date belongs to every window that holds the day it is held on,
// whatever its rule date (issue 10, 4): a council's 2017 calendar moved its 19 October meeting
// to the 12th, and a January call pulled back into December belongs to December's year.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { expandIcs } from '../helpers/ical.js';

let dir: string;
let file: string;
const CONFIG = [
  'id: council',
  'title: Example Council',
  'timezone: America/New_York',
  'organizer: { name: Example Secretariat, email: secretariat@example.org }',
  'series:',
  '  - from: 2017-09-01',
  '    rule: FREQ=MONTHLY;BYDAY=3TH',
  '    slots: ["10:00"]',
  'meetings:',
  '  2017-10-19: { move: "2017-10-12T12:00" }',
  '  2028-01-20: { move: "2027-12-29T10:00" }',
  'members:',
  '  - { name: Ada Example, email: ada@example.org, zone: Europe/Paris }',
  '',
].join('\n');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-earlier-'));
  file = join(dir, 'council.yaml');
  await writeFile(file, CONFIG);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const run = (...args: string[]) => tcon([...args, '--config', file], { cwd: dir });
const starts = (json: string) => (JSON.parse(json) as { startUtc: string; date: string }[]).map((o) => [o.date, o.startUtc]);

describe('a meeting moved to an earlier date', () => {
  it.each([
    ['2017-10-01', '2017-10-15'],
    ['2017-10-12', '2017-10-12'],
    ['2017-10-01', '2017-10-31'],
  ])('tcon schedule --from %s --to %s holds the 12 October meeting', async (from, to) => {
    const r = await run('schedule', '--from', from, '--to', to, '--format', 'json', '--no-holidays');
    expect(r.code, r.stderr).toBe(0);
    expect(starts(r.stdout)).toEqual([['2017-10-19', '2017-10-12T16:00:00Z']]);
  });

  it('a window after the day it is held on does not', async () => {
    const r = await run('schedule', '--from', '2017-10-13', '--to', '2017-10-31', '--format', 'json', '--no-holidays');
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('tcon ics over the same window expands (ical.js) to it, feed and invitation', async () => {
    for (const extra of [[], ['--invite']]) {
      const r = await run('ics', '--from', '2017-10-01', '--to', '2017-10-15', '--no-state', '--now', '2017-09-01T00:00Z', ...extra);
      expect(r.code, r.stderr).toBe(0);
      expect(expandIcs(r.stdout).map((i) => new Date(i.start).toISOString())).toEqual(['2017-10-12T16:00:00.000Z']);
    }
  });

  it('tcon remind --days 1 on 11 October reminds of it', async () => {
    const r = await run('remind', '--days', '1', '--now', '2017-10-11T12:00Z', '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('would send reminder to ada@example.org: reminder (1 day) of Thu 12 Oct 2017, 12:00-13:00');
    expect(r.stdout).toContain('1 to send');
  });

  it("a January call pulled into December is in the December year, not in January's", async () => {
    const y27 = await run('schedule', '--year', '2027', '--format', 'json', '--no-holidays');
    expect(starts(y27.stdout).slice(-2)).toEqual([
      ['2027-12-16', '2027-12-16T15:00:00Z'],
      ['2028-01-20', '2027-12-29T15:00:00Z'],
    ]);
    const y28 = await run('schedule', '--year', '2028', '--format', 'json', '--no-holidays');
    expect(starts(y28.stdout)[0]).toEqual(['2028-02-17', '2028-02-17T15:00:00Z']);
    // The calendars agree: the 2027 feed has it (an event of its own: a move out of its year's
    // event), the 2028 feed does not.
    const ics27 = await run('ics', '--year', '2027', '--no-state', '--now', '2026-12-01T00:00Z');
    expect(expandIcs(ics27.stdout).map((i) => new Date(i.start).toISOString())).toContain('2027-12-29T15:00:00.000Z');
    const ics28 = await run('ics', '--year', '2028', '--no-state', '--now', '2026-12-01T00:00Z');
    const i28 = expandIcs(ics28.stdout).map((i) => new Date(i.start).toISOString());
    expect(i28).not.toContain('2027-12-29T15:00:00.000Z');
    expect(i28).not.toContain('2028-01-20T15:00:00.000Z');
    expect(i28).toHaveLength(11);
  });
});
