import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseGroup } from '../../src/config/parse.js';
import { DEFAULT_REGION_SET } from '../../src/config/regions.js';
import { scheduleCoverageToJson, summarizeCoverage } from '../../src/coverage/present.js';
import { localTime } from '../../src/coverage/rate.js';
import { coverageOfSchedule, resolveTargets } from '../../src/coverage/schedule.js';
import { buildSchedule } from '../../src/schedule/build.js';
import type { Group } from '../../src/schedule/types.js';
import { offsetAt } from '../../src/schedule/zoned.js';
import { TZDB_VERSION } from '../../src/tzdb/index.js';
import { changedSince } from '../helpers/tzdb-news.js';

function group(yaml: string): Group {
  const { group: g, problems } = parseGroup(yaml, 'test.yaml');
  if (!g) throw new Error(problems.map((p) => p.message).join('\n'));
  return g;
}

const seed = group(readFileSync(new URL('../../config/wg-14.yaml', import.meta.url), 'utf8'));

const weekly = (extra = '') =>
  group(`id: weekly
title: Weekly
timezone: America/New_York
zone-label: US ET
series: [{ from: 2027-01-01, rule: FREQ=WEEKLY;BYDAY=TU, slots: ["09:00"] }]
${extra}`);

describe('the seed group (wg-14) in 2027', () => {
  const cov = coverageOfSchedule(seed, buildSchedule(seed, { from: '2027-01-01', to: '2027-12-31' }));
  const row = (id: string) =>
    cov.meetings.map((m) => {
      const c = m.cells.find((x) => x.target.id === id)!;
      return `${localTime(c.start)}${c.dayShift ? '+1' : ''} ${c.rating[0]}`;
    });

  it('Tokyo: 9am ET is 23:00 in winter, 22:00 in summer; 11am ET is past midnight', () => {
    expect(row('japan-korea')).toEqual([
      '23:00 p', // 19 Jan, 09:00 EST
      '01:00+1 p', // 16 Feb, 11:00 EST
      '22:00 f', // 16 Mar, 09:00 EDT
      '00:00+1 p',
      '22:00 f',
      '00:00+1 p',
      '22:00 f',
      '00:00+1 p',
      '22:00 f',
      '00:00+1 p',
      '23:00 p', // 16 Nov, 09:00 EST again
      '01:00+1 p',
    ]);
  });

  it('Los Angeles: 06:00 for the Asia slot, 08:00 for the West Coast slot', () => {
    expect(row('us-west')).toEqual([
      '06:00 p',
      '08:00 g',
      '06:00 p',
      '08:00 g',
      '06:00 p',
      '08:00 g',
      '06:00 p',
      '08:00 g',
      '06:00 p',
      '08:00 g',
      '06:00 p',
      '08:00 g',
    ]);
  });

  it('India keeps its half hour: 19:30 or 18:30, 21:30 or 20:30', () => {
    expect(row('india')).toEqual([
      '19:30 f',
      '21:30 f',
      '18:30 f',
      '20:30 f',
      '18:30 f',
      '20:30 f',
      '18:30 f',
      '20:30 f',
      '18:30 f',
      '20:30 f',
      '19:30 f',
      '21:30 f',
    ]);
  });

  it('tallies regions and members (weights by role)', () => {
    const tally = (t: { good: number; fair: number; poor: number }) => [t.good, t.fair, t.poor];
    expect(Object.fromEntries(cov.regions.map((r) => [r.target.id, tally(r)]))).toEqual({
      'us-west': [6, 0, 6],
      'us-east': [12, 0, 0],
      europe: [12, 0, 0],
      india: [0, 12, 0],
      'china-taiwan': [0, 6, 6],
      'japan-korea': [0, 4, 8],
    });
    expect(cov.members.map((m) => [m.member.name, m.weight, ...tally(m)])).toEqual([
      ['Alice Archer', 1, 12, 0, 0],
      ['Bruno Costa', 1, 6, 0, 6],
      ['Chiara Rossi', 1, 12, 0, 0],
      ['Daichi Sato', 1, 0, 4, 8],
      ['Mei-Ling Wu', 1, 0, 6, 6],
      ['Priya Nair', 0.25, 0, 12, 0],
      ['Henrik Berg', 0.5, 12, 0, 0],
    ]);
  });

  it('warns when Japan gets no fair-or-better meeting in a whole rotation', () => {
    expect(cov.warnings.filter((w) => w.kind === 'no-coverage').map((w) => [w.regions[0], w.date, 'until' in w ? w.until : ''])).toEqual([
      ['japan-korea', '2027-01-19', '2027-02-16'],
      ['japan-korea', '2027-10-19', '2027-12-21'],
    ]);
  });

  it('sums up in one line, worst-served region first', () => {
    expect(summarizeCoverage(cov)).toBe(
      '12 meetings: Japan/Korea 33%, US West 50%, China/Taiwan 50%, US East 100%, Europe (Central) 100%, India 100% fair or better; 3 warnings',
    );
  });

  it('skipped meetings are not counted', () => {
    const all = buildSchedule(seed, { from: '2019-09-01', to: '2019-12-31' });
    const c = coverageOfSchedule(seed, all);
    expect(all.map((o) => o.status)).toEqual(['scheduled', 'scheduled', 'scheduled', 'skipped']);
    expect(c.meetings.map((m) => m.occurrence.ruleDate)).toEqual(['2019-09-17', '2019-10-15', '2019-11-19']);
  });
});

