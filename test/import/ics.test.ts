import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { PYTHON_ICAL_SKIP_NOTE, pythonWithIcal } from '../helpers/python.js';

// `tcon import ics` on calendar exports written by hand in the style of each client (made-up
// names, example.org): Outlook (Windows zone names, two series built by hand to alternate month
// by month), Google (X-WR-TIMEZONE, a week-by-week alternation, a cancelled instance, a series
// split by "this and following events", a resource attendee, an all-day event), Apple (southern
// hemisphere, COUNT, RDATE, EXDATE, a move across the date line, a 45-minute zone), Thunderbird
// (a 30-minute zone, a duration-only override, a BYHOUR rule tcon cannot say, a floating time,
// an old /mozilla.org/ TZID) and tcon's own feed (`tcon ics` of config/, one event per year, the
// rotation as overrides). What tcon's schedule of the imported file holds is compared with the
// meetings the export holds as test/fixtures/ics_import_expected.py computes them (Python's
// icalendar, dateutil, zoneinfo, and the file's own VTIMEZONE for non-IANA TZIDs): never with
// tcon's or ical.js's expansion, which the import's own check uses.

const FIXTURES = resolve(import.meta.dirname, '../fixtures/ics-import');
const NOW = '2026-12-01T00:00Z';
// The span compared: the fixtures' first meeting is in 2026; open-ended series are followed past
// the two years ahead of NOW that the import checks.
const FROM = '2025-12-01';
const TO = '2028-11-30';

interface Case {
  file: string;
  floating: string;
}
const CASES: Case[] = [
  { file: 'outlook.ics', floating: 'Europe/Berlin' },
  { file: 'google.ics', floating: 'America/New_York' },
  { file: 'apple.ics', floating: 'Australia/Sydney' },
  { file: 'thunderbird.ics', floating: 'Asia/Kolkata' },
  { file: 'tcon-feed.ics', floating: 'America/New_York' },
];

let dir: string;
const runs = new Map<string, { code: number; stdout: string; stderr: string; yaml: string; doc: Record<string, unknown> }>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-ics-import-'));
  for (const c of CASES) {
    const out = join(dir, c.file.replace(/\.ics$/, '.yaml'));
    const r = await tcon(['import', 'ics', join(FIXTURES, c.file), '--out', out, '--now', NOW]);
    const yaml = r.code === 0 || r.code === 1 ? await readFile(out, 'utf8') : '';
    runs.set(c.file, { ...r, yaml, doc: (parse(yaml) ?? {}) as Record<string, unknown> });
  }
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

function python(text: string, floating: string): [string, string, string][] {
  const script = resolve(import.meta.dirname, '../fixtures/ics_import_expected.py');
  const out = execFileSync(pythonWithIcal!, [script], { input: JSON.stringify({ text, floating, from: FROM, to: TO }), maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.toString()) as [string, string, string][];
}

async function scheduled(file: string): Promise<[string, string, string][]> {
  const r = await tcon([
    'schedule',
    '--config',
    join(dir, file.replace(/\.ics$/, '.yaml')),
    '--from',
    '2025-11-29',
    '--to',
    '2028-12-02',
    '--format',
    'json',
    '--no-holidays',
  ]);
  // The only words on stderr: members imported without a zone or country (an export has none).
  expect(r.stderr.split('\n').filter((l) => l && !/has no country, zone or region/.test(l))).toEqual([]);
  const rows = JSON.parse(r.stdout) as { status: string; startUtc: string; endUtc: string; title: string }[];
  const lo = Date.parse(`${FROM}T00:00:00Z`);
  const hi = Date.parse(`${TO}T23:59:59Z`);
  return rows
    .filter((o) => o.status !== 'skipped' && Date.parse(o.startUtc) >= lo && Date.parse(o.startUtc) <= hi)
    .map((o) => [o.startUtc, o.endUtc, o.title] as [string, string, string])
    .sort((a, b) => (a.join() < b.join() ? -1 : 1));
}

describe('tcon import ics: exports of five clients', () => {
  it.each(CASES)('$file: written, and its own check (ical.js) says identical', ({ file }) => {
    const r = runs.get(file)!;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: 1 group, \d+ meetings, identical\n$/);
  });

  it.each(CASES)(
    `$file: tcon's schedule of the import equals the export expanded by Python (icalendar, dateutil, zoneinfo)${PYTHON_ICAL_SKIP_NOTE}`,
    async ({ file, floating }) => {
      if (!pythonWithIcal) return;
      const expected = python(await readFile(join(FIXTURES, file), 'utf8'), floating);
      expect(expected.length).toBeGreaterThan(5);
      expect(await scheduled(file)).toEqual(expected);
    },
  );
});

