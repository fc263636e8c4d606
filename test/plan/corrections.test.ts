import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseGroup } from '../../src/config/parse.js';
import { formatProblem } from '../../src/config/problems.js';
import { parseSecretariat } from '../../src/config/secretariat.js';
import { planGroups, planSchedule } from '../../src/plan/index.js';
import { planToJson } from '../../src/plan/present.js';
import { tcon } from '../helpers/cli.js';
import { expandIcs } from '../helpers/ical.js';
import { context, group } from './fixtures.js';

/*
 * Corrections of the holiday data in tcon.yaml and group files. The dates are fixed from the
 * law or calendar cited beside each; the data's own view of them is shown first (without the
 * correction), so each test shows what the correction changes.
 */

describe('parsing', () => {
  it('every wrong correction is an error at its line and column', () => {
    const text = `holidays:
  corrections:
    - { country: TW, date: 2026-09-28 }
    - { country: TW, date: 2026-09-28, add: A, remove: B }
    - { country: TW, add: A }
    - { country: TW, date: 2026-02-30, add: A }
    - { country: TW, from: 2026-10-10, to: 2026-10-01, add: A }
    - { country: TW, from: "01-01", to: 2026-01-03, add: A }
    - { country: TW, date: 2026-01-01, remove: A, kind: bank }
    - { country: TW, date: 2026-01-01, add: A, start: "25:00" }
    - { country: tw, date: 2026-01-01, add: A }
    - { country: TW, date: 2026-01-01, add: " " }
`;
    const r = parseSecretariat(text, 'tcon.yaml');
    expect(r.settings).toBeUndefined();
    expect(r.problems.map(formatProblem)).toEqual([
      'tcon.yaml:3:7 holidays.corrections[0]: a correction says exactly one of add: NAME, remove: WHY or workday: WHY',
      'tcon.yaml:4:7 holidays.corrections[1]: a correction says exactly one of add: NAME, remove: WHY or workday: WHY',
      'tcon.yaml:5:7 holidays.corrections[2]: a correction needs "date", or "from" and "to"',
      'tcon.yaml:6:28 holidays.corrections[3].date: "2026-02-30" is not a date (expected YYYY-MM-DD, or MM-DD for every year)',
      'tcon.yaml:7:44 holidays.corrections[4].to: correction ends (2026-10-01) before it starts (2026-10-10)',
      'tcon.yaml:8:7 holidays.corrections[5]: a correction is either yearly (MM-DD) or dated (YYYY-MM-DD) at both ends',
      'tcon.yaml:9:57 holidays.corrections[6].kind: "kind" goes with add (the kind and start time of the holiday added)',
      'tcon.yaml:10:55 holidays.corrections[7].start: start "25:00" is not a time of day (expected HH:mm, 00:00-23:59)',
      'tcon.yaml:11:18 holidays.corrections[8].country: "tw" is not a country code (expected ISO 3166 such as US, JP, or country-state such as US-CA)',
      'tcon.yaml:12:45 holidays.corrections[9].add: add needs a name or a reason (shown in notes and in tcon plan)',
    ]);
  });

  it('a group file takes the same corrections, and an unknown kind is an error', () => {
    const r = parseGroup(
      `id: g
title: G
timezone: Asia/Taipei
series: [{ from: 2026-01-01, rule: FREQ=WEEKLY;BYDAY=MO, slots: ["10:00"] }]
holidays:
  kinds: [public, holiday]
  corrections:
    - { country: TW, date: 09-28, add: Teachers' Day }
    - { country: TW, date: 2026-01-01 }
`,
      'g.yaml',
    );
    expect(r.problems.map(formatProblem)).toEqual([
      'g.yaml:6:19 holidays.kinds[1]: "holiday" is not allowed (expected one of: public, bank, optional, observance, school, partial)',
    ]);
    const ok = parseGroup(
      `id: g
title: G
timezone: Asia/Taipei
series: [{ from: 2026-01-01, rule: FREQ=WEEKLY;BYDAY=MO, slots: ["10:00"] }]
holidays:
  corrections:
    - { country: TW, date: 09-28, add: Teachers' Day }
    - { country: TW, from: 2026-10-09, to: 2026-10-09, remove: not off, }
`,
      'g.yaml',
    );
    expect(ok.group!.holidays!.corrections).toEqual([
      {
        action: 'add',
        country: 'TW',
        from: '09-28',
        to: '09-28',
        yearly: true,
        name: "Teachers' Day",
        kind: 'public',
        start: undefined,
        file: 'g.yaml',
        scope: 'g',
      },
      {
        action: 'remove',
        country: 'TW',
        from: '2026-10-09',
        to: '2026-10-09',
        yearly: false,
        name: 'not off',
        kind: 'public',
        start: undefined,
        file: 'g.yaml',
        scope: 'g',
      },
    ]);
  });
});

