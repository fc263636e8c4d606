// Parallel calls in one group (issue 12): a W3C TAG-like group, a plenary and three breakouts in
// one file, each a series with its own id, title, link and slots, plus two one-offs on one day
// told apart by their titles. Calendars are expanded by Python (icalendar + dateutil +
// zoneinfo); dates are checked against Python's calendar arithmetic, not tcon's.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { expandWithPython, python3, PYTHON_ICAL_SKIP_NOTE, PYTHON_SKIP_NOTE, pythonWithIcal } from '../helpers/python.js';

const TAG = `id: tag
title: Example TAG
timezone: Europe/London
zone-label: UK
organizer: { name: TAG Secretariat, email: tag-secretariat@example.org }
link: https://meet.example.org/tag
series:
  - id: plenary
    title: TAG plenary
    from: 2026-01-05
    rule: every Monday
    slots: ["17:00"]
    link: https://meet.example.org/tag-plenary
  - id: breakout-a
    title: TAG breakout A
    from: 2026-01-06
    rule: every Tuesday
    slots: ["09:00"]
  - id: breakout-b
    title: TAG breakout B
    from: 2026-01-07
    rule: every Wednesday
    slots: ["14:00"]
    meetings:
      2026-01-21: { skip: Chair away }
  - id: breakout-c
    title: TAG breakout C
    from: 2026-01-07
    until: 2026-06-30
    rule: every Wednesday
    slots: ["22:00"]
meetings:
  2026-02-16: { skip: Holiday }
  2026-04-01: { skip: F2F week }
  2026-03-11:
    add:
      - { time: "11:00", title: "TAG design review: WebFoo" }
      - { time: "11:00", title: "TAG design review: WebBar", link: "https://meet.example.org/tag-review" }
members:
  - { name: Ann Example, email: ann@example.org, role: chair, zone: Europe/London }
  - { name: Kenji Example, email: kenji@example.org, zone: Asia/Tokyo }
`;

interface Row {
  date: string;
  title: string;
  start: string;
  startUtc: string;
  endUtc: string;
  status: string;
  note: string | null;
  link: string | null;
  series: number | null;
  seriesId: string | null;
}

