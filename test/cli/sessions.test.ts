// Sessions without a date rule (issue 12): a TC39-like plenary, multi-day sessions at a rotating
// host's hours, in three host zones, two of them across a DST change (Los Angeles on 8 March
// 2026, Berlin on 25 October 2026), beside an ordinary series. Expected instants come from
// Python's zoneinfo; the calendar is expanded by Python (icalendar + dateutil + zoneinfo).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { expandWithPython, python3, PYTHON_ICAL_SKIP_NOTE, PYTHON_SKIP_NOTE, pythonWithIcal } from '../helpers/python.js';

const SESSIONS: Record<string, string>[] = [
  { from: '2026-03-05', to: '2026-03-10', hours: '10:00-17:00', zone: 'America/Los_Angeles', title: 'TC39 plenary 112 (San Francisco)' },
  { from: '2026-05-19', to: '2026-05-21', hours: '10:00-17:00', zone: 'Asia/Tokyo', host: 'Example KK' },
  { from: '2026-10-22', to: '2026-10-27', hours: '09:30-16:30', zone: 'Europe/Berlin', title: 'TC39 plenary 114 (Berlin)' },
];

const flow = (o: Record<string, string>) =>
  `{ ${Object.entries(o)
    .map(([k, v]) => `${k}: "${v}"`)
    .join(', ')} }`;

const TC39 = `id: tc39
title: Example TC
timezone: UTC
organizer: { name: Example Secretariat, email: secretariat@example.org }
series:
  - id: plenary
    title: TC39 plenary
    sessions:
${SESSIONS.map((s) => `      - ${flow(s)}`).join('\n')}
    meetings:
      2026-03-07: { skip: No Saturday meeting }
  - id: editors
    title: Editors' call
    from: 2026-01-07
    rule: every other Wednesday
    slots: ["16:00"]
members:
  - { name: Ann Example, email: ann@example.org, zone: America/Los_Angeles }
  - { name: Kenji Example, email: kenji@example.org, zone: Asia/Tokyo }
`;

interface Row {
  date: string;
  title: string;
  startUtc: string;
  endUtc: string;
  status: string;
  seriesId: string | null;
  slotZone: string;
}

