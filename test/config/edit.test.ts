import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { addSkipToGroupText } from '../../src/config/edit.js';

const example = readFileSync(new URL('../../config/wg-14.yaml', import.meta.url), 'utf8');

/** The lines of `after` that are not in `before` (the file otherwise unchanged, in order). */
function addedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const added: string[] = [];
  let i = 0;
  for (const line of b) {
    if (i < a.length && line === a[i]) i++;
    else added.push(line);
  }
  expect(i).toBe(a.length);
  return added;
}

describe('addSkipToGroupText (tcon cancel --date writes the skip to the group file)', () => {
  it('adds one line to the example, in date order, and leaves every other byte alone', () => {
    const out = addSkipToGroupText(example, '2027-05-18', 'F2F week');
    expect(addedLines(example, out)).toEqual(['  2027-05-18: { skip: F2F week }']);
    expect(parse(out).meetings['2027-05-18']).toEqual({ skip: 'F2F week' });
    const early = addSkipToGroupText(example, '2019-09-10', 'x');
    expect(early.indexOf('2019-09-10: { skip: x }')).toBeLessThan(early.indexOf('2019-09-17'));
    expect(early.indexOf('2019-09-10: { skip: x }')).toBeGreaterThan(early.indexOf('2019-08-21'));
  });

  it('merges into an existing entry (its link kept, a move dropped) and quotes what needs quoting', () => {
    const text = 'id: g\nmeetings:\n  2027-05-18: { move: 2027-05-19T10:00, link: https://x.example.org/a }   # moved once\nmembers: []\n';
    const out = addSkipToGroupText(text, '2027-05-18', 'F2F week, Berlin: "all"');
    expect(parse(out).meetings['2027-05-18']).toEqual({ link: 'https://x.example.org/a', skip: 'F2F week, Berlin: "all"' });
    expect(out).toContain('# moved once');
    expect(out.split('\n').slice(-2)).toEqual(['members: []', '']);
  });

  it('adds a meetings map when there is none, and handles block entries and a missing final newline', () => {
    expect(parse(addSkipToGroupText('id: g', '2027-01-05', 'x')).meetings).toEqual({ '2027-01-05': { skip: 'x' } });
    const block = 'id: g\nmeetings:\n    2027-01-05:\n      note: first\nlist: l@example.org';
    const out = addSkipToGroupText(block, '2027-02-02', 'y');
    expect(addedLines(block, out)).toEqual(['    2027-02-02: { skip: y }']);
    expect(parse(out)).toEqual({ id: 'g', meetings: { '2027-01-05': { note: 'first' }, '2027-02-02': { skip: 'y' } }, list: 'l@example.org' });
  });

  it('falls back to a yaml rewrite for flow-style meetings, still correct', () => {
    const out = addSkipToGroupText('id: g\nmeetings: { 2027-01-05: { note: n } }\n', '2027-02-02', 'y');
    expect(parse(out).meetings).toEqual({ '2027-01-05': { note: 'n' }, '2027-02-02': { skip: 'y' } });
  });
});
