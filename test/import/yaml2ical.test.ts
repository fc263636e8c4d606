import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { PYTHON_SKIP_NOTE, python3 } from '../helpers/python.js';

// `tcon import yaml2ical` on a registry of our own (test/fixtures/yaml2ical/meetings: 30
// meetings, every frequency, alternating pairs, skips, lengths, missing start dates, the 53-week
// year 2026). What tcon's schedule of the imported files holds is compared with the meetings
// yaml2ical's rules give, computed in Python (date.isocalendar(), the files read by PyYAML as
// yaml2ical reads them: test/fixtures/yaml2ical_expected.py), never with tcon's own code. The
// same script expands yaml2ical's own feed (its RRULE, with python-dateutil) and runs
// yaml2ical's conflict check, for the dates the import says the feed differs on and for the
// conflicts `tcon plan` must find.

const REGISTRY = resolve(import.meta.dirname, '../fixtures/yaml2ical/meetings');
const NOW = '2026-12-01T00:00Z';
const FROM = '2025-11-01';
const TO = '2029-01-07';

const yamlPython = ['/usr/bin/python3', python3].find((py) => {
  if (!py) return false;
  try {
    execFileSync(py, ['-c', 'import yaml, dateutil.rrule'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
// In CI (.ci/run installs python3-yaml and python3-dateutil) a missing module fails the run.
const py = yamlPython ?? (process.env.CI ? python3 : undefined);
const SKIP = py ? '' : PYTHON_SKIP_NOTE || ' [skipped: no python3 with PyYAML and dateutil]';

interface Expected {
  meetings: Record<string, [string, string][]>;
  feed: Record<string, Record<string, { feed: string[]; rule: string[] }>>;
  conflicts: [string, string][];
}

let expected: Expected;
let out: string;
let run: Awaited<ReturnType<typeof tcon>>;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'tcon-y2-'));
  run = await tcon(['import', 'yaml2ical', REGISTRY, '--out-dir', out, '--now', NOW]);
  if (py) {
    const text = execFileSync(py, [resolve(import.meta.dirname, '../fixtures/yaml2ical_expected.py'), REGISTRY, FROM, TO, NOW.slice(0, 10)], {
      maxBuffer: 64 * 1024 * 1024,
    });
    expected = JSON.parse(text.toString()) as Expected;
  }
});
afterAll(async () => rm(out, { recursive: true, force: true }));

describe('tcon import yaml2ical: the fixture registry', () => {
  it('writes one group file per meeting and tcon.yaml, and its own check says identical', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = (await readdir(out)).sort();
    expect(files.filter((f) => f !== 'tcon.yaml')).toHaveLength(30);
    expect(files).toContain('tcon.yaml');
    expect(files).toContain('mixed-adhoc.yaml');
    expect(files).not.toContain('old.yaml');
    expect(run.stdout).toMatch(
      /Check \(tcon's schedule of the imported files against yaml2ical's ISO-week rule, 2025-11-01 to 2029-01-07\): 30 groups, \d+ meetings, identical\n$/,
    );
  });

  it(`every meeting of every file equals yaml2ical's rule computed in Python with isocalendar()${SKIP}`, async () => {
    if (!py) return;
    const r = await tcon(['schedule', '--config', out, '--from', FROM, '--to', TO, '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { group: string; status: string; startUtc: string; endUtc: string }[];
    const got: Record<string, [string, string][]> = {};
    for (const row of rows) if (row.status !== 'skipped') (got[row.group] ??= []).push([row.startUtc, row.endUtc]);
    const names = Object.keys(expected.meetings).sort();
    expect(names).toHaveLength(30);
    let total = 0;
    for (const name of names) {
      expect(got[name] ?? [], name).toEqual(expected.meetings[name]);
      total += expected.meetings[name]!.length;
    }
    expect(Object.keys(got).sort()).toEqual(names.filter((n) => expected.meetings[n]!.length));
    expect(total).toBeGreaterThan(2500);
  });

  it(`the 53-week year: an odd-week meeting meets in week 53 of 2026 and week 1 of 2027, two weeks in a row${SKIP}`, () => {
    if (!py) return;
    const beta = expected.meetings['beta-biweekly-odd']!.map(([s]) => s.slice(0, 10));
    expect(beta).toContain('2026-12-29');
    expect(beta).toContain('2027-01-05');
    // And the alternating pair keeps its slot: 14:00 in both odd weeks.
    const omicron = expected.meetings['omicron-alternating']!.map(([s]) => s);
    expect(omicron).toContain('2027-01-07T14:00:00Z');
    expect(omicron).not.toContain('2026-12-31T14:00:00Z'); // skipped (Holidays)
  });

  it(`says where yaml2ical's own feed differs, with the dates a client expanding that feed gets${SKIP}`, () => {
    if (!py) return;
    let checked = 0;
    const listed = (block: string, label: string) => {
      const line = new RegExp(`${label}: (.*)`).exec(block)?.[1];
      if (!line) return { shown: [] as string[], count: 0 };
      const shown = line.replace(/, \.\.\. \(\d+\)$/, '').split(', ');
      return { shown, count: Number(/\((\d+)\)$/.exec(line)?.[1] ?? shown.length) };
    };
    for (const [name, schedules] of Object.entries(expected.feed)) {
      for (const [index, { feed, rule }] of Object.entries(schedules)) {
        const onlyFeed = feed.filter((d) => !rule.includes(d));
        const onlyRule = rule.filter((d) => !feed.includes(d));
        const header = new RegExp(`^  ${name} schedule\\[${index}\\] .*$`, 'm').exec(run.stdout);
        if (!onlyFeed.length && !onlyRule.length) {
          expect(header, `${name} schedule[${index}]`).toBeNull();
          continue;
        }
        expect(header, `${name} schedule[${index}]`).not.toBeNull();
        const block = run.stdout.slice(header!.index).split('\n').slice(0, 3).join('\n');
        const f = listed(block, "only in yaml2ical's feed");
        const i = listed(block, "only in the import \\(yaml2ical's rule\\)");
        expect(f.shown, `${name} schedule[${index}] feed`).toEqual(onlyFeed.slice(0, f.shown.length));
        expect(f.count).toBe(onlyFeed.length);
        expect(i.shown, `${name} schedule[${index}] rule`).toEqual(onlyRule.slice(0, i.shown.length));
        expect(i.count).toBe(onlyRule.length);
        checked++;
      }
    }
    // Every biweekly and quadweekly schedule drifts after 2026; first-monday starts late.
    expect(checked).toBeGreaterThanOrEqual(20);
    expect(run.stdout).toContain("iota-first-monday schedule[0] (first-monday, Monday 13:00 UTC): yaml2ical's feed starts in the month after start_date");
    expect(run.stdout).toContain("only in the import (yaml2ical's rule): 2027-01-04\n");
  });

  it(`tcon plan finds exactly the conflicts yaml2ical's own check finds (same channel, overlapping times, intersecting weeks)${SKIP}`, async () => {
    if (!py) return;
    const r = await tcon(['plan', '--config', out, '--year', '2027', '--format', 'json']);
    const plan = JSON.parse(r.stdout) as { conflicts: { a: { group: string }; b: { group: string }; shared: { kind: string; id: string }[] }[] };
    const pairs = new Set(plan.conflicts.map((c) => [c.a.group, c.b.group].sort().join(' + ')));
    expect([...pairs].sort()).toEqual(expected.conflicts.map((p) => [...p].sort().join(' + ')).sort());
    expect(pairs.size).toBeGreaterThan(0);
    for (const c of plan.conflicts) expect(c.shared).toContainEqual({ kind: 'bridge', id: 'example-shared' });
  });

  it('writes comments saying where each field came from, and keeps unknown keys as notes', async () => {
    const text = await readFile(join(out, 'extras-notes.yaml'), 'utf8');
    expect(text).toContain('title: "Extras: Notes & Keys"   # yaml2ical project\n');
    expect(text).toContain('# yaml2ical project_url: https://example.org/extras\n');
    expect(text).toContain('# yaml2ical meeting_id: extras\n');
    expect(text).toContain('# yaml2ical custom_key: ["one","two"]\n');
    expect(text).toContain('  # yaml2ical x-room: Room 1\n');
    expect(text).toContain('agenda: https://wiki.example.org/Meetings/Extras   # yaml2ical agenda_url\n');
    expect(text).toContain('bridge: example-extras   # yaml2ical irc: #example-extras (a bridge of tcon.yaml)\n');
    expect(text).toContain('slots: ["05:00"]   # yaml2ical time (UTC)');
  });

  it('an alternating pair is one series with an ISO-week rotation; two channels or two lengths are two series', async () => {
    const omicron = await readFile(join(out, 'omicron-alternating.yaml'), 'utf8');
    expect(omicron).toContain('  - from: 2025-12-04');
    expect(omicron).toContain('    rule: every Thursday\n');
    expect(omicron).toMatch(
      /slots:\n {6}- "14:00" {3}# odd ISO weeks: yaml2ical schedule\[0\]\n {6}- "21:00" {3}# even ISO weeks: yaml2ical schedule\[1\]\n {4}rotation: \{ mode: iso-week \}/,
    );
    const phi = await readFile(join(out, 'phi-two-channels.yaml'), 'utf8');
    expect(phi.match(/^ {2}- id: /gm)).toHaveLength(2);
    expect(phi).toContain('    bridge: example-phi-a');
    expect(phi).toContain('    bridge: example-phi-b');
    const omega = await readFile(join(out, 'omega-durations.yaml'), 'utf8');
    expect(omega).toContain('    duration: 45');
    expect(omega).toContain('    duration: 90');
    const pi = await readFile(join(out, 'pi-quad-pair.yaml'), 'utf8');
    expect(pi).toContain('rule: every Tuesday in even ISO weeks');
    expect(pi).toContain('the rule has no meeting in these weeks (never used)');
  });

  it('adhoc meetings are listed, not invented; a skip date that is no meeting is said and left out', async () => {
    const xi = await readFile(join(out, 'xi-adhoc.yaml'), 'utf8');
    expect(xi).toContain('series: []');
    expect(run.stdout).toContain('xi-adhoc: schedule[0] is adhoc: listed, no meetings written');
    expect(run.stdout).toContain('psi-skip-mismatch: yaml2ical schedule[0] skip_date 20261226 (Boxing Day) is no meeting of that schedule');
    const psi = await readFile(join(out, 'psi-skip-mismatch.yaml'), 'utf8');
    expect(psi).toContain('  2026-12-25: { skip: Christmas }');
    expect(psi).not.toContain('2026-12-26:');
  });

  it('the imported config loads without warnings but the 53-week ones of tcon itself', async () => {
    const r = await tcon(['schedule', '--config', out, '--year', '2027', '--format', 'json']);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('warning'));
    for (const w of warnings) expect(w).toMatch(/rotation: ISO week parity: 2026/);
    // A rule of even ISO weeks never meets in week 53: no warning for it.
    expect(r.stderr).not.toContain('pi-quad-pair.yaml');
    expect(r.stderr).not.toContain('tau-saturday.yaml');
  });
});

describe('tcon import yaml2ical: writing', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tcon-y2w-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('--dry-run prints the YAML and writes nothing', async () => {
    const target = join(dir, 'dry');
    const r = await tcon(['import', 'yaml2ical', join(REGISTRY, 'omicron-alternating.yaml'), '--out-dir', target, '--dry-run', '--now', NOW]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`# ---- ${join(target, 'omicron-alternating.yaml')}\n# yaml-language-server`);
    expect(r.stdout).toContain('rotation: { mode: iso-week }');
    expect(r.stdout).toContain('bridges:\n  - { id: example-omicron, name: "#example-omicron" }');
    expect(r.stderr).toContain('(dry run, nothing written)');
    expect(r.stderr).toMatch(/1 group, \d+ meetings, identical/);
    await expect(readdir(target)).rejects.toThrow();
  });

  it('nothing is replaced without --force; with it, group files are replaced and tcon.yaml keeps its settings', async () => {
    const target = join(dir, 'config');
    const first = await tcon(['import', 'yaml2ical', join(REGISTRY, 'alpha-weekly.yaml'), '--out-dir', target, '--now', NOW]);
    expect(first.code).toBe(0);
    await writeFile(join(target, 'alpha-weekly.yaml'), 'edited by hand\n');
    await writeFile(join(target, 'tcon.yaml'), 'conflicts: { buffer: 15 }\nbridges:\n  - { id: office-zoom, name: Office Zoom }\n');
    const again = await tcon(['import', 'yaml2ical', join(REGISTRY, 'alpha-weekly.yaml'), '--out-dir', target, '--now', NOW]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('2 files would be replaced');
    expect(again.stderr).toContain('nothing written: add --force');
    expect(await readFile(join(target, 'alpha-weekly.yaml'), 'utf8')).toBe('edited by hand\n');
    const forced = await tcon(['import', 'yaml2ical', join(REGISTRY, 'alpha-weekly.yaml'), '--out-dir', target, '--now', NOW, '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(join(target, 'alpha-weekly.yaml'), 'utf8')).toContain('rule: every Monday');
    expect(await readFile(join(target, 'tcon.yaml'), 'utf8')).toBe(
      'conflicts: { buffer: 15 }\nbridges:\n  - { id: office-zoom, name: Office Zoom }\n  - { id: example-alpha, name: "#example-alpha" }   # an IRC channel of the yaml2ical registry: two meetings in it cannot overlap\n',
    );
    const plan = await tcon(['schedule', '--config', target, '--year', '2027', '--format', 'json']);
    expect(plan.code).toBe(0);
  });

  it('unreadable meeting files: exit 2, every problem with its file, line and field, nothing written', async () => {
    const bad = join(dir, 'bad');
    await cp(join(REGISTRY, 'alpha-weekly.yaml'), join(bad, 'alpha-weekly.yaml'), { recursive: true });
    await writeFile(
      join(bad, 'broken.yaml'),
      [
        'project: Broken',
        'chair: Nobody',
        'description: Every mistake at once.',
        'schedule:',
        "  - time: '2500'",
        '    day: Funday',
        '    irc: example-broken',
        '    frequency: fortnightly',
        '    start_date: 2026-01-01',
        '  - day: Monday',
        '    irc: example-broken',
        '    frequency: first-tuesday',
        "    time: '1000'",
        '    skip_dates:',
        '      - skip_date: 20260230',
        '        reason: no such day',
        '',
      ].join('\n'),
    );
    await writeFile(join(bad, 'syntax.yaml'), 'project: [unclosed\n');
    const target = join(dir, 'never');
    const r = await tcon(['import', 'yaml2ical', bad, '--out-dir', target, '--now', NOW]);
    expect(r.code).toBe(2);
    const file = join(bad, 'broken.yaml');
    expect(r.stderr).toContain(`${file}:5:11 schedule[0].time: time "2500" is not HHMM in UTC`);
    expect(r.stderr).toContain(`${file}:6:10 schedule[0].day: day "Funday" is not a day of the week`);
    expect(r.stderr).toContain(`${file}:8:16 schedule[0].frequency: frequency "fortnightly" is not one yaml2ical knows`);
    expect(r.stderr).toContain(`${file}:9:17 schedule[0].start_date: start_date "2026-01-01" is not a date written YYYYMMDD`);
    expect(r.stderr).toContain(`${file}:10:10 schedule[1].day: day "Monday" does not match frequency first-tuesday`);
    expect(r.stderr).toContain(`${file}:15:20 schedule[1].skip_dates[0].skip_date: skip_date 20260230 is not a date written YYYYMMDD`);
    expect(r.stderr).toContain(`${join(bad, 'syntax.yaml')}:2:1 YAML syntax error`);
    expect(r.stderr).toMatch(/tcon: 7 errors in the yaml2ical meeting files, nothing written\n$/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    await expect(readdir(target)).rejects.toThrow();
  });

  it('a directory with no meeting file, or none at all: exit 2', async () => {
    const empty = join(dir, 'empty');
    await cp(join(REGISTRY, 'more', 'notes.txt'), join(empty, 'notes.txt'));
    expect((await tcon(['import', 'yaml2ical', empty, '--dry-run'])).stderr).toContain('no meeting files (*.yaml) in this directory');
    const none = await tcon(['import', 'yaml2ical', join(dir, 'missing'), '--dry-run']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no such directory');
  });
});