/** A Taipei group meeting every Monday and Tuesday at 10:00. */
const taipei = (holidays = '{ policy: skip }') =>
  group(`
id: tw-wg
title: TW WG
timezone: Asia/Taipei
series:
  - from: 2026-01-01
    rule: FREQ=WEEKLY;BYDAY=MO,TU
    slots: ["10:00"]
holidays: ${holidays}
members:
  - { name: Chen Mei, email: mei@example.org, zone: Asia/Taipei }
`);

// Taiwan's 紀念日及節日實施條例 (Commemorative Days and Festivals Act, as amended in 2025) makes
// Confucius' Birthday / Teachers' Day (28 September), Retrocession Day (25 October) and
// Constitution Day (25 December) days off again; date-holidays lists them as observances.
const RESTORED = `holidays:
  corrections:
    - { country: TW, date: "09-28", add: Teachers' Day }
    - { country: TW, date: "10-25", add: Retrocession Day }
    - { country: TW, date: "12-25", add: Constitution Day }
`;

describe('effects on the plan', () => {
  const on = (date: string, yaml?: string, holidays?: string) =>
    planSchedule(taipei(holidays), { from: '2026-01-01', to: '2027-12-31' }, context(yaml)).occurrences.find((o) => o.ruleDate === date)!;

  it("add: a yearly correction makes Teachers' Day a day off in every year", () => {
    expect(on('2026-09-28').status).toBe('scheduled');
    expect(on('2026-09-28', RESTORED)).toMatchObject({ status: 'skipped', note: "Teachers' Day (TW)" });
    expect(on('2027-09-28', RESTORED)).toMatchObject({ status: 'skipped', note: "Teachers' Day (TW)" });
    // 25 October 2026 is a Sunday: the Monday after is off only if a correction says so.
    expect(on('2026-10-26', RESTORED).status).toBe('scheduled');
  });

  it('add in a group file concerns that group only', () => {
    const own = '{ policy: skip, corrections: [{ country: TW, from: 2026-10-26, to: 2026-10-27, add: Retrocession Day (substitute) }] }';
    expect(on('2026-10-26', undefined, own)).toMatchObject({ status: 'skipped', note: 'Retrocession Day (substitute) (TW)' });
    expect(on('2026-10-27', undefined, own).status).toBe('skipped');
    expect(on('2026-10-26').status).toBe('scheduled');
  });

  it("remove: a date the data has wrong is no holiday; a country's correction covers its subdivisions", () => {
    // Columbus Day, the 2nd Monday of October (11 October 2027), in a US-NY group.
    const ca = group(`
id: ca-wg
title: CA WG
timezone: America/Los_Angeles
series:
  - from: 2027-01-01
    rule: FREQ=MONTHLY;BYDAY=2MO
    slots: ["10:00"]
holidays: { countries: [US-NY] }
`);
    const reasons = (yaml?: string) =>
      planGroups([ca], { from: '2027-10-01', to: '2027-10-31' }, context(yaml), { fix: false }).dates.map((d) => d.issue.reason);
    expect(reasons()).toEqual(['Columbus Day (US-NY)']);
    expect(reasons('holidays: { corrections: [{ country: US, date: 2027-10-11, remove: offices open }] }')).toEqual([]);
    expect(reasons('holidays: { corrections: [{ country: US-CA, date: 2027-10-11, remove: offices open }] }')).toEqual(['Columbus Day (US-NY)']);
  });

  it('add with a kind counts only when that kind does; add with a start time is a half day', () => {
    const yaml = (extra: string) => `holidays:\n  corrections:\n    - { country: TW, date: 2026-06-01, add: Office outing, ${extra} }\n`;
    expect(on('2026-06-01', yaml('kind: optional')).status).toBe('scheduled');
    expect(on('2026-06-01', yaml('kind: optional'), '{ policy: skip, kinds: [public, optional] }').status).toBe('skipped');
    expect(on('2026-06-01', yaml('start: "11:00"')).status).toBe('scheduled');
    expect(on('2026-06-01', yaml('start: "10:30"')).status).toBe('skipped');
  });

  it('workday: a make-up working day is never a holiday', () => {
    // date-holidays gives Monday 11 October 2027 off for National Day (a Sunday); a calendar
    // that swapped it for another day says so with a workday.
    const yaml = 'holidays: { corrections: [{ country: TW, date: 2027-10-11, workday: National Day swapped }] }';
    expect(on('2027-10-11')).toMatchObject({ status: 'skipped', note: 'National Day / Double Tenth Day (substitute day) (TW)' });
    expect(on('2027-10-11', yaml).status).toBe('scheduled');
  });
});

