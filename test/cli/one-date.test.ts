// One date per meeting (issue 12): a Los Angeles group whose slot is pinned to UTC ("00:00 UTC
// +1d", Wednesday afternoon in Los Angeles). Its date-keyed skip, its window (--from/--to,
// --year), a blackout and the calendar's year all act on the date the table prints: the day in
// Los Angeles. Expected dates and times come from Python's zoneinfo, not from tcon.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { expandWithPython, python3, PYTHON_ICAL_SKIP_NOTE, PYTHON_SKIP_NOTE, pythonWithIcal } from '../helpers/python.js';

/** Every Thursday 00:00 UTC in [from, to] (UTC dates), as Python sees it in Los Angeles: [utc, LA date, LA HH:MM, weekday]. */
function thursdaysInLosAngeles(from: string, to: string): [string, string, string, string][] {
  const code = `
import json, sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo
a, b = (date.fromisoformat(x) for x in sys.argv[1:3])
out = []
d = a
while d <= b:
    if d.weekday() == 3:
        t = datetime(d.year, d.month, d.day, tzinfo=timezone.utc)
        la = t.astimezone(ZoneInfo("America/Los_Angeles"))
        out.append([t.strftime("%Y-%m-%dT%H:%M:%SZ"), la.date().isoformat(), la.strftime("%H:%M"), la.strftime("%a")])
    d += timedelta(days=1)
print(json.dumps(out))
`;
  return JSON.parse(execFileSync(python3!, ['-c', code, from, to]).toString()) as [string, string, string, string][];
}

const GROUP = (slot: string, rule: string, meetings: string) => `id: wg-la
title: Example WG-LA
timezone: America/Los_Angeles
zone-label: PT
series:
  - from: 2023-01-01
    rule: ${rule}
    slots: ["${slot}"]
${meetings ? `meetings:\n${meetings}\n` : ''}`;

