/*
 * The registry-like corpus of the scale benchmark (bench/corpus.js: 93 groups of UTC meetings,
 * weekly, every 2 and 4 weeks, first-weekday monthly, rotations by meeting count and by ISO week,
 * series begun 2013-2026): the feeds `tcon ics --out-dir` writes for 2027 (one per group and
 * all.ics) expand, by ical.js and by Python (icalendar + dateutil), to exactly the instants of
 * `tcon schedule --format json`. What the window-near expansion must keep (issue 14).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JS module of the benchmarks
import { writeRegistry } from '../../bench/corpus.js';
import { tcon } from '../helpers/cli.js';
import { expandIcs } from '../helpers/ical.js';
import { expandManyWithPython, pythonWithIcal, PYTHON_ICAL_SKIP_NOTE } from '../helpers/python.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const NOW = '2026-11-28T00:00Z';
let dir = '';
let want: string[] = [];
const feeds = new Map<string, string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-registry-'));
  (writeRegistry as (d: string) => void)(join(dir, 'config'));
  const sched = await tcon(['schedule', '--config', join(dir, 'config'), '--year', '2027', '--format', 'json', '--no-holidays', '--now', NOW], { cwd: ROOT });
  expect(sched.code, sched.stderr).toBe(0);
  const rows = JSON.parse(sched.stdout) as { status: string; startUtc: string; endUtc: string }[];
  want = rows
    .filter((r) => r.status !== 'skipped')
    .map((r) => `${r.startUtc}/${r.endUtc}`)
    .sort();
  const ics = await tcon(['ics', '--config', join(dir, 'config'), '--year', '2027', '--all', '--out-dir', join(dir, 'out'), '--no-state', '--now', NOW], {
    cwd: ROOT,
  });
  expect(ics.code, ics.stderr).toBe(0);
  for (const name of (await readdir(join(dir, 'out'))).sort()) feeds.set(name, await readFile(join(dir, 'out', name), 'utf8'));
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

describe('registry-like corpus, 2027: the feeds expand to `tcon schedule`', () => {
  it('about 4,000 meetings in 93 groups, one file each and all.ics', () => {
    expect(feeds.size).toBe(94);
    expect(want.length).toBeGreaterThan(3800);
    expect(want.length).toBeLessThan(4400);
  });

  it('ical.js expands all.ics, and the union of the group files, to the schedule', () => {
    const all = expandIcs(feeds.get('all.ics')!, 100_000)
      .map((i) => `${iso(i.start)}/${iso(i.end)}`)
      .sort();
    expect(all).toEqual(want);
    const each = [...feeds]
      .filter(([n]) => n !== 'all.ics')
      .flatMap(([, t]) => expandIcs(t).map((i) => `${iso(i.start)}/${iso(i.end)}`))
      .sort();
    expect(each).toEqual(want);
  });

  it.skipIf(!pythonWithIcal)(`Python (icalendar + dateutil) expands all.ics to the schedule${PYTHON_ICAL_SKIP_NOTE}`, () => {
    const [got] = expandManyWithPython([feeds.get('all.ics')!]);
    expect(got!.errors).toEqual([]);
    expect(got!.instances.map((i) => `${i.start}/${i.end}`).sort()).toEqual(want);
  });
});