/** Each day of each session at its hours in its host zone, as Python's zoneinfo places it: [UTC start, UTC end, UTC date]. */
function expectedSessions(): [string, string, string][] {
  const code = `
import json, sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo
out = []
for s in json.load(sys.stdin):
    a, b = date.fromisoformat(s["from"]), date.fromisoformat(s["to"])
    h1, h2 = s["hours"].split("-")
    start_m = int(h1[:2]) * 60 + int(h1[3:]); end_m = int(h2[:2]) * 60 + int(h2[3:])
    length = (end_m - start_m) % 1440
    d = a
    while d <= b:
        local = datetime(d.year, d.month, d.day, start_m // 60, start_m % 60, tzinfo=ZoneInfo(s["zone"]))
        u = local.astimezone(timezone.utc)
        e = u + timedelta(minutes=length)
        out.append([u.strftime("%Y-%m-%dT%H:%M:%SZ"), e.strftime("%Y-%m-%dT%H:%M:%SZ"), u.date().isoformat()])
        d += timedelta(days=1)
print(json.dumps(out))
`;
  return JSON.parse(execFileSync(python3!, ['-c', code], { input: JSON.stringify(SESSIONS) }).toString()) as [string, string, string][];
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-tc39-'));
  await writeFile(join(dir, 'tc39.yaml'), TC39);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// tcon schedule runs with --no-holidays here: the holidays that touch meetings are
// schedule-holidays.test.ts's business, and without the holiday data (date-holidays computes in
// the process's zone) this file stays under the zone guard.
async function schedule(): Promise<Row[]> {
  const r = await tcon(['schedule', '--config', dir, '--year', '2026', '--format', 'json', '--no-holidays']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Row[];
}

describe.skipIf(!python3)(`a session list in three host zones across DST${PYTHON_SKIP_NOTE}`, () => {
  it("each session is held every day of its dates at the host's hours, dated by its day in the group's zone", async () => {
    const rows = (await schedule()).filter((x) => x.seriesId?.startsWith('plenary-'));
    const expected = expectedSessions();
    expect(rows.map((x) => [x.startUtc, x.endUtc, x.date])).toEqual(expected);
    // Python: 10:00 PST is 18:00 UTC, 10:00 PDT (from 8 March) 17:00 UTC; 09:30 CEST is 07:30 UTC, CET (from 25 October) 08:30.
    expect(rows.map((x) => x.startUtc.slice(11, 16))).toEqual([
      '18:00',
      '18:00',
      '18:00',
      '17:00',
      '17:00',
      '17:00',
      '01:00',
      '01:00',
      '01:00',
      '07:30',
      '07:30',
      '07:30',
      '08:30',
      '08:30',
      '08:30',
    ]);
    expect(rows.filter((x) => x.status === 'skipped').map((x) => x.date)).toEqual(['2026-03-07']);
    expect(new Set(rows.map((x) => x.seriesId))).toEqual(new Set(['plenary-2026-03-05', 'plenary-2026-05-19', 'plenary-2026-10-22']));
    expect([...new Set(rows.map((x) => x.title))]).toEqual(['TC39 plenary 112 (San Francisco)', 'TC39 plenary', 'TC39 plenary 114 (Berlin)']);
    expect([...new Set(rows.map((x) => x.slotZone))]).toEqual(['America/Los_Angeles', 'Asia/Tokyo', 'Europe/Berlin']);
  });

  it("the table, the minutes and the site show the host's local time beside the group's", async () => {
    const t = await tcon(['schedule', '--config', dir, '--from', '2026-03-08', '--to', '2026-03-08', '--no-holidays']);
    expect(t.stdout).toContain('2026-03-08  Sun  17:00-00:00 UTC (10:00-17:00 PDT, host)  TC39 plenary 112 (San Francisco)');
    expect(t.stdout.split('\n')[0]).toBe(
      "tc39 rule: editors (Editors' call): every other Wednesday from 2026-01-07; plenary (TC39 plenary): 1 session, 2026-03-05 to 2026-03-10 (hosts in America/Los_Angeles)",
    );
    const md = await tcon(['schedule', '--config', dir, '--from', '2026-05-19', '--to', '2026-05-19', '--format', 'markdown', '--no-holidays']);
    expect(md.stdout).toBe('**Tuesday 19 May 2026, 1-8am UTC (10am-5pm Asia/Tokyo, Example KK)**\n\nTC39 plenary\n');
    const out = join(dir, 'site');
    expect((await tcon(['site', '--config', dir, '--out', out, '--year', '2026', '--now', '2025-12-01T12:00Z'])).code).toBe(0);
    const page = await readFile(join(out, 'tc39.html'), 'utf8');
    expect(page).toContain('<td>08:30–15:30 <span class="muted">(09:30–16:30 Europe/Berlin, host)</span></td>');
  });

  it.skipIf(!pythonWithIcal)(`the calendar has one event per session, and Python expands it to the schedule${PYTHON_ICAL_SKIP_NOTE}`, async () => {
    const ics = await tcon(['ics', '--config', dir, '--year', '2026', '--no-state', '--now', '2025-12-01T12:00Z']);
    expect(ics.code).toBe(0);
    expect(ics.stdout).toContain('UID:tc39-plenary-2026-03-05-2026@tcon.invalid');
    expect(ics.stdout).toContain('DTSTART;TZID=America/Los_Angeles:20260305T100000');
    expect(ics.stdout).toContain('DTSTART;TZID=Europe/Berlin:20261022T093000');
    const py = expandWithPython(ics.stdout);
    expect(py.errors).toEqual([]);
    const held = (await schedule()).filter((x) => x.status !== 'skipped');
    expect(py.instances.map((i) => `${i.start} ${i.end} ${i.summary}`).sort()).toEqual(held.map((x) => `${x.startUtc} ${x.endUtc} ${x.title}`).sort());
  });

  it('invitations and check cover the sessions like any series', async () => {
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
    for (const uid of ['tc39-plenary-2026-03-05-2026', 'tc39-plenary-2026-05-19-2026', 'tc39-plenary-2026-10-22-2026', 'tc39-editors-2026']) {
      expect(inv.stdout).toContain(`would send request to kenji@example.org: invitation to the series of`);
      expect(inv.stdout).toContain(`(${uid}@tcon.invalid)`);
    }
    const check = await tcon(['check', '--config', dir, '--year', '2026', '--format', 'json']);
    const rated = JSON.parse(check.stdout) as { results: { startUtc: string }[] };
    for (const [start] of expectedSessions().filter(([, , d]) => d !== '2026-03-07')) expect(rated.results.map((x) => x.startUtc)).toContain(start);
  });

  it('a session list is checked: its own keys only, its hours, no rule beside it', async () => {
    const bad = TC39.replace('    title: TC39 plenary\n', '    title: TC39 plenary\n    rule: every Monday\n').replace(
      '"10:00-17:00", zone: "Asia/Tokyo"',
      '"10:00-10:00", zone: "Asia/Tokio"',
    );
    await writeFile(join(dir, 'bad.yaml'), bad.replace('id: tc39', 'id: tc39-bad'));
    const r = await tcon(['schedule', '--config', join(dir, 'bad.yaml'), '--year', '2026', '--no-holidays']);
    await rm(join(dir, 'bad.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.yaml:8:5 series[0].rule: "rule" does not go with "sessions": each session has its own dates (from, to) and hours');
    expect(r.stderr).toContain('series[0].sessions[1].zone: unknown time zone "Asia/Tokio"');
    expect(r.stderr).toContain('series[0].sessions[1].hours: "10:00-10:00" is not a span of hours');
  });
});