const TCON_YAML = `blackouts:
  - { name: Offsite, from: 2023-10-18, to: 2023-10-18, policy: skip }
holidays: { policy: warn, members: false }
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-one-date-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function configWith(group: string, settings = TCON_YAML): Promise<string> {
  const d = await mkdtemp(join(dir, 'cfg-'));
  await writeFile(join(d, 'wg-la.yaml'), group);
  await writeFile(join(d, 'tcon.yaml'), settings);
  return d;
}

interface Row {
  date: string;
  slot: number | null;
  start: string;
  startUtc: string;
  status: string;
  note: string | null;
}

describe.skipIf(!python3)(`a UTC-pinned slot in a Los Angeles group: one date per meeting${PYTHON_SKIP_NOTE}`, () => {
  it('the table prints the day in Los Angeles, and the skip, the window and the blackout act on that day', async () => {
    const cfg = await configWith(GROUP('00:00 UTC +1d', 'every Wednesday', '  2023-10-04: { skip: Chair away }'));
    const expected = thursdaysInLosAngeles('2023-10-05', '2023-11-16');
    // Python: 00:00 UTC on Thursday is Wednesday afternoon in Los Angeles (17:00 PDT, 16:00 PST).
    expect(expected.every(([, , , wd]) => wd === 'Wed')).toBe(true);
    const r = await tcon(['schedule', '--config', cfg, '--from', '2023-10-04', '--to', '2023-11-15', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Row[];
    // Every meeting whose day in Los Angeles is in the window, and no other, at Python's instants.
    expect(rows.map((x) => [x.startUtc, x.date, x.start.slice(11, 16)])).toEqual(expected.map(([utc, day, hm]) => [utc, day, hm]));
    const byDate = new Map(rows.map((x) => [x.date, x]));
    expect(byDate.get('2023-10-04')).toMatchObject({ status: 'skipped', note: 'Chair away' });
    expect(byDate.get('2023-10-18')).toMatchObject({ status: 'skipped', note: 'Offsite' });
    expect(rows.filter((x) => x.status === 'skipped').map((x) => x.date)).toEqual(['2023-10-04', '2023-10-18']);
    // The table prints the same dates (Wednesday), with the slot's own time beside.
    const table = await tcon(['schedule', '--config', cfg, '--from', '2023-10-04', '--to', '2023-10-11']);
    expect(table.stdout).toContain('2023-10-04  Wed  17:00-18:00 PT (00:00-01:00 UTC)');
    expect(table.stdout).toContain('2023-10-11  Wed  17:00-18:00 PT (00:00-01:00 UTC)');
  });

  it('a window starting on a Wednesday in Los Angeles holds that meeting (00:00 UTC on Thursday)', async () => {
    const cfg = await configWith(GROUP('00:00 UTC +1d', 'every Wednesday', ''));
    const r = await tcon(['schedule', '--config', cfg, '--from', '2023-10-04', '--to', '2023-10-04', '--format', 'json']);
    expect((JSON.parse(r.stdout) as Row[]).map((x) => [x.date, x.startUtc])).toEqual([['2023-10-04', '2023-10-05T00:00:00Z']]);
    const none = await tcon(['schedule', '--config', cfg, '--from', '2023-10-05', '--to', '2023-10-05', '--format', 'json']);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('--year holds the meetings held that year in Los Angeles: 31 Dec 2025 is 2025, 31 Dec 2026 is 2026', async () => {
    const cfg = await configWith(GROUP('00:00 UTC +1d', 'every Wednesday', ''), '');
    const [first] = thursdaysInLosAngeles('2026-01-01', '2026-01-01');
    const [last] = thursdaysInLosAngeles('2026-12-31', '2026-12-31');
    // Python: 2026-01-01T00:00Z is 31 December 2025 in Los Angeles; 2026-12-31 is a Thursday in UTC.
    expect(first![1]).toBe('2025-12-31');
    const y2026 = JSON.parse((await tcon(['schedule', '--config', cfg, '--year', '2026', '--format', 'json'])).stdout) as Row[];
    const y2025 = JSON.parse((await tcon(['schedule', '--config', cfg, '--year', '2025', '--format', 'json'])).stdout) as Row[];
    expect(y2025.at(-1)!.startUtc).toBe(first![0]);
    expect(y2026.map((x) => x.startUtc)).not.toContain(first![0]);
    expect(y2026.every((x) => x.date.startsWith('2026-'))).toBe(true);
    expect(y2026.at(-1)!.date).toBe('2026-12-30');
    expect(last![1]).toBe('2026-12-30');
    expect(y2026.at(-1)!.startUtc).toBe(last![0]);
  });

  it.skipIf(!pythonWithIcal)(
    `the 2026 calendar event holds exactly the meetings of 2026 in Los Angeles, as Python expands it${PYTHON_ICAL_SKIP_NOTE}`,
    async () => {
      const cfg = await configWith(GROUP('00:00 UTC +1d', 'every Wednesday', '  2026-03-04: { skip: Chair away }'), '');
      const ics = await tcon(['ics', '--config', cfg, '--year', '2026', '--no-state', '--now', '2025-12-01T12:00Z']);
      expect(ics.code).toBe(0);
      // A weekly rule on a slot one day on: the RRULE repeats in UTC on Thursdays, so no override.
      expect(ics.stdout).toContain('RRULE:FREQ=WEEKLY;BYDAY=TH;UNTIL=20261231T235959Z');
      expect(ics.stdout).toContain('DTSTART:20260108T000000Z');
      const py = expandWithPython(ics.stdout);
      expect(py.errors).toEqual([]);
      const sched = JSON.parse((await tcon(['schedule', '--config', cfg, '--year', '2026', '--format', 'json'])).stdout) as Row[];
      const held = sched.filter((x) => x.status !== 'skipped').map((x) => x.startUtc);
      expect(py.instances.map((i) => i.start).sort()).toEqual(held.sort());
      expect(held).toHaveLength(51);
    },
  );

  it.skipIf(!pythonWithIcal)(
    `a monthly rule with a day offset repeats in the group's zone, with the other DST season as overrides${PYTHON_ICAL_SKIP_NOTE}`,
    async () => {
      const text = GROUP('00:00 UTC +1d', '3rd Wednesday of every month', '  2027-05-19: { skip: Chair away }').replace(
        'slots: ["00:00 UTC +1d"]',
        'slots: ["00:00 UTC +1d", "16:00"]\n    rotation: { on-skip: advance }',
      );
      const cfg = await configWith(text, '');
      const ics = await tcon(['ics', '--config', cfg, '--year', '2027', '--no-state', '--now', '2026-12-01T12:00Z']);
      expect(ics.code).toBe(0);
      expect(ics.stdout).toContain('RRULE:FREQ=MONTHLY;BYDAY=3WE;UNTIL=');
      expect(ics.stdout).toContain('DTSTART;TZID=America/Los_Angeles:20270120T160000');
      const py = expandWithPython(ics.stdout);
      expect(py.errors).toEqual([]);
      const sched = JSON.parse((await tcon(['schedule', '--config', cfg, '--year', '2027', '--format', 'json'])).stdout) as Row[];
      expect(py.instances.map((i) => i.start).sort()).toEqual(
        sched
          .filter((x) => x.status !== 'skipped')
          .map((x) => x.startUtc)
          .sort(),
      );
      // Every meeting on the 3rd Wednesday in Los Angeles (Python's calendar), the first slot at 00:00 UTC the next day.
      const weds = thursdaysInLosAngeles('2027-01-01', '2027-12-31').filter(
        ([, day]) => (Number(day.slice(8)) - 1) / 7 >= 2 && (Number(day.slice(8)) - 1) / 7 < 3,
      );
      expect(sched.map((x) => x.date)).toEqual(weds.map(([, day]) => day));
      for (const x of sched.filter((r) => r.slot === 0)) expect(x.startUtc).toBe(weds.find(([, day]) => day === x.date)![0]);
    },
  );

  it('the form written before (the rule in UTC days, no offset) is a warning, and a key by the UTC date an error naming the date to write', async () => {
    const cfg = await configWith(GROUP('00:00 UTC', 'every Thursday', '  2023-10-05: { skip: Chair away }'), '');
    const r = await tcon(['schedule', '--config', cfg, '--year', '2023']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'wg-la.yaml:8:13 warning: series[0].slots[0]: slot "00:00 UTC" holds the meeting of rule date 2023-01-05 on 2023-01-04 in America/Los_Angeles (Wed 2023-01-04 16:00)',
    );
    expect(r.stderr).toContain(
      'To hold them on the rule\'s day in America/Los_Angeles, write "00:00 UTC +1d" (and the rule for that day). To keep these dates, say so: "00:00 UTC +0d".',
    );
    expect(r.stderr).toContain(
      'wg-la.yaml:10:3 meetings["2023-10-05"]: the meeting of rule date 2023-10-05 ("00:00 UTC") is held Wed 2023-10-04 17:00 in America/Los_Angeles: tcon dates every meeting by its day in the group\'s zone, so write 2023-10-04',
    );
    // Written as the warning says, the same instants, keyed by the day the table prints.
    const fixed = await configWith(GROUP('00:00 UTC +1d', 'every Wednesday', '  2023-10-04: { skip: Chair away }'), '');
    const old = await configWith(GROUP('00:00 UTC', 'every Thursday', ''), '');
    const a = JSON.parse((await tcon(['schedule', '--config', fixed, '--year', '2023', '--format', 'json'])).stdout) as Row[];
    const b = JSON.parse((await tcon(['schedule', '--config', old, '--year', '2023', '--format', 'json'])).stdout) as Row[];
    expect(a.map((x) => x.startUtc)).toEqual(b.map((x) => x.startUtc));
    expect(a.find((x) => x.status === 'skipped')?.date).toBe('2023-10-04');
  });
});