describe('DST mismatch weeks of 2027', () => {
  // US: summer time 14 Mar - 7 Nov 2027; EU: 28 Mar - 31 Oct 2027; Sydney: standard time 4 Apr - 3 Oct 2027.
  const g = weekly();
  const occ = buildSchedule(g, { from: '2027-03-01', to: '2027-11-30' });
  const { targets } = resolveTargets(DEFAULT_REGION_SET, ['europe', 'uk', 'japan', 'us-west']);
  const cov = coverageOfSchedule(g, occ, { targets });
  const mismatches = cov.warnings.filter((w) => w.kind === 'dst-mismatch');

  it('flags exactly the Tuesdays when the US has switched and Europe has not', () => {
    expect(mismatches.map((w) => [w.date, w.regions])).toEqual([
      ['2027-03-16', ['europe', 'uk']],
      ['2027-03-23', ['europe', 'uk']],
      ['2027-11-02', ['europe', 'uk']],
    ]);
  });

  it('names the local time and the usual one', () => {
    expect(mismatches[0]!.message).toBe(
      '2027-03-16 09:00 US ET: DST mismatch week, the meeting is an hour off its usual local time in Europe (Central) (14:00, 1h earlier than usual, usually 15:00), UK (13:00, 1h earlier than usual, usually 14:00)',
    );
    expect(mismatches[2]!.message).toContain('Europe (Central) (14:00, 1h earlier than usual, usually 15:00)');
  });

  it('a southern-hemisphere region has its own mismatch weeks (Sydney changes in April and October)', () => {
    const syd = coverageOfSchedule(g, occ, { targets: resolveTargets(DEFAULT_REGION_SET, ['australia-east']).targets });
    const dates = syd.warnings.filter((w) => w.kind === 'dst-mismatch').map((w) => w.date);
    // 14 Mar - 3 Apr: New York on summer time, Sydney still on summer time (+15h instead of +16h/+14h).
    // 3 Oct - 6 Nov: Sydney on summer time again, New York still on summer time.
    expect(dates).toEqual(['2027-03-16', '2027-03-23', '2027-03-30', '2027-10-05', '2027-10-12', '2027-10-19', '2027-10-26', '2027-11-02']);
    const march = syd.meetings.find((m) => m.occurrence.ruleDate === '2027-03-16')!.cells[0]!;
    const july = syd.meetings.find((m) => m.occurrence.ruleDate === '2027-07-20')!.cells[0]!;
    const january = coverageOfSchedule(g, buildSchedule(g, { from: '2027-01-19', to: '2027-01-19' }), {
      targets: resolveTargets(DEFAULT_REGION_SET, ['australia-east']).targets,
    }).meetings[0]!.cells[0]!;
    expect([localTime(january.start), localTime(march.start), localTime(july.start)]).toEqual(['01:00', '00:00', '23:00']);
    expect([january.dayShift, march.dayShift, july.dayShift]).toEqual([1, 1, 0]);
  });
});

describe('weekends', () => {
  it('Tuesday evening in the US is Wednesday morning in Asia: no weekend warning', () => {
    const g = group(`id: tue
title: Tue
timezone: America/New_York
series: [{ from: 2027-03-01, until: 2027-03-31, rule: FREQ=WEEKLY;BYDAY=TU, slots: ["19:00"] }]
`);
    const cov = coverageOfSchedule(g, buildSchedule(g, { from: '2027-03-01', to: '2027-03-31' }), {
      targets: resolveTargets(DEFAULT_REGION_SET, ['japan', 'china']).targets,
    });
    expect(cov.meetings.map((m) => m.cells.map((c) => `${c.weekday} ${localTime(c.start)} ${c.rating}`))).toEqual([
      ['3 09:00 good', '3 08:00 good'], // 2 Mar, 19:00 EST = Wed 09:00 Tokyo
      ['3 09:00 good', '3 08:00 good'], // 9 Mar
      ['3 08:00 good', '3 07:00 fair'], // 16 Mar, 19:00 EDT
      ['3 08:00 good', '3 07:00 fair'],
      ['3 08:00 good', '3 07:00 fair'],
    ]);
    expect(cov.warnings.filter((w) => w.kind === 'weekend')).toEqual([]);
  });

  it('Friday evening in the US is Saturday in Asia; a region may have its own weekend', () => {
    const g = group(`id: fri
title: Fri
timezone: America/New_York
series: [{ from: 2027-03-19, until: 2027-03-19, rule: FREQ=WEEKLY;BYDAY=FR, slots: ["20:00"] }]
regions:
  gulf: { label: Gulf, zone: Asia/Dubai, weekend: [fri, sat] }
coverage: { regions: [japan, gulf, us-west] }
`);
    const cov = coverageOfSchedule(g, buildSchedule(g, { from: '2027-03-01', to: '2027-03-31' }));
    const w = cov.warnings.filter((x) => x.kind === 'weekend');
    expect(w.map((x) => [x.date, x.regions])).toEqual([['2027-03-19', ['japan-korea', 'gulf']]]);
    expect(w[0]!.message).toBe('2027-03-19 Fri 20:00 America/New_York is on a weekend day: Saturday 09:00 in Japan/Korea, Saturday 04:00 in Gulf');
  });
});

