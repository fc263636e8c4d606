/*
 * What tcon writes, expanded by parsers that share no code with it nor with ical.js (the parser of
 * test/calendar): node-ical (its own parser, TZID by zone name, rrule-temporal) and Python
 * (python3-icalendar + dateutil + zoneinfo). Every held meeting of `tcon schedule --format json`
 * must come out at the same instants, no more, no less, for the public feed and the invitation.
 *
 * Parsers tried and not used for expansion:
 * - ts-ics (2.4.x) parses DTSTART/EXDATE/RECURRENCE-ID with their TZID correctly (checked below),
 *   but its extendByRecurrenceRule steps in UTC: a weekly 02:30 Sydney meeting comes out at 01:30
 *   after the April change. A client would not do that; it is not a check of tcon.
 * - cal-parser and ical (0.8) expand with rrule.js, the library tcon itself wraps: not independent.
 * - ical-expander is ical.js underneath (already the parser of test/calendar).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertIcsCalendar } from 'ts-ics';
import { describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { expandWithNodeIcal, nodeIcalOverlapMisreads } from '../helpers/node-ical.js';
import { expandWithPython, pythonWithIcal, PYTHON_ICAL_SKIP_NOTE } from '../helpers/python.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const NOW = '2026-11-01T12:00Z';

const GROUPS = [
  // The example config: 3rd Wednesday then 3rd Tuesday on New York time, a skip, per-meeting links.
  ['wg-14', 'config/wg-14.yaml'],
  // Sydney, weekly at 02:30 (in the October gap and the April overlap), a slot on Los Angeles
  // time, skips, moves (one to another zone), one-offs (one on Tokyo time).
  ['wg-syd', 'test/fixtures/interop/wg-syd.yaml'],
  // Kolkata (no DST, +05:30), last-Friday rule, a slot on New York time, moves, one-offs.
  ['wg-kol', 'test/fixtures/interop/wg-kol.yaml'],
] as const;

const WINDOWS = [
  ['2019-2020', ['--from', '2019-01-01', '--to', '2020-12-31']],
  ['2027', ['--year', '2027']],
] as const;

const CASES = GROUPS.flatMap(([id, file]) => WINDOWS.map(([name, window]) => ({ id, file, name, window: [...window] })));

interface Held {
  start: string;
  end: string;
}

/** Title of each held meeting by start instant, as `tcon schedule --format json` gives it. */
async function titles(file: string, window: string[]): Promise<Map<string, string>> {
  const rows = JSON.parse(await run(['schedule', '--config', file, ...window, '--format', 'json', '--now', NOW])) as {
    status: string;
    startUtc: string;
    title: string;
  }[];
  return new Map(rows.filter((r) => r.status !== 'skipped').map((r) => [r.startUtc, r.title]));
}