type Doc = {
  timezone?: string;
  title?: string;
  organizer?: { email: string };
  series: Record<string, unknown>[];
  meetings?: Record<string, Record<string, unknown>>;
  members?: { email: string; role?: string }[];
};
const doc = (file: string) => runs.get(file)!.doc as unknown as Doc;

describe('tcon import ics: what each export becomes', () => {
  it('Outlook: Windows zone names by CLDR, two series one month apart as one with a rotation, EXDATE as skip, the override as move', () => {
    const d = doc('outlook.ics');
    // CLDR windowsZones (territory 001): "W. Europe Standard Time" is Europe/Berlin, "Eastern Standard Time" America/New_York.
    expect(d.timezone).toBe('Europe/Berlin');
    expect(d.title).toBe('WG-7 Imaging Workflow'); // Outlook's X-WR-CALNAME "Calendar" names no group
    expect(d.series).toHaveLength(1);
    expect(d.series[0]).toMatchObject({ rule: 'FREQ=MONTHLY;BYDAY=3TU;WKST=SU', slots: ['09:00', '11:00'], rotation: { mode: 'month' } });
    expect(d.meetings?.['2026-07-21']).toEqual({ skip: 'cancelled in the calendar (EXDATE)' });
    expect(d.meetings?.['2026-06-16']).toEqual({ move: '2026-06-18T14:00' });
    expect(d.meetings?.['2026-05-05']?.add).toEqual([expect.objectContaining({ time: '08:00 America/New_York' })]);
    expect(d.organizer?.email).toBe('erika.beispiel@example.org');
    expect(d.members?.map((m) => m.email).sort()).toEqual(['ana.souza@example.org', 'jan.jansen@example.org', 'wei.zhang@example.org']);
    expect(runs.get('outlook.ics')!.stdout).toContain('2 series alternating (09:00, 11:00 Europe/Berlin): one series rotating by month');
  });

  it('Google: a week-by-week alternation, a series split by "this and following" joined again, a cancelled instance, no rooms as members', () => {
    const d = doc('google.ics');
    expect(d.series).toHaveLength(2);
    const editors = d.series.find((s) => s.title === 'ODS editors')!;
    expect(editors).toMatchObject({ from: '2026-01-05', until: '2026-06-22', rule: 'FREQ=WEEKLY;BYDAY=MO;WKST=SU', duration: 45 });
    const calls = d.series.find((s) => s.title === 'ODS TC call')!;
    expect(calls).toMatchObject({ slots: ['08:00', '17:00'], rotation: { mode: 'week' } });
    expect(calls.meetings).toMatchObject({
      '2026-03-12': { skip: expect.stringContaining('CANCELLED') },
      '2026-04-09': { duration: 90, title: 'ODS TC call: budget plenary' },
    });
    expect(d.members?.map((m) => m.email)).not.toContain('c_room412@resource.calendar.example.org');
    expect(runs.get('google.ics')!.stdout).toMatch(/"No calls \(holiday\)" .*: an all-day event, not a meeting: not imported/);
  });

  it('Apple: COUNT as until, RDATE as a one-off, a move to the next morning, a 45-minute zone kept as its own', () => {
    const d = doc('apple.ics');
    expect(d.series[0]).toMatchObject({ from: '2026-01-07', until: '2026-12-02', rule: 'FREQ=MONTHLY;BYDAY=1WE' });
    expect(d.meetings?.['2026-03-18']?.add).toEqual([expect.objectContaining({ time: '19:00' })]);
    expect(d.meetings?.['2026-08-05']).toEqual({ move: '2026-08-06T07:00' });
    expect(d.meetings?.['2026-09-10']?.add).toEqual([expect.objectContaining({ time: '14:15 Asia/Kathmandu' })]);
    expect(d.members?.find((m) => m.email === 'olivia.nguyen@example.org')?.role).toBe('chair');
  });

  it('Thunderbird: a BYHOUR rule is named and kept as one-offs; floating times read in the group zone; an old /mozilla.org/ TZID', () => {
    const r = runs.get('thunderbird.ics')!;
    expect(r.stdout).toMatch(
      /"Release triage \(twice a day in release week\)" \(UID 5e4d3c2b-[^)]*\): BYHOUR in the RRULE \(times of day are slots in tcon\): kept as 6 one-offs/,
    );
    expect(r.stdout).toContain('times without a zone (floating) are read in Asia/Kolkata');
    expect(r.stdout).toContain('TZID "/mozilla.org/20050126_1/Asia/Kolkata": Asia/Kolkata');
    const d = doc('thunderbird.ics');
    expect(d.meetings?.['2026-02-11']).toEqual({ duration: 90 });
    expect(d.meetings?.['2026-04-22']?.add).toEqual([expect.objectContaining({ time: '15:00' })]);
  });

  it("tcon's own feed: its one event per year joined into one series", () => {
    const d = doc('tcon-feed.ics');
    expect(d.series).toHaveLength(1);
    expect(d.series[0]).toMatchObject({ from: '2026-01-20', until: '2028-12-19', rule: 'FREQ=MONTHLY;BYDAY=3TU' });
  });
});

