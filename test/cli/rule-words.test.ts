import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';

// Every output that shows a series says its rule as tcon read it, in words: the schedule table,
// the coverage report, the plan and the site's group page. The words are written here by hand.
const GROUP = `id: wg-words
title: Words Group
timezone: Europe/Berlin
series:
  - from: 2027-01-06
    until: 2027-06-30
    rule: every other Wednesday
    slots: ["15:00"]
  - from: 2027-07-01
    rule: FREQ=MONTHLY;BYDAY=2TU,4TU
    slots: ["15:00"]
members:
  - { name: Lea Roux, email: lea@example.org, zone: Europe/Paris }
`;
const FIRST = 'every other Wednesday from 2027-01-06 (2027-01-06 to 2027-06-30)';
const SECOND = '2nd and 4th Tuesday of every month (from 2027-07-01)';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-words-'));
  await writeFile(join(dir, 'wg-words.yaml'), GROUP);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the rule in words', () => {
  it('schedule: above the table, the series of the window', async () => {
    const year = await tcon(['schedule', '--config', dir, '--year', '2027']);
    expect(year.code).toBe(0);
    expect(year.stdout.split('\n')[0]).toBe(`wg-words rule: ${FIRST}; then ${SECOND}`);
    const spring = await tcon(['schedule', '--config', dir, '--from', '2027-03-01', '--to', '2027-03-31']);
    expect(spring.stdout.split('\n')[0]).toBe(`wg-words rule: ${FIRST}`);
    expect(spring.stdout).toContain('2027-03-03  Wed');
    expect(spring.stdout).not.toContain('2027-03-10');
  });

  it('check (schedule mode): under the title', async () => {
    const r = await tcon(['check', '--config', dir, '--group', 'wg-words', '--from', '2027-07-01', '--to', '2027-09-30']);
    expect(r.stdout.split('\n')[1]).toBe(`Rule: ${SECOND}`);
  });

  it('plan: under the group line, and as "rule" in the JSON', async () => {
    const r = await tcon(['plan', '--config', dir, '--year', '2027']);
    expect(r.stdout).toContain(`\n          rule: ${FIRST}; then ${SECOND}\n`);
    const json = JSON.parse((await tcon(['plan', '--config', dir, '--year', '2027', '--format', 'json'])).stdout);
    expect(json.groups[0].rule).toBe(`${FIRST}; then ${SECOND}`);
  });

  it('site: on the group page', async () => {
    const out = join(dir, 'site');
    const r = await tcon(['site', '--config', dir, '--out', out, '--year', '2027', '--now', '2027-01-01T00:00Z']);
    expect(r.code).toBe(0);
    const html = await readFile(join(out, 'wg-words.html'), 'utf8');
    expect(html).toContain(`<p class="rule">Rule: ${FIRST}; then ${SECOND}</p>`);
  });
});
