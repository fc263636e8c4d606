/*
 * Outputs written in pieces (issue 14): JsonArrayWriter gives JSON.stringify(items, null, 2)'s
 * bytes whatever the batches; csvRow/CSV_HEADER give renderCsv's; and `tcon schedule --format
 * json` of many groups is one valid array, the same as the groups' own arrays end to end.
 */
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvRow, JsonArrayWriter, renderCsv, type OccurrenceJson } from '../../src/schedule/present.js';
// @ts-expect-error: a plain JS module of the benchmarks
import { writeSynthetic } from '../../bench/corpus.js';
import { tcon } from '../helpers/cli.js';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('JsonArrayWriter', () => {
  it('the bytes of JSON.stringify(items, null, 2), for any items in any batches, at the top or one level in', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.jsonValue(), { maxLength: 5 }), { maxLength: 5 }), (batches) => {
        const w = new JsonArrayWriter();
        const text = batches.map((b) => w.items(b)).join('') + w.end();
        expect(text).toBe(JSON.stringify(batches.flat(), null, 2));
        // As the member of an object, one level in.
        const v = new JsonArrayWriter('  ');
        const member = `{\n  "a": 1,\n  "items": ${batches.map((b) => v.items(b)).join('')}${v.end()}\n}`;
        expect(member).toBe(JSON.stringify({ a: 1, items: batches.flat() }, null, 2));
      }),
      { numRuns: 300 },
    );
  });

  it('the same bytes for rows of strings, numbers, booleans and nulls (written without JSON.stringify of the whole), any text and number', () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udc00', 'a', 'é', '😀') }),
      fc.double(),
      fc.integer(),
      fc.constantFrom(-0, Number.NaN, Infinity, -Infinity, 1e21, 5e-324),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    const row = fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('0', '10', '__proto__x', 'a"b', 'date')), value, { maxKeys: 8 }).map((d) => ({ ...d }));
    fc.assert(
      fc.property(fc.array(fc.array(row, { maxLength: 4 }), { maxLength: 4 }), (batches) => {
        const all = batches.flat();
        const write = (indent: string) => {
          const w = new JsonArrayWriter(indent);
          return batches.map((b) => w.items(b)).join('') + w.end();
        };
        expect(write('')).toBe(JSON.stringify(all, null, 2));
        expect(`{\n  "items": ${write('  ')}\n}`).toBe(JSON.stringify({ items: all }, null, 2));
        expect(`{\n  "o": {\n    "items": ${write('    ')}\n  }\n}`).toBe(JSON.stringify({ o: { items: all } }, null, 2));
      }),
      { numRuns: 500 },
    );
  });
  it('a large batch comes in pieces of about 32,000 characters, which are its text', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ i, text: 'x'.repeat(i % 200), nested: i % 7 ? null : { a: [i, 'b'] } }));
    for (const indent of ['', '  ']) {
      const w = new JsonArrayWriter(indent);
      const pieces = [...w.pieces(rows.slice(0, 1000)), ...w.pieces(rows.slice(1000))];
      expect(pieces.length).toBeGreaterThan(10);
      expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(64_000);
      const text = pieces.join('') + w.end();
      if (!indent) expect(text).toBe(JSON.stringify(rows, null, 2));
      else expect(`{\n  "rows": ${text}\n}`).toBe(JSON.stringify({ rows }, null, 2));
    }
  });
});

describe('CSV rows', () => {
  it('the header and rows are renderCsv text', () => {
    const row = {
      group: 'g',
      title: 'A, "b"',
      date: '2027-01-01',
      start: 's',
      end: 'e',
      startUtc: 'su',
      endUtc: 'eu',
      zone: 'UTC',
      slot: 0,
      slotLabel: null,
      status: 'scheduled',
      note: '=1',
      link: null,
      warnings: ['x', 'y'],
    } as unknown as OccurrenceJson;
    expect(CSV_HEADER + csvRow(row) + csvRow(row)).toBe(renderCsv([row, row]));
  });
});

describe('tcon schedule --format json, several groups', () => {
  it("one array: every group's meetings, in the order of the groups, as each group alone gives them", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tcon-streamed-'));
    try {
      (writeSynthetic as (d: string, n: number) => void)(dir, 6);
      const all = await tcon(['schedule', '--config', dir, '--year', '2027', '--format', 'json', '--no-holidays'], { cwd: ROOT });
      expect(all.code, all.stderr).toBe(0);
      const rows = JSON.parse(all.stdout) as { group: string }[];
      const each: unknown[] = [];
      for (const id of [...new Set(rows.map((r) => r.group))]) {
        const one = await tcon(['schedule', '--config', dir, '--group', id, '--year', '2027', '--format', 'json', '--no-holidays'], { cwd: ROOT });
        each.push(...(JSON.parse(one.stdout) as unknown[]));
      }
      expect(rows.length).toBeGreaterThan(60);
      expect(rows).toEqual(each);
      expect(all.stdout).toBe(`${JSON.stringify(rows, null, 2)}\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('tcon check --format json, several groups', () => {
  it("one object: every group's rows as each group alone gives them, the summaries joined, JSON.stringify's bytes", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tcon-streamed-'));
    try {
      (writeSynthetic as (d: string, n: number) => void)(dir, 5);
      const all = await tcon(['check', '--all', '--config', dir, '--year', '2027', '--format', 'json'], { cwd: ROOT });
      expect([0, 1], all.stderr).toContain(all.code);
      const got = JSON.parse(all.stdout) as { mode: string; from: string; to: string; results: { group: string }[]; summary: { regions: unknown[] } };
      expect(all.stdout).toBe(`${JSON.stringify(got, null, 2)}\n`);
      expect(Object.keys(got)).toEqual(['mode', 'from', 'to', 'results', 'summary']);
      const rows: unknown[] = [];
      const regions: unknown[] = [];
      for (const id of [...new Set(got.results.map((r) => r.group))]) {
        const one = await tcon(['check', '--group', id, '--config', dir, '--year', '2027', '--format', 'json'], { cwd: ROOT });
        const j = JSON.parse(one.stdout) as typeof got;
        rows.push(...j.results);
        regions.push(...j.summary.regions);
      }
      expect(got.results.length).toBeGreaterThan(100);
      expect(got.results).toEqual(rows);
      expect(got.summary.regions).toEqual(regions);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a --require naming a region one group lacks fails before anything is written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tcon-streamed-'));
    try {
      (writeSynthetic as (d: string, n: number) => void)(dir, 3);
      const r = await tcon(['check', '--all', '--config', dir, '--year', '2027', '--format', 'json', '--require', 'no-such-region'], { cwd: ROOT });
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/no-such-region/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
