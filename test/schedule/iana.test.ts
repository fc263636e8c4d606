import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../src/schedule/build.js';
import { group } from '../helpers/group.js';

const hasPython = (() => {
  try {
    execFileSync('python3', ['-c', 'import zoneinfo; zoneinfo.ZoneInfo("America/New_York")']);
    return true;
  } catch {
    return false;
  }
})();

// Zones with DST in either hemisphere, half- and quarter-hour offsets, and none.
const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'America/Chicago',
  'America/Sao_Paulo',
  'America/St_Johns',
  'Europe/London',
  'Europe/Paris',
  'Europe/Helsinki',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Taipei',
  'Asia/Seoul',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Sydney',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'UTC',
];

describe('every local time agrees with the IANA database read outside Node (Python zoneinfo)', () => {
  it.skipIf(!hasPython)('Sunday slots around the clock, 2025-2030, in 20 zones (gaps and overlaps included)', () => {
    const rows: { zone: string; date: string; time: string; utc: string }[] = [];
    // Most transitions happen on a Sunday between 00:00 and 04:00: these slots fall in their gaps and overlaps.
    const times = ['00:00', '00:30', '01:30', '02:00', '02:30', '03:30', '09:45', '23:30'];
    for (const zone of ZONES) {
      for (const time of times) {
        const g = group(`id: iana\ntitle: IANA\ntimezone: ${zone}\nseries:\n  - from: 2025-01-05\n    rule: FREQ=WEEKLY;BYDAY=SU\n    slots: ["${time}"]\n`);
        for (const o of buildSchedule(g, { from: '2025-01-01', to: '2030-12-31' })) {
          rows.push({ zone, date: o.ruleDate, time, utc: o.start.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'") });
        }
      }
    }
    expect(rows.length).toBe(ZONES.length * times.length * 313);
    const out = execFileSync('python3', [new URL('../fixtures/iana_check.py', import.meta.url).pathname], { input: JSON.stringify(rows) });
    expect(JSON.parse(out.toString())).toEqual([]);
  });
});
