// tcon reads moment-timezone's packed records with its own decoder (src/tzdb/index.ts, one pass,
// for cold starts): it must read every zone exactly as moment-timezone's own `unpack` does.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ZONES } from '../../src/tzdb/data.generated.js';
import { zoneRules } from '../../src/tzdb/index.js';

const require = createRequire(import.meta.url);
const moment = require('moment-timezone') as { tz: { unpack(packed: string): { abbrs: string[]; offsets: number[]; untils: number[]; population: number } } };

describe('the zone records', () => {
  it(`decode as moment-timezone decodes them, all ${Object.keys(ZONES).length} zones`, () => {
    const wrong: string[] = [];
    for (const [name, record] of Object.entries(ZONES)) {
      const theirs = moment.tz.unpack(`${name}|${record()}`);
      const ours = zoneRules(name);
      // moment-timezone: offsets in minutes west; tcon: east, to the second.
      const same =
        JSON.stringify(ours.abbrs) === JSON.stringify(theirs.abbrs) &&
        ours.offsets.every((o, i) => Math.abs(o + theirs.offsets[i]!) < 1 / 60) &&
        ours.untils.length === theirs.untils.length &&
        ours.untils.every((u, i) => u === theirs.untils[i]) &&
        ours.population === theirs.population;
      if (!same) wrong.push(name);
    }
    expect(wrong).toEqual([]);
  });
});
