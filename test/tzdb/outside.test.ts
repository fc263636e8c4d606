// The bundled command line reads the time-zone records from dist/bundle/tcon.tzdata through a
// stand-in for src/tzdb/data.generated.ts (scripts/tzdata-outside.js): it must give every zone
// exactly the module's record, and refuse a file that is not its own.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as data from '../../src/tzdb/data.generated.js';

const root = new URL('../../', import.meta.url);
type Outside = { TZDATA_FILE: string; tzdataOutside(tzdb: typeof data): { data: string; standIn: string } };
// A computed specifier: the build script is plain JavaScript, without types.
const script = new URL('scripts/tzdata-outside.js', root).href;
const { TZDATA_FILE, tzdataOutside } = (await import(script)) as Outside;

/** The stand-in, its data file and the version module in a new directory: the stand-in's URL. */
function standIn(edit: (text: string) => string = (t) => t): string {
  const dir = mkdtempSync(join(tmpdir(), 'tcon-tzdata-'));
  const made = tzdataOutside(data);
  writeFileSync(join(dir, 'data.mjs'), made.standIn);
  writeFileSync(join(dir, TZDATA_FILE), edit(made.data), 'latin1');
  // Without its source map comment: the test runner would look for the map beside the copy.
  const version = readFileSync(new URL('dist/tzdb/version.generated.js', root), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
  writeFileSync(join(dir, 'version.generated.js'), version);
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  return pathToFileURL(join(dir, 'data.mjs')).href;
}

describe('the time-zone data beside the bundle', () => {
  it(`gives every zone (${Object.keys(data.ZONES).length}) the record of the data module, and the same links and release`, async () => {
    const outside = (await import(standIn())) as typeof data;
    expect(Object.keys(outside.ZONES)).toEqual(Object.keys(data.ZONES));
    const wrong = Object.keys(data.ZONES).filter((name) => outside.ZONES[name]!() !== data.ZONES[name]!());
    expect(wrong).toEqual([]);
    expect(outside.LINKS).toEqual(data.LINKS);
    expect([outside.VERSION, outside.SOURCE]).toEqual([data.VERSION, data.SOURCE]);
  });

  it('refuses a file of another build (its first line), one cut short, and a missing one, saying to build again', async () => {
    const other = (await import(standIn((t) => t.replace(/^tcon-tzdata \S+ [0-9a-f]{4}/, 'tcon-tzdata 1999z 0000')))) as typeof data;
    expect(() => other.ZONES['Europe/Paris']!()).toThrow(/has another release or build: .*npm run build/);
    const short = (await import(standIn((t) => t.slice(0, t.length - 100)))) as typeof data;
    const last = Object.keys(data.ZONES).at(-1)!;
    expect(() => short.ZONES[last]!()).toThrow(/is too short: .*npm run build/);
    const gone = standIn();
    rmSync(new URL(TZDATA_FILE, gone));
    const missing = (await import(gone)) as typeof data;
    expect(() => missing.ZONES['Asia/Tokyo']!()).toThrow(/is missing: .*npm run build/);
  });

  it("is the build's: dist/bundle/tcon.tzdata is this data, and the bundle's text has no zone record", () => {
    expect(readFileSync(new URL(`dist/bundle/${TZDATA_FILE}`, root), 'latin1')).toBe(tzdataOutside(data).data);
    const bundle = readFileSync(new URL('dist/bundle/tcon.cjs', root), 'latin1');
    expect(bundle).not.toContain(data.ZONES['America/New_York']!().slice(0, 200));
    expect(bundle).toContain('"America/New_York"');
  });
});