describe('tcon plan lists the corrections and what they did', () => {
  const yaml = `holidays:
  countries: [US]
  corrections:
    - { country: TW, date: "09-28", add: Teachers' Day }
    - { country: US, date: 2026-05-25, add: Memorial Day }
    - { country: US, date: 2026-07-04, remove: the office works on Saturdays }
    - { country: US, date: 2026-03-10, remove: not a holiday anyway }
    - { country: KR, date: 2026-05-01, add: Labour Day }
    - { country: TW, date: 2030-01-02, add: Extra day }
`;
  const result = () => planGroups([taipei()], { from: '2026-01-01', to: '2026-12-31' }, context(yaml), { fix: true });

  it('JSON: status, groups, dates, what the data had', () => {
    const json = planToJson(result());
    expect(json.corrections.map((c) => [c.country, c.action, c.status, c.groups, c.dates])).toEqual([
      ['TW', 'add', 'applied', ['tw-wg'], ['2026-09-28']],
      // date-holidays has Memorial Day on the last Monday of May: the correction is not needed.
      ['US', 'add', 'no-change', ['tw-wg'], ['2026-05-25']],
      ['US', 'remove', 'applied', ['tw-wg'], ['2026-07-04']],
      ['US', 'remove', 'no-change', ['tw-wg'], ['2026-03-10']],
      ['KR', 'add', 'not-observed', [], ['2026-05-01']],
      ['TW', 'add', 'outside-window', ['tw-wg'], []],
    ]);
    expect(json.corrections[2]!.removed).toEqual([{ country: 'US', date: '2026-07-04', name: 'Independence Day', type: 'public', source: 'date-holidays' }]);
    expect(json.corrections[0]!.file).toBe('tcon.yaml');
    expect(json.sources).toEqual([
      { country: 'TW', year: 2026, source: 'date-holidays', note: null },
      { country: 'US', year: 2026, source: 'date-holidays', note: null },
    ]);
    const finding = json.dates.find((d) => d.meeting.date === '2026-09-28')!;
    expect(finding.holidays).toEqual([{ country: 'TW', date: '2026-09-28', name: "Teachers' Day", type: 'public', start: null, source: 'tcon.yaml' }]);
  });
});

describe('on the command line', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tcon-corrections-'));
    await writeFile(join(dir, 'tcon.yaml'), RESTORED);
    await writeFile(
      join(dir, 'tw-wg.yaml'),
      `id: tw-wg
title: TW WG
timezone: Asia/Taipei
series:
  - from: 2026-01-01
    rule: FREQ=MONTHLY;BYMONTHDAY=28
    slots: ["10:00"]
holidays: { policy: shift, shift-days: 1 }
members:
  - { name: Chen Mei, email: mei@example.org, zone: Asia/Taipei }
  - { name: Sam Remote, email: sam@example.org, zone: Etc/UTC }
`,
    );
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('plan: lists the corrections, and warns about a member whose country cannot be found', async () => {
    const r = await tcon(['plan', '--config', dir, '--year', '2026', '--fix']);
    expect(r.stderr).toBe(
      `${join(dir, 'tw-wg.yaml')}:11:32 warning: members: member sam@example.org: zone Etc/UTC names no country: their holidays are not observed (add country: XX)\n`,
    );
    // 25 October 2026 is a Sunday: the correction still makes it a public holiday (date-holidays has an observance).
    expect(r.stdout).toContain(
      'Holiday corrections (3 of 3 applied):\n  tcon.yaml TW 09-28 add "Teachers\' Day": applied (tw-wg)\n  tcon.yaml TW 10-25 add "Retrocession Day": applied (tw-wg)\n',
    );
    expect(r.stdout).toContain('Holiday data: TW date-holidays\n');
    expect(r.stdout).toContain("tw-wg 2026-09-28: moved to 2026-09-29 10:00 (Teachers' Day (TW))");
  });

  it('schedule and check show the meeting where the correction moved it', async () => {
    const s = await tcon(['schedule', '--config', dir, '--year', '2026', '--format', 'json']);
    const sep = JSON.parse(s.stdout).find((m: { date: string }) => m.date === '2026-09-28');
    expect(sep).toMatchObject({ status: 'moved', start: '2026-09-29T10:00:00+08:00', note: "moved from 28 Sep: Teachers' Day (TW)" });
    const c = await tcon(['check', '--config', dir, '--group', 'tw-wg', '--year', '2026', '--format', 'json']);
    const cell = JSON.parse(c.stdout).results.find((x: { date: string }) => x.date === '2026-09-28');
    expect(cell).toMatchObject({ status: 'moved', start: '2026-09-29T10:00:00+08:00' });
  });

  it('the public feed, read by ical.js, holds the meeting where the correction moved it', async () => {
    const r = await tcon(['ics', '--config', dir, '--year', '2026', '--no-state', '--now', '2026-01-01T00:00Z']);
    expect(r.code).toBe(0);
    const starts = expandIcs(r.stdout).map((i) => new Date(i.start).toISOString());
    // 10:00 in Taipei (UTC+8, no DST) is 02:00 UTC.
    expect(starts).toContain('2026-09-29T02:00:00.000Z');
    expect(starts).not.toContain('2026-09-28T02:00:00.000Z');
  });

  it('a correction for a country the data does not know is an error at its line', async () => {
    await writeFile(join(dir, 'tcon.yaml'), `${RESTORED}    - { country: XZ, date: 2026-01-02, add: Nothing }\n`);
    const r = await tcon(['plan', '--config', dir, '--year', '2026']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`tcon.yaml:6:18 holidays.corrections: unknown holiday country "XZ"`);
  });
});
