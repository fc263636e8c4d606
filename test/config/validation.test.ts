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
      'config/wg-99.yaml:6:11 series[0].rule: cannot read rule "whenever the chair feels like it": unknown word "whenever" (nearest phrases tcon reads: "3rd Tuesday of every month", "every other Wednesday", "every Monday and Thursday"); every phrase tcon reads is listed in docs/rule-phrases.md, or write an RRULE such as FREQ=MONTHLY;BYDAY=3TU',
    ],
    [
      'a misspelt phrase: the column of the word, the phrase it was meant to be',
      base.replace('FREQ=MONTHLY;BYDAY=3TU', 'every month on the 3rd Tusday'),
      'config/wg-99.yaml:6:34 series[0].rule: cannot read rule "every month on the 3rd Tusday": unknown word "Tusday" (nearest phrases tcon reads: "every month on the 3rd Tuesday", "3rd Tuesday of every month", "3rd Tuesday of every other month"); every phrase tcon reads is listed in docs/rule-phrases.md, or write an RRULE such as FREQ=MONTHLY;BYDAY=3TU',
    ],
    [
      'a quoted phrase: the column counts the quote',
      base.replace('FREQ=MONTHLY;BYDAY=3TU', '"2nd or 4th Tuesday"'),
      'config/wg-99.yaml:6:16 series[0].rule: cannot read rule "2nd or 4th Tuesday": a rule cannot choose between dates: write "and" for meetings on each of them (nearest phrases tcon reads: "2nd and 4th Tuesday", "2nd and 4th Tuesday of every month", "quarterly on the 2nd and 4th Tuesday"); every phrase tcon reads is listed in docs/rule-phrases.md, or write an RRULE such as FREQ=MONTHLY;BYDAY=3TU',
    ],
    [
      'a phrase in a block scalar: the column of the value (its source is not the text character for character)',
      base.replace('FREQ=MONTHLY;BYDAY=3TU', '>-\n      every montth\n      on the 3rd Tuesday'),
      'config/wg-99.yaml:6:11 series[0].rule: cannot read rule "every montth on the 3rd Tuesday": unknown word "montth" (nearest phrases tcon reads: "every month on the 3rd Tuesday", "3rd Tuesday of every month", "3rd Tuesday of every other month"); every phrase tcon reads is listed in docs/rule-phrases.md, or write an RRULE such as FREQ=MONTHLY;BYDAY=3TU',
    ],
    [
      'a phrase that means two things',
      base.replace('FREQ=MONTHLY;BYDAY=3TU', 'every 2nd Tuesday'),
      'config/wg-99.yaml:6:11 series[0].rule: cannot read rule "every 2nd Tuesday": it can mean "every other Tuesday" or "2nd Tuesday of every month": say which (nearest phrases tcon reads: "2nd Tuesday of every month", "every other Tuesday", "every month on the 2nd Tuesday"); every phrase tcon reads is listed in docs/rule-phrases.md, or write an RRULE such as FREQ=MONTHLY;BYDAY=3TU',
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
      'config/wg-99.yaml:8:11 series[1].from: this series overlaps series[0] (until 2027-03-31): series without an id follow one another in time (end series[0] with "until" before this "from"); to hold both side by side (parallel calls), give each an id ("id: plenary", "id: breakout-a")',
    ],
    [
      'move onto a skipped date',
      `${base}meetings:\n  2027-01-19: { move: 2027-02-16T10:00 }\n  2027-02-16: { skip: F2F week }\n`,
      'config/wg-99.yaml:9:23 meetings["2027-01-19"].move: move onto 2027-02-16, a date whose meeting is skipped',
    ],
    [
      'skip on a date with no meeting',
      `${base}meetings:\n  2027-01-20: { skip: wrong day }\n`,
      'config/wg-99.yaml:9:3 meetings["2027-01-20"]: no meeting of any series falls on 2027-01-20 (the meeting\'s day in the group\'s zone): "skip" and "move" need a meeting of that date (use "add" for a one-off)',
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
    ['bad enum value', `${base}dst: { gap: forward }\n`, 'config/wg-99.yaml:8:13 dst.gap: "forward" is not allowed (expected one of: shift, skip)'],
    [
      'rotation by meeting without from',
      base.replace('  - from: 2027-01-01\n    rule', '  - rule'),
      'config/wg-99.yaml:5:5 series[0]: this series needs a "from" date: a rotation by meeting counts its turns from it; write from: YYYY-MM-DD, the date of its first meeting',
    ],
    [
      'bad date',
      base.replace('from: 2027-01-01', 'from: 2027-02-30'),
      'config/wg-99.yaml:5:11 series[0].from: "2027-02-30" is not a date (expected YYYY-MM-DD)',
    ],
    [
      'YAML syntax',
      base.replace('title: Test Group', 'title: [Test Group'),
      'config/wg-99.yaml:3:1 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  ])('%s', (_name, text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });

  it('a phrase the old reader misread now means what it says, or is refused with the reason', () => {
    const read = (rule: string) => parseGroup(base.replace('FREQ=MONTHLY;BYDAY=3TU', rule), 'config/wg-99.yaml');
    expect(read('every month on the fourth Tuesday').group?.series[0]?.rule).toBe('FREQ=MONTHLY;BYDAY=+4TU');
    expect(read('every month on the 2nd Tuesday and the 4th Tuesday').group?.series[0]?.rule).toBe('FREQ=MONTHLY;BYDAY=+2TU,+4TU');
    expect(read('every month on the 2nd and 4th Tuesday').group?.series[0]?.rule).toBe('FREQ=MONTHLY;BYDAY=+2TU,+4TU');
    expect(read('every other Wednesday').group?.series[0]?.rule).toBe('INTERVAL=2;FREQ=WEEKLY;BYDAY=WE');
    expect(read('biweekly on Tuesday').group?.series[0]?.rule).toBe('INTERVAL=2;FREQ=WEEKLY;BYDAY=TU');
    expect(read('every month').problems.map((p) => p.message)).toEqual([expect.stringContaining('it names no day of the month')]);
  });

  it('an interval whose first week has no meeting after "from" is a warning naming the first meeting and the date to write', () => {
    // 2027-01-07 is a Thursday: its week's Wednesday (01-06) is before it, so the first meeting
    // is two weeks later, 01-20, not 01-13.
    const text = base.replace('from: 2027-01-01', 'from: 2027-01-07').replace('FREQ=MONTHLY;BYDAY=3TU', 'every other Wednesday');
    const r = parseGroup(text, 'config/wg-99.yaml');
    expect(r.problems.map(formatProblem)).toEqual([
      'config/wg-99.yaml:5:11 warning: series[0].from: this rule repeats every 2 weeks counted from the week of "from" (2027-01-07), which has no meeting on or after 2027-01-07: the first meeting is 2027-01-20; to start with 2027-01-13, set "from: 2027-01-13"',
    ]);
    expect(r.group?.series.length).toBe(1);
    expect(parseGroup(text.replace('2027-01-07', '2027-01-13'), 'config/wg-99.yaml').problems).toEqual([]);
    expect(parseGroup(text.replace('2027-01-07', '2027-01-05'), 'config/wg-99.yaml').problems).toEqual([]);
    // Quarterly from late January: the January meeting (the 19th) is before it.
    const quarterly = parseGroup(
      base.replace('from: 2027-01-01', 'from: 2027-01-25').replace('FREQ=MONTHLY;BYDAY=3TU', 'quarterly on the 3rd Tuesday'),
      'config/wg-99.yaml',
    );
    expect(quarterly.problems.map((p) => p.message)).toEqual([
      'this rule repeats every 3 months counted from the month of "from" (2027-01-25), which has no meeting on or after 2027-01-25: the first meeting is 2027-04-20; to start with 2027-02-16, set "from: 2027-02-16"',
    ]);
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

describe('every problem of every file in one run (issue 12)', () => {
  it('a value of the wrong type does not hide the meaning checks: "no meeting falls on DATE" comes with it', () => {
    const text = `${base.replace('timezone:', 'duration: sixty\ntimezone:').replace('slots: ["09:00", "11:00"]', 'slots: ["09:00", "11:00"]\n    rotation: { mode: weekly }')}meetings:\n  2027-01-20: { skip: wrong day }\n`;
    expect(problems(text)).toEqual([
      'config/wg-99.yaml:3:11 duration: expected a number, found string "sixty"',
      'config/wg-99.yaml:9:23 series[0].rotation.mode: "weekly" is not allowed (expected one of: meeting, month, week, iso-week)',
      'config/wg-99.yaml:11:3 meetings["2027-01-20"]: no meeting of any series falls on 2027-01-20 (the meeting\'s day in the group\'s zone): "skip" and "move" need a meeting of that date (use "add" for a one-off)',
    ]);
  });

  it('a series with a bad slot does not hide a key no other series can hold', () => {
    const text = `${base}  - id: editors\n    from: 2027-01-01\n    rule: every Monday\n    slots: ["25:00"]\nmeetings:\n  2027-01-20: { skip: wrong day }\n`;
    const out = problems(text);
    expect(out).toContain('config/wg-99.yaml:11:13 series[1].slots[0]: slot time "25:00" is not a time of day (expected HH:mm, 00:00-23:59)');
    // The editors' series could not be read, and its dates cover the key: not called meetingless.
    expect(out.filter((p) => p.includes('no meeting'))).toEqual([]);
  });

  it('the CLI reports the regions file, every group file and tcon.yaml together', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tcon-all-'));
    try {
      await writeFile(join(dir, 'regions.yaml'), 'regions:\n  apac: { label: APAC }\n');
      await writeFile(
        join(dir, 'wg-98.yaml'),
        `${base.replace('wg-99', 'wg-98')}members:\n  - { name: A, email: a@example.org, region: apac }\nmeetings:\n  2027-01-20: { skip: wrong day }\n`,
      );
      await writeFile(join(dir, 'wg-99.yaml'), base.replace('"09:00"', '"25:00"'));
      await writeFile(join(dir, 'tcon.yaml'), 'conflicts: { buffer: -5 }\n');
      const r = await tcon(['schedule', '--config', dir, '--year', '2027']);
      expect(r.code).toBe(2);
      // Each problem's first line (its source line and caret, indented, follow it: test/cli/problem-source.test.ts).
      const lines = r.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('    '))
        .map((l) => l.replace(`${dir}/`, ''));
      expect(lines).toEqual([
        'regions.yaml:2:3 regions.apac: region "apac" is new: it needs a "zone" (its representative IANA zone)',
        'tcon.yaml:1:22 conflicts.buffer: buffer -5 is not a whole number of minutes (0 or more)',
        'wg-98.yaml:11:3 meetings["2027-01-20"]: no meeting of any series falls on 2027-01-20 (the meeting\'s day in the group\'s zone): "skip" and "move" need a meeting of that date (use "add" for a one-off)',
        'wg-99.yaml:7:13 series[0].slots[0]: slot time "25:00" is not a time of day (expected HH:mm, 00:00-23:59)',
        'tcon: 4 errors in the configuration',
      ]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('series: [] is a group of one-off meetings', () => {
    const text =
      'id: wg-97\ntitle: Ad hoc\ntimezone: Europe/Paris\nseries: []\nmeetings:\n  2027-03-02: { add: "10:00", title: Kick-off }\n  2027-03-09: { skip: nothing to skip }\n';
    expect(problems(text)).toEqual([
      'config/wg-99.yaml:7:3 meetings["2027-03-09"]: no meeting of any series falls on 2027-03-09 (the meeting\'s day in the group\'s zone): "skip" and "move" need a meeting of that date (use "add" for a one-off)',
    ]);
    const g = parseGroup(text.replace(/ {2}2027-03-09.*\n/, ''), 'config/wg-97.yaml').group!;
    expect(g.series).toEqual([]);
  });
});
