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
  it('the bytes of JSON.stringify(items, null, 2) + newline, for any items in any batches', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.jsonValue(), { maxLength: 5 }), { maxLength: 5 }), (batches) => {
        const w = new JsonArrayWriter();
        const text = batches.map((b) => w.items(b)).join('') + w.end();
        expect(text).toBe(`${JSON.stringify(batches.flat(), null, 2)}\n`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('CSV rows', () => {
  it('the header and rows are renderCsv text', () => {
    const row = { group: 'g', title: 'A, "b"', date: '2027-01-01', start: 's', end: 'e', startUtc: 'su', endUtc: 'eu', zone: 'UTC', slot: 0, slotLabel: null, status: 'scheduled', note: '=1', link: null, warnings: ['x', 'y'] } as unknown as OccurrenceJson;
    expect(CSV_HEADER + csvRow(row) + csvRow(row)).toBe(renderCsv([row, row]));
  });
});

describe('tcon schedule --format json, several groups', () => {
  it('one array: every group\'s meetings, in the order of the groups, as each group alone gives them', async () => {
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
