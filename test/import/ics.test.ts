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
  const r = await tcon(['schedule', '--config', join(dir, file.replace(/\.ics$/, '.yaml')), '--from', '2025-11-29', '--to', '2028-12-02', '--format', 'json']);
  expect(r.stderr).toBe('');
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

  it.each(CASES)(`$file: tcon's schedule of the import equals the export expanded by Python (icalendar, dateutil, zoneinfo)${PYTHON_ICAL_SKIP_NOTE}`, async ({ file, floating }) => {
    if (!pythonWithIcal) return;
    const expected = python(await readFile(join(FIXTURES, file), 'utf8'), floating);
    expect(expected.length).toBeGreaterThan(5);
    expect(await scheduled(file)).toEqual(expected);
  });
});