describe('tcon import ics: files', () => {
  it('--dry-run prints the YAML and writes nothing', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'tcon-ics-dry-'));
    try {
      const r = await tcon(['import', 'ics', join(FIXTURES, 'apple.ics'), '--dry-run', '--now', NOW], { cwd });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^# ---- config\/pacific-radio-astronomy-wg\.yaml\n/);
      expect(parse(r.stdout.replace(/^# ----.*\n/, ''))).toMatchObject({ id: 'pacific-radio-astronomy-wg', timezone: 'Australia/Sydney' });
      expect(r.stderr).toMatch(/1 group, 13 meetings, identical\n$/);
      await expect(readFile(join(cwd, 'config/pacific-radio-astronomy-wg.yaml'))).rejects.toThrow();
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('an existing file is replaced only with --force', async () => {
    const out = join(dir, 'kept.yaml');
    await writeFile(out, 'id: mine\n');
    const r = await tcon(['import', 'ics', join(FIXTURES, 'apple.ics'), '--out', out, '--now', NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/would be replaced: .*kept\.yaml \(nothing written: add --force/);
    expect(await readFile(out, 'utf8')).toBe('id: mine\n');
    const f = await tcon(['import', 'ics', join(FIXTURES, 'apple.ics'), '--out', out, '--now', NOW, '--force', '--group', 'pra']);
    expect(f.code).toBe(0);
    expect(parse(await readFile(out, 'utf8'))).toMatchObject({ id: 'pra' });
  });

  it.each([
    ['no such file', 'missing.ics', /missing\.ics.*no such file/],
    ['not iCalendar', 'not.ics', /not\.ics.*not an iCalendar file/],
    ['no events', 'empty.ics', /empty\.ics.*no events \(VEVENT\)/],
  ])('unreadable input (%s): exit 2, nothing written', async (_what, name, message) => {
    await writeFile(join(dir, 'not.ics'), 'Subject: a mail, not a calendar\n\nhello\n');
    await writeFile(join(dir, 'empty.ics'), 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nEND:VCALENDAR\r\n');
    const out = join(dir, `${name}.yaml`);
    const r = await tcon(['import', 'ics', join(dir, name), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    await expect(readFile(out)).rejects.toThrow();
  });
});
