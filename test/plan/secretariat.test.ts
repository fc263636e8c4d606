import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/config/problems.js';
import { inBlackout, parseSecretariat } from '../../src/config/secretariat.js';
import { parseGroup } from '../../src/config/parse.js';

describe('tcon.yaml', () => {
  it('reads every setting', () => {
    const r = parseSecretariat(
      `conflicts: { buffer: 10 }
holidays:
  countries: [US, JP]
  regions: { europe: [DE, FR] }
  observances: true
  policy: skip
blackouts:
  - { name: August break, from: "08-01", to: "08-31" }
  - { name: "F2F, Berlin", from: 2027-05-10, to: 2027-05-14, kind: f2f, policy: shift, groups: [wg-a] }
bridges:
  - { id: office-zoom, links: [zoom.example.org, "https://meet.example.org/office/"] }
site: { title: Calls, private: true }
`,
      'config/tcon.yaml',
      ['wg-a'],
    );
    expect(r.problems).toEqual([]);
    const s = r.settings!;
    expect(s.conflictBuffer).toBe(10);
    expect(s.holidays).toEqual({
      countries: ['US', 'JP'],
      regions: { europe: ['DE', 'FR'] },
      members: true,
      observances: true,
      policy: 'skip',
      shiftDays: undefined,
      kinds: ['public'],
      corrections: [],
    });
    expect(s.blackouts.map((b) => [b.name, b.yearly, b.policy, b.groups])).toEqual([
      ['August break', true, 'skip', undefined],
      ['F2F, Berlin', false, 'shift', ['wg-a']],
    ]);
    expect(s.bridges[0]!.links).toHaveLength(2);
    expect(s.site).toEqual({ title: 'Calls', private: true });
  });

  it('an empty file means the defaults', () => {
    expect(parseSecretariat('', 'tcon.yaml').settings!.holidays.policy).toBe('warn');
  });

  it('reports every problem with file:line:col', () => {
    const r = parseSecretariat(
      `conflicts: { buffer: -5 }
holidays:
  countries: [usa]
blackouts:
  - { name: Bad, from: 2027-13-01, to: "01-05" }
  - { name: Mixed, from: 2027-01-01, to: "01-05" }
  - { name: Backwards, from: 2027-02-01, to: 2027-01-05, groups: [wg-x] }
`,
      'config/tcon.yaml',
      ['wg-a'],
    );
    expect(r.settings).toBeUndefined();
    expect(r.problems.map(formatProblem)).toEqual([
      'config/tcon.yaml:1:22 conflicts.buffer: buffer -5 is not a whole number of minutes (0 or more)',
      'config/tcon.yaml:3:15 holidays.countries[0]: "usa" is not a country code (expected ISO 3166 such as US, JP, or country-state such as US-CA)',
      'config/tcon.yaml:5:24 blackouts[0].from: "2027-13-01" is not a date (expected YYYY-MM-DD, or MM-DD for every year)',
      'config/tcon.yaml:6:5 blackouts[1]: a blackout is either yearly (MM-DD) or dated (YYYY-MM-DD) at both ends',
      'config/tcon.yaml:7:46 blackouts[2].to: blackout ends (2027-01-05) before it starts (2027-02-01)',
      'config/tcon.yaml:7:67 warning: blackouts[2].groups[0]: blackout names group "wg-x", which no group file defines: it holds for the other groups it names (remove "wg-x" from the list to silence this)',
    ]);
  });

  it('unknown keys are errors, with the known ones', () => {
    const r = parseSecretariat('holidays: { polcy: skip }\n', 'tcon.yaml');
    expect(r.problems.map(formatProblem)).toEqual([
      'tcon.yaml:1:13 holidays.polcy: unknown key "polcy" (known: countries, regions, members, observances, policy, shift-days, kinds, corrections)',
    ]);
  });

  it.each([
    ['12-24', '01-01', '2027-12-31', true],
    ['12-24', '01-01', '2028-01-01', true],
    ['12-24', '01-01', '2028-01-02', false],
    ['08-01', '08-31', '2027-08-31', true],
    ['08-01', '08-31', '2027-07-31', false],
  ])('yearly %s..%s contains %s: %s', (from, to, date, inside) => {
    expect(inBlackout({ name: 'x', kind: undefined, from, to, yearly: true, policy: 'skip', groups: undefined }, date)).toBe(inside);
  });
});

describe('group keys for planning', () => {
  it('reads holidays, chairs, bridge and site', () => {
    const r = parseGroup(
      `id: g
title: G
timezone: UTC
series: [{ from: 2027-01-01, rule: FREQ=WEEKLY;BYDAY=MO, slots: ["10:00"] }]
holidays: { policy: shift, shift-days: 1, countries: [US-CA, JP], members: false, observances: true }
chairs: [{ name: Ann Chair, email: ann@example.org }]
bridge: office-zoom
site: { private: true }
members: [{ name: Kenji Ono, email: kenji@example.org, country: JP }]
`,
      'g.yaml',
    );
    expect(r.problems).toEqual([]);
    const g = r.group!;
    expect(g.holidays).toEqual({
      policy: 'shift',
      shiftDays: 1,
      countries: ['US-CA', 'JP'],
      members: false,
      observances: true,
      kinds: undefined,
      corrections: [],
    });
    expect(g.chairs).toEqual([{ name: 'Ann Chair', email: 'ann@example.org' }]);
    expect(g.bridge).toBe('office-zoom');
    expect(g.sitePrivate).toBe(true);
    expect(g.members[0]!.country).toBe('JP');
  });

  it('reports bad values with positions', () => {
    const r = parseGroup(
      `id: g
title: G
timezone: UTC
series: [{ from: 2027-01-01, rule: FREQ=WEEKLY;BYDAY=MO, slots: ["10:00"] }]
holidays: { policy: sometimes, countries: [Japan] }
`,
      'g.yaml',
    );
    // The bad policy is left out, so the countries beside it are checked in the same run.
    expect(r.problems.map(formatProblem)).toEqual([
      'g.yaml:5:21 holidays.policy: "sometimes" is not allowed (expected one of: warn, skip, shift)',
      'g.yaml:5:44 holidays.countries[0]: "Japan" is not a country code (expected ISO 3166 such as US, JP, or country-state such as US-CA)',
    ]);
    const r2 = parseGroup(
      `id: g
title: G
timezone: UTC
series: [{ from: 2027-01-01, rule: FREQ=WEEKLY;BYDAY=MO, slots: ["10:00"] }]
holidays: { shift-days: 0, countries: [Japan] }
`,
      'g.yaml',
    );
    expect(r2.problems.map(formatProblem)).toEqual([
      'g.yaml:5:25 holidays.shift-days: shift-days 0 is not a positive whole number of days',
      'g.yaml:5:40 holidays.countries[0]: "Japan" is not a country code (expected ISO 3166 such as US, JP, or country-state such as US-CA)',
    ]);
  });
});

describe('schema/tcon.schema.json', () => {
  it('ships a JSON Schema for tcon.yaml that matches the settings schema', async () => {
    const { readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { secretariatJsonSchema } = await import('../../src/config/secretariat.js');
    const shipped = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'schema', 'tcon.schema.json'), 'utf8')) as unknown;
    expect(shipped, 'run `npm run schema` after changing src/config/secretariat.ts').toEqual(secretariatJsonSchema());
  });
});