describe('member windows', () => {
  it('a member with a later day is rated by their own windows', () => {
    const g = group(`id: m
title: M
timezone: America/New_York
series: [{ from: 2027-01-01, rule: FREQ=MONTHLY;BYDAY=3TU, slots: ["09:00"] }]
members:
  - { name: Ken Mori, email: ken@example.org, zone: Asia/Tokyo }
  - { name: Yui Ito, email: yui@example.org, zone: Asia/Tokyo, windows: { fair: "07:00-24:00" } }
  - { name: Sam Roe, email: sam@example.org, organization: Example Org }
`);
    const cov = coverageOfSchedule(g, buildSchedule(g, { from: '2027-01-01', to: '2027-12-31' }));
    expect(cov.members.map((m) => [m.member.name, m.good, m.fair, m.poor])).toEqual([
      ['Ken Mori', 0, 8, 4], // 23:00-24:00 in Jan, Feb, Nov, Dec is poor...
      ['Yui Ito', 0, 12, 0], // ...but fair for someone whose evening runs to midnight
    ]);
    expect(cov.membersWithoutZone.map((m) => m.name)).toEqual(['Sam Roe']);
  });
});

describe('JSON contract', () => {
  it('one object per meeting and region, with region, zone, local (ISO with offset) and rating', () => {
    const cov = coverageOfSchedule(seed, buildSchedule(seed, { from: '2027-03-01', to: '2027-03-31' }));
    const { results, summary } = scheduleCoverageToJson(cov, seed);
    expect(results).toHaveLength(6);
    expect(results.find((r) => r.region === 'japan-korea')).toEqual({
      group: 'wg-14',
      date: '2027-03-16',
      start: '2027-03-16T09:00:00-04:00',
      startUtc: '2027-03-16T13:00:00Z',
      slot: 1,
      slotLabel: 'Asia friendly',
      status: 'scheduled',
      note: null,
      region: 'japan-korea',
      label: 'Japan/Korea',
      kind: 'region',
      zone: 'Asia/Tokyo',
      local: '2027-03-16T22:00:00+09:00',
      localEnd: '2027-03-16T23:00:00+09:00',
      localDate: '2027-03-16',
      localTime: '22:00-23:00',
      dayShift: 0,
      weekday: 'Tue',
      weekend: false,
      rating: 'fair',
    });
    expect(results.find((r) => r.region === 'india')!.local).toBe('2027-03-16T18:30:00+05:30');
    for (const r of results) {
      // The local time names the same instant as the start.
      expect(DateTime.fromISO(r.local, { setZone: true }).toMillis()).toBe(DateTime.fromISO(r.start, { setZone: true }).toMillis());
    }
    expect(summary.regions.find((r) => r.region === 'us-west')).toEqual({
      group: 'wg-14',
      region: 'us-west',
      label: 'US West',
      zone: 'America/Los_Angeles',
      meetings: 1,
      good: 0,
      fair: 0,
      poor: 1,
      fairOrBetter: 0,
    });
    expect(summary.warnings.map((w) => w.kind)).toEqual(['dst-mismatch']);
  });
});

describe("offsetAt (the bundled tz database) agrees with the running Node's ICU for every zone the two releases do not disagree on", () => {
  // ICU's data is another compile of the IANA database: on the zones that did not change between
  // its release and tcon's (IANA's NEWS, test/helpers/tzdb-news.ts), every offset must agree.
  const icu = process.versions.tz ?? '';
  const changed = changedSince(icu) ?? new Set<string>();
  const zones = Intl.supportedValuesOf('timeZone');
  const instants = [
    '2027-01-15T12:00:00Z',
    '2027-03-14T06:59:00Z',
    '2027-03-14T07:00:00Z',
    '2027-07-15T12:00:00Z',
    '2027-10-31T00:30:00Z',
    '1999-12-31T23:59:59Z',
  ].map(Date.parse);
  it(`${zones.length} zones x ${instants.length} instants (ICU ${icu}, tzdata ${TZDB_VERSION}; ${[...changed].filter((z) => zones.includes(z)).length} changed since left out)`, () => {
    expect(changedSince(icu), `Node's ICU tz release ${icu} is older than the NEWS table`).toBeDefined();
    const diff: string[] = [];
    for (const z of zones) {
      if (changed.has(z)) continue;
      for (const ms of instants) if (offsetAt(z, ms) !== DateTime.fromMillis(ms, { zone: z }).offset) diff.push(`${z}@${ms}`);
    }
    expect(diff).toEqual([]);
  });
});