async function run(argv: string[]): Promise<string> {
  const r = await tcon(argv, { cwd: ROOT });
  if (r.code !== 0) throw new Error(`tcon ${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

async function expected(file: string, window: string[]): Promise<Held[]> {
  const rows = JSON.parse(await run(['schedule', '--config', file, ...window, '--format', 'json', '--now', NOW])) as {
    status: string;
    startUtc: string;
    endUtc: string;
  }[];
  return rows
    .filter((r) => r.status !== 'skipped')
    .map((r) => ({ start: r.startUtc, end: r.endUtc }))
    .sort((a, b) => (a.start < b.start ? -1 : 1));
}

/**
 * What `tcon ics` writes: the feed (one file), or the invitation, one file per event (UID), as
 * Outlook reads one event per file.
 */
async function ics(file: string, window: string[], invite: boolean): Promise<string[]> {
  if (!invite) return [await run(['ics', '--config', file, ...window, '--no-state', '--now', NOW])];
  const dir = await mkdtemp(join(tmpdir(), 'tcon-interop-'));
  try {
    await run(['ics', '--config', file, ...window, '--no-state', '--now', NOW, '--invite', '--out-dir', dir]);
    const names = (await readdir(dir)).sort();
    // Awaited here: the finally below removes the directory.
    return await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** node-ical's expansion of several files, as one calendar. */
function nodeIcalAll(texts: readonly string[]) {
  const each = texts.map((t) => expandWithNodeIcal(t));
  return { method: each[0]?.method ?? null, instances: each.flatMap((e) => e.instances) };
}

function pythonAll(texts: readonly string[]) {
  const each = texts.map((t) => expandWithPython(t));
  return { method: each[0]?.method ?? null, instances: each.flatMap((e) => e.instances), errors: each.flatMap((e) => e.errors) };
}

const held = (list: readonly Held[]) => list.map((i) => ({ start: i.start, end: i.end })).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

describe.each(CASES)('$id $name: instants equal `tcon schedule --format json`', ({ file, window }) => {
  it.each([
    ['public feed (PUBLISH)', false],
    ['invitation (REQUEST)', true],
  ])('node-ical expands the %s to the schedule', async (_kind, invite) => {
    const texts = await ics(file, window, invite);
    const want = await expected(file, window);
    expect(want.length).toBeGreaterThan(5);
    const got = nodeIcalAll(texts);
    expect(got.method).toBe(invite ? 'REQUEST' : 'PUBLISH');
    // node-ical 0.26 misreads a RECURRENCE-ID or EXDATE wall time in a fall-back overlap (see
    // test/helpers/node-ical.ts): those meetings, and only those, are left to the other parsers.
    const known = texts
      .map((t) => nodeIcalOverlapMisreads(t))
      .reduce((a, b) => ({ ruleInstants: new Set([...a.ruleInstants, ...b.ruleInstants]), overrides: a.overrides + b.overrides }));
    const got2 = held(got.instances);
    // SUMMARY unescaped by node-ical equals the meeting's title (commas, semicolons, quotes, non-ASCII).
    const names = await titles(file, window);
    for (const i of got.instances) if (names.has(i.start)) expect(i.summary, i.start).toBe(names.get(i.start));
    if (known.ruleInstants.size === 0) {
      expect(got2).toEqual(want);
      return;
    }
    const gotOnly = got2.filter((g) => !want.some((w) => w.start === g.start && w.end === g.end));
    const wantOnly = want.filter((w) => !got2.some((g) => g.start === w.start && g.end === w.end));
    for (const g of gotOnly) expect(known.ruleInstants, g.start).toContain(g.start);
    expect(wantOnly.length).toBeLessThanOrEqual(known.overrides);
    expect(gotOnly.length + wantOnly.length).toBeGreaterThan(0);
    if (pythonWithIcal) expect(held(pythonAll(texts).instances)).toEqual(want);
  });

  it.skipIf(!pythonWithIcal)(`python3-icalendar + dateutil + zoneinfo expand both to the schedule${PYTHON_ICAL_SKIP_NOTE}`, async () => {
    const want = await expected(file, window);
    for (const invite of [false, true]) {
      const got = pythonAll(await ics(file, window, invite));
      expect(got.errors).toEqual([]);
      expect(got.method).toBe(invite ? 'REQUEST' : 'PUBLISH');
      expect(held(got.instances)).toEqual(want);
      // SUMMARY unescaped by Python equals the title (commas, semicolons, quotes, non-ASCII).
      const names = await titles(file, window);
      for (const i of got.instances) expect(i.summary, i.start).toBe(names.get(i.start));
    }
  });

  it('ts-ics reads every DTSTART, RECURRENCE-ID and EXDATE at a scheduled instant', async () => {
    const texts = await ics(file, window, true);
    const want = await expected(file, window);
    const starts = new Set(want.map((w) => w.start));
    for (const text of texts) {
      const cal = convertIcsCalendar(undefined, text);
      expect(cal.method).toBe('REQUEST');
      const zones = new Set((cal.timezones ?? []).map((z) => z.id));
      const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
      const names = new Set((await titles(file, window)).values());
      for (const ev of cal.events ?? []) {
        if (ev.start.local) expect(zones).toContain(ev.start.local.timezone);
        expect(names).toContain(ev.summary);
        if (ev.recurrenceRule) {
          // A master's DTSTART is a meeting, or excluded (EXDATE) or overridden (RECURRENCE-ID).
          const first = iso(ev.start.date);
          const replaced = (cal.events ?? []).some((o) => o.uid === ev.uid && o.recurrenceId && iso(o.recurrenceId.value.date) === first);
          const excluded = (ev.exceptionDates ?? []).some((x) => iso(x.date) === first);
          expect(starts.has(first) || replaced || excluded, `${ev.uid} DTSTART ${first}`).toBe(true);
        } else {
          expect(starts.has(iso(ev.start.date)), `${ev.uid} DTSTART ${iso(ev.start.date)}`).toBe(true);
        }
      }
    }
  });
});
