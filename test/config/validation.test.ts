import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGroup } from '../../src/config/parse.js';
import { formatProblem } from '../../src/config/problems.js';
import { tcon } from '../helpers/cli.js';

const base = `id: wg-99
title: Test Group
timezone: America/New_York
series:
  - from: 2027-01-01
    rule: FREQ=MONTHLY;BYDAY=3TU
    slots: ["09:00", "11:00"]
`;

const problems = (text: string) => parseGroup(text, 'config/wg-99.yaml').problems.map(formatProblem);

describe('each validation error names file, line, column, field and what was expected', () => {
  it.each([
    [
      'unknown zone',
      base.replace('America/New_York', 'America/NewYork'),
      'config/wg-99.yaml:3:11 timezone: unknown time zone "America/NewYork": did you mean America/New_York?',
    ],
    [
      'bad RRULE',
      base.replace('BYDAY=3TU', 'BYDAY=3XX'),
      'config/wg-99.yaml:6:11 series[0].rule: cannot read rule "FREQ=MONTHLY;BYDAY=3XX": BYDAY value "3XX" is not a weekday (MO, TU, ... SU, with an optional ordinal such as 3TU or -1FR) (expected an RRULE such as FREQ=MONTHLY;BYDAY=3TU, or a phrase such as "every month on the 3rd Tuesday")',
    ],
    [
      'unknown RRULE part',
      base.replace('BYDAY=3TU', 'BYDAY=3TU;FOO=1'),
      'config/wg-99.yaml:6:11 series[0].rule: cannot read rule "FREQ=MONTHLY;BYDAY=3TU;FOO=1": Unknown RRULE property \'FOO\' (expected an RRULE such as FREQ=MONTHLY;BYDAY=3TU, or a phrase such as "every month on the 3rd Tuesday")',
    ],
    [
      'unreadable phrase',
      base.replace('FREQ=MONTHLY;BYDAY=3TU', 'whenever the chair feels like it'),
      'config/wg-99.yaml:6:11 series[0].rule: cannot read rule "whenever the chair feels like it": the phrase is not one rrule can read (expected an RRULE such as FREQ=MONTHLY;BYDAY=3TU, or a phrase such as "every month on the 3rd Tuesday")',
    ],
    [
      'DTSTART in the rule',
      base.replace('FREQ=MONTHLY;BYDAY=3TU', 'FREQ=MONTHLY;BYDAY=3TU;COUNT=3'),
      'config/wg-99.yaml:6:11 series[0].rule: the rule must not carry DTSTART, UNTIL or COUNT: use the series keys "from" and "until"',
    ],
    [
      'slot time 25:00',
      base.replace('"09:00"', '"25:00"'),
      'config/wg-99.yaml:7:13 series[0].slots[0]: slot time "25:00" is not a time of day (expected HH:mm, 00:00-23:59)',
    ],
    [
      'slot that is not a time',
      base.replace('"09:00"', '"nine"'),
      'config/wg-99.yaml:7:13 series[0].slots[0]: slot "nine" is not a slot (expected "HH:mm" optionally followed by an IANA zone, e.g. "14:00 UTC")',
    ],
    [
      'overlapping series',
      base.replace('  - from: 2027-01-01', '  - until: 2027-03-31\n    rule: FREQ=MONTHLY;BYDAY=3WE\n    slots: ["09:00"]\n  - from: 2027-03-01'),
      'config/wg-99.yaml:8:11 series[1].from: this series overlaps series[0] (until 2027-03-31): series must follow one another in time',
    ],
    [
      'move onto a skipped date',
      `${base}meetings:\n  2027-01-19: { move: 2027-02-16T10:00 }\n  2027-02-16: { skip: F2F week }\n`,
      'config/wg-99.yaml:9:23 meetings["2027-01-19"].move: move onto 2027-02-16, a date whose meeting is skipped',
    ],
    [
      'skip on a date with no meeting',
      `${base}meetings:\n  2027-01-20: { skip: wrong day }\n`,
      'config/wg-99.yaml:9:3 meetings["2027-01-20"]: no meeting of any series falls on 2027-01-20: "skip" and "move" need a rule date (use "add" for a one-off)',
    ],
    [
      'a rule that yields no meeting',
      base.replace('FREQ=MONTHLY;BYDAY=3TU', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'),
      'config/wg-99.yaml:6:11 series[0].rule: rule "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" yields no meeting in the four years from 2027-01-01',
    ],
    [
      'unknown key, with the known ones',
      base.replace('timezone:', 'colour: blue\ntimezone:'),
      'config/wg-99.yaml:3:1 colour: unknown key "colour" (known: id, title, timezone, zone-label, duration, organizer, link, agenda, list, mail, dst, rotation, series, alarms, members, chairs, bridge, holidays, site, regions, coverage, meetings)',
    ],
    [
      'unknown nested key',
      base.replace('"11:00"]', '{ time: "11:00", lable: Asia }]'),
      'config/wg-99.yaml:7:39 series[0].slots[1].lable: unknown key "lable" (known: time, zone, label)',
    ],
    ['missing key', base.replace('title: Test Group\n', ''), 'config/wg-99.yaml:1:1 missing required key "title"'],
    [
      'wrong type',
      base.replace('    slots: ["09:00", "11:00"]', '    slots: ["09:00", "11:00"]\n    duration: an hour'),
      'config/wg-99.yaml:8:15 series[0].duration: expected a number, found string "an hour"',
    ],
    [
      'bad enum value',
      `${base}dst: { gap: forward }\n`,
      'config/wg-99.yaml:8:13 dst.gap: "forward" is not allowed (expected one of: shift, skip)',
    ],
    [
      'rotation by meeting without from',
      base.replace('  - from: 2027-01-01\n    rule', '  - rule'),
      'config/wg-99.yaml:5:5 series[0]: this series needs a "from" date: a rotation by meeting counts its turns from it',
    ],
    [
      'bad date',
      base.replace('from: 2027-01-01', 'from: 2027-02-30'),
      'config/wg-99.yaml:5:11 series[0].from: "2027-02-30" is not a date (expected YYYY-MM-DD)',
    ],
    ['YAML syntax', base.replace('title: Test Group', 'title: [Test Group'), 'config/wg-99.yaml:3:1 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ])('%s', (_name, text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });

  it('collects every problem of a file in one run, sorted by position', () => {
    const text = base.replace('America/New_York', 'Mars/Base').replace('"09:00"', '"25:00"').replace('timezone:', 'colour: red\ntimezone:');
    expect(problems(text).map((p) => p.split(' ')[0])).toEqual(['config/wg-99.yaml:3:1', 'config/wg-99.yaml:4:11', 'config/wg-99.yaml:8:13']);
  });
});

describe('the CLI on a bad config', () => {
  it('prints every problem, exits 2, no stack trace, nothing on stdout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tcon-'));
    try {
      await writeFile(join(dir, 'wg-99.yaml'), base.replace('"09:00"', '"25:00"').replace('America/New_York', 'Europe/Pariss'));
      const r = await tcon(['schedule', '--config', dir, '--year', '2027']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`${join(dir, 'wg-99.yaml')}:3:11 timezone: unknown time zone "Europe/Pariss"`);
      expect(r.stderr).toContain(`${join(dir, 'wg-99.yaml')}:7:13 series[0].slots[0]: slot time "25:00"`);
      expect(r.stderr).toContain('tcon: 2 errors in the configuration');
      expect(r.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('names an unknown group and the known ones', async () => {
    const r = await tcon(['schedule', '--group', 'wg-99']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('tcon: unknown group "wg-99" (known: wg-14)\n');
  });

  it('rejects a bad flag value with exit 2', async () => {
    const r = await tcon(['schedule', '--year', '27']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--year 27: expected a year such as 2027');
  });
});