/** Python's dates of a weekday (0 = Monday) in [from, to]. */
function weekdays(weekday: number, from: string, to: string): string[] {
  const code = `
import json, sys
from datetime import date, timedelta
a, b, w = date.fromisoformat(sys.argv[1]), date.fromisoformat(sys.argv[2]), int(sys.argv[3])
print(json.dumps([(a + timedelta(days=i)).isoformat() for i in range((b - a).days + 1) if (a + timedelta(days=i)).weekday() == w]))
`;
  return JSON.parse(execFileSync(python3!, ['-c', code, from, to, String(weekday)]).toString()) as string[];
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-tag-'));
  await writeFile(join(dir, 'tag.yaml'), TAG);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// tcon schedule runs with --no-holidays here: the holidays that touch meetings are
// schedule-holidays.test.ts's business, and without the holiday data (date-holidays computes in
// the process's zone) this file stays under the zone guard.
async function schedule(args: string[] = ['--year', '2026']): Promise<Row[]> {
  const r = await tcon(['schedule', '--config', dir, ...args, '--format', 'json', '--no-holidays']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Row[];
}

async function config(text: string): Promise<string> {
  const d = await mkdtemp(join(dir, 'cfg-'));
  await writeFile(join(d, 'tag.yaml'), text);
  return d;
}

describe.skipIf(!python3)(`a TAG-like group: a plenary and three breakouts in one file${PYTHON_SKIP_NOTE}`, () => {
  it('each series keeps its own dates, title, link and id; a group skip takes every call of its date, a series skip only its own', async () => {
    const rows = await schedule();
    const of = (id: string) => rows.filter((x) => x.seriesId === id);
    expect(of('plenary').map((x) => x.date)).toEqual(weekdays(0, '2026-01-05', '2026-12-31'));
    expect(of('breakout-a').map((x) => x.date)).toEqual(weekdays(1, '2026-01-06', '2026-12-31'));
    expect(of('breakout-b').map((x) => x.date)).toEqual(weekdays(2, '2026-01-07', '2026-12-31'));
    expect(of('breakout-c').map((x) => x.date)).toEqual(weekdays(2, '2026-01-07', '2026-06-30'));
    expect(new Set(of('plenary').map((x) => `${x.title} ${x.link}`))).toEqual(new Set(['TAG plenary https://meet.example.org/tag-plenary']));
    expect(new Set(of('breakout-b').map((x) => `${x.title} ${x.link}`))).toEqual(new Set(['TAG breakout B https://meet.example.org/tag']));
    expect(of('breakout-c').map((x) => x.series)).toContain(3);
    const skipped = rows.filter((x) => x.status === 'skipped').map((x) => `${x.date} ${x.seriesId} ${x.note}`);
    expect(skipped).toEqual([
      '2026-01-21 breakout-b Chair away',
      '2026-02-16 plenary Holiday',
      '2026-04-01 breakout-b F2F week',
      '2026-04-01 breakout-c F2F week',
    ]);
    const oneOffs = rows.filter((x) => x.status === 'added').map((x) => `${x.date} ${x.title} ${x.link}`);
    expect(oneOffs).toEqual([
      '2026-03-11 TAG design review: WebFoo https://meet.example.org/tag',
      '2026-03-11 TAG design review: WebBar https://meet.example.org/tag-review',
    ]);
  });

  it('the table tells parallel calls apart by title, and the rule line names each series', async () => {
    const r = await tcon(['schedule', '--config', dir, '--from', '2026-03-11', '--to', '2026-03-11', '--no-holidays']);
    expect(r.stdout).toBe(
      [
        'tag rule: plenary (TAG plenary): every Monday (from 2026-01-05); breakout-a (TAG breakout A): every Tuesday (from 2026-01-06); breakout-b (TAG breakout B): every Wednesday (from 2026-01-07); breakout-c (TAG breakout C): every Wednesday (2026-01-07 to 2026-06-30)',
        '',
        'Date        Day  Time            Title                      Slot     Status     Note',
        '----------  ---  --------------  -------------------------  -------  ---------  ----',
        '2026-03-11  Wed  11:00-12:00 UK  TAG design review: WebFoo  one-off  added',
        '2026-03-11  Wed  11:00-12:00 UK  TAG design review: WebBar  one-off  added',
        '2026-03-11  Wed  14:00-15:00 UK  TAG breakout B                      scheduled',
        '2026-03-11  Wed  22:00-23:00 UK  TAG breakout C                      scheduled',
        '',
      ].join('\n'),
    );
  });

  it.skipIf(!pythonWithIcal)(
    `the calendar has one event per series and year, UID from the series id, and expands to the schedule${PYTHON_ICAL_SKIP_NOTE}`,
    async () => {
      const ics = await tcon(['ics', '--config', dir, '--year', '2026', '--no-state', '--now', '2025-12-01T12:00Z']);
      expect(ics.code).toBe(0);
      const uids = [...new Set([...ics.stdout.matchAll(/^UID:(.*)\r$/gm)].map((m) => m[1]))].sort();
      expect(uids).toEqual([
        'tag-add-2026-03-11-0@tcon.invalid',
        'tag-add-2026-03-11-1@tcon.invalid',
        'tag-breakout-a-2026@tcon.invalid',
        'tag-breakout-b-2026@tcon.invalid',
        'tag-breakout-c-2026@tcon.invalid',
        'tag-plenary-2026@tcon.invalid',
      ]);
      const py = expandWithPython(ics.stdout);
      expect(py.errors).toEqual([]);
      const held = (await schedule()).filter((x) => x.status !== 'skipped');
      const key = (start: string, summary: string) => `${start} ${summary}`;
      expect(py.instances.map((i) => key(i.start, i.summary)).sort()).toEqual(held.map((x) => key(x.startUtc, x.title)).sort());
    },
  );

  it('invitations go out per series (one event each), and the site page and check cover every series', async () => {
    const inv = await tcon([
      'invite',
      '--config',
      dir,
      '--year',
      '2026',
      '--dry-run',
      '--verbose',
      '--now',
      '2025-12-01T12:00Z',
      '--outbox',
      join(dir, 'outbox'),
    ]);
    expect(inv.code).toBe(0);
    for (const id of ['plenary', 'breakout-a', 'breakout-b', 'breakout-c']) {
      expect(inv.stdout).toContain(`would send request to kenji@example.org: invitation to the series of`);
      expect(inv.stdout).toContain(`(tag-${id}-2026@tcon.invalid)`);
    }
    const check = await tcon(['check', '--config', dir, '--year', '2026', '--format', 'json']);
    expect([0, 1]).toContain(check.code);
    const rated = JSON.parse(check.stdout) as { results: { date: string; start: string }[] };
    const held = (await schedule()).filter((x) => x.status !== 'skipped');
    expect(new Set(rated.results.map((x) => x.start)).size).toBe(new Set(held.map((x) => x.start)).size);
    const out = join(dir, 'site');
    const site = await tcon(['site', '--config', dir, '--out', out, '--year', '2026', '--now', '2025-12-01T12:00Z']);
    expect(site.code).toBe(0);
    const page = await readFile(join(out, 'tag.html'), 'utf8');
    for (const t of ['TAG plenary', 'TAG breakout A', 'TAG breakout B', 'TAG breakout C', 'TAG design review: WebFoo']) expect(page).toContain(t);
  });

  it('overlapping series without ids are refused, naming the fix; a move on a date two series share must name its series', async () => {
    const noIds = await config(TAG.replaceAll(/- id: [a-z-]+\n {4}/g, '- '));
    const r = await tcon(['schedule', '--config', noIds, '--year', '2026', '--no-holidays']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'tag.yaml:8:5 series[0]: only the last series may leave out "until": series without an id follow one another in time; to hold series side by side (parallel calls), give each an id ("id: plenary", "id: breakout-a")',
    );
    const ended = await config(
      TAG.replaceAll(/- id: [a-z-]+\n {4}/g, '- ').replace('    rule: every Monday\n', '    until: 2026-03-31\n    rule: every Monday\n'),
    );
    expect((await tcon(['schedule', '--config', ended, '--year', '2026', '--no-holidays'])).stderr).toContain(
      'tag.yaml:15:11 series[1].from: this series overlaps series[0] (2026-01-05 to 2026-03-31): series without an id follow one another in time (end series[0] with "until" before this "from"); to hold both side by side (parallel calls), give each an id ("id: plenary", "id: breakout-a")',
    );
    const move = await config(TAG.replace('  2026-02-16: { skip: Holiday }', '  2026-01-14: { move: "2026-01-15T14:00" }'));
    const m = await tcon(['schedule', '--config', move, '--year', '2026', '--no-holidays']);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain(
      'meetings["2026-01-14"].move: meetings of several series fall on 2026-01-14 (breakout-b, series[2]; breakout-c, series[3]): move one under its series\' own meetings: (series[2].meetings.2026-01-14.move)',
    );
    const own = await config(
      TAG.replace('      2026-01-21: { skip: Chair away }', '      2026-01-21: { skip: Chair away }\n      2026-01-14: { move: "2026-01-15T14:00" }'),
    );
    const moved = JSON.parse(
      (await tcon(['schedule', '--config', own, '--from', '2026-01-14', '--to', '2026-01-15', '--format', 'json', '--no-holidays'])).stdout,
    ) as Row[];
    expect(moved.map((x) => `${x.date} ${x.seriesId} ${x.status} ${x.start}`)).toEqual([
      '2026-01-14 breakout-c scheduled 2026-01-14T22:00:00+00:00',
      '2026-01-14 breakout-b moved 2026-01-15T14:00:00+00:00',
    ]);
  });

  it('series ids are checked: unique, and in the form of a UID part', async () => {
    const dup = await config(TAG.replace('id: breakout-c', 'id: breakout-b'));
    const r = await tcon(['schedule', '--config', dup, '--year', '2026', '--no-holidays']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('series[3].id: series id "breakout-b" is also used by series[2]: ids name calendar events, so each must be unique');
    const bad = await config(TAG.replace('id: breakout-c', 'id: Breakout C'));
    expect((await tcon(['schedule', '--config', bad, '--year', '2026', '--no-holidays'])).stderr).toContain(
      'series[3].id: series id "Breakout C" must be lowercase letters, digits and dashes',
    );
  });
});
