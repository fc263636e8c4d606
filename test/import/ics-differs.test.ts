import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { PYTHON_ICAL_SKIP_NOTE, pythonWithIcal } from '../helpers/python.js';

// An export whose own VTIMEZONE is out of date: Outlook 2003-2007 wrote "Pacific Standard Time"
// with the US rule before 2007 (first Sunday of April to last Sunday of October), and such files
// still circulate. tcon imports the Windows name as America/Los_Angeles (today's rule), so the
// weeks between the two rules differ by an hour: the import must say so, per meeting, and exit 1.
// Which weeks differ comes from Python: the export expanded with its own VTIMEZONE
// (test/fixtures/ics_import_expected.py) against 08:00 America/Los_Angeles by zoneinfo.

const FILE = resolve(import.meta.dirname, '../fixtures/ics-import/outlook-stale-zone.ics');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-ics-differs-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function differingDates(text: string): string[] {
  const script = resolve(import.meta.dirname, '../fixtures/ics_import_expected.py');
  const source = JSON.parse(
    execFileSync(pythonWithIcal!, [script], { input: JSON.stringify({ text, floating: 'UTC', from: '2027-01-01', to: '2027-12-31' }) }).toString(),
  ) as [string, string, string][];
  const ianaToday = `
import json, sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo
la = ZoneInfo('America/Los_Angeles')
out = []
for start, _end, _title in json.load(sys.stdin):
    held = datetime.fromisoformat(start.replace('Z', '+00:00')).astimezone(la)
    today = held.replace(hour=8, minute=0).astimezone(timezone.utc)
    if today != datetime.fromisoformat(start.replace('Z', '+00:00')):
        out.append(held.date().isoformat())
print(json.dumps(out))
`;
  expect(source).toHaveLength(52);
  return JSON.parse(execFileSync(pythonWithIcal!, ['-c', ianaToday], { input: JSON.stringify(source) }).toString()) as string[];
}

it(`an export whose VTIMEZONE disagrees with the IANA rules: each differing meeting named, exit 1, the file still written${PYTHON_ICAL_SKIP_NOTE}`, async () => {
  const out = join(dir, 'wg-31.yaml');
  const r = await tcon(['import', 'ics', FILE, '--out', out, '--now', '2026-12-01T00:00Z']);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/1 group, 52 meetings, DIFFERENT\n$/);
  expect(await readFile(out, 'utf8')).toMatch(/^timezone: America\/Los_Angeles/m);
  if (!pythonWithIcal) return;
  const dates = differingDates(await readFile(FILE, 'utf8'));
  expect(dates.length).toBeGreaterThan(0);
  const missing = [...r.stdout.matchAll(/missing from the import: \w{3} (\d{4}-\d\d-\d\d)/g)].map((m) => m[1]);
  const extra = [...r.stdout.matchAll(/not in the source: \w{3} (\d{4}-\d\d-\d\d)/g)].map((m) => m[1]);
  expect(missing).toEqual(dates);
  expect(extra).toEqual(dates);
  expect(r.stdout).toContain(`wg-31-imaging-call: ${dates.length * 2} differences`);
});
