import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { mailSandbox, type MailSandbox } from '../helpers/mail-config.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

// A state file that is valid JSON but holds values no run wrote: a clear error, never an
// "Updated" mail to everyone.
let smtp: TestSmtp;
let box: MailSandbox;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => smtp.close());
beforeEach(async () => {
  smtp.received.length = 0;
  box = await mailSandbox();
});
afterEach(async () => box.cleanup());

const invite = (...extra: string[]) =>
  tcon(['invite', '--config', box.config, '--year', '2027', '--now', '2026-12-01T00:00Z', '--smtp', smtp.url, ...extra], { cwd: box.dir });
const statePath = () => join(box.config, '.tcon', 'state.json');

type Edit = (state: { invite: Record<string, { events: Record<string, { sequence: unknown; meetings: Record<string, Record<string, unknown>> }> }> }) => void;

describe('state values a run cannot compute with', () => {
  it.each<[string, Edit, RegExp]>([
    [
      'SEQUENCE 1e308',
      (s) => (Object.values(s.invite['wg-x']!.events)[0]!.sequence = 1e308),
      /invite\.wg-x\.events\["wg-x-s0-2027-01-01-2027@tcon\.invalid"\]\.sequence: 1e\+308 is not a SEQUENCE \(a whole number from 0 to 2147483647\)/,
    ],
    [
      'a negative SEQUENCE',
      (s) => (Object.values(Object.values(s.invite['wg-x']!.events)[0]!.meetings)[0]!.sequence = -1),
      /meetings\.2027-01-19\.sequence: -1 is not a SEQUENCE/,
    ],
    [
      'a date that is not one',
      (s) => (Object.values(Object.values(s.invite['wg-x']!.events)[0]!.meetings)[0]!.date = '2027-02-30'),
      /meetings\.2027-01-19\.date: "2027-02-30" is not a date/,
    ],
    [
      'a start that is not an instant',
      (s) => (Object.values(Object.values(s.invite['wg-x']!.events)[0]!.meetings)[0]!.start = 'yesterday'),
      /meetings\.2027-01-19\.start: "yesterday" is not an ISO 8601 instant/,
    ],
    [
      'a span that is not one',
      (s) => ((Object.values(s.invite['wg-x']!.events)[0]! as unknown as { span: unknown }).span = { from: '2027-12-31', to: '2027-01-01' }),
      /\.span: .* is not \{ from, to \}/,
    ],
    [
      'a meeting keyed by a bad date',
      (s) => {
        const ev = Object.values(s.invite['wg-x']!.events)[0]!;
        ev.meetings['2027-13-01'] = ev.meetings['2027-01-19']!;
      },
      /meetings\.2027-13-01: "2027-13-01" is not a date/,
    ],
  ])('%s: exit 2 saying where and how to recover; nothing sent', async (_what, edit, message) => {
    const first = await invite();
    expect(first.code).toBe(0);
    expect(smtp.received).toHaveLength(3);
    const state = JSON.parse(await readFile(statePath(), 'utf8'));
    edit(state);
    await writeFile(statePath(), JSON.stringify(state, null, 2));
    for (const argv of [[], ['--dry-run']]) {
      const r = await invite(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('restore the file from git (or a backup); or move it away to start afresh');
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
    const diff = await tcon(['diff', '--config', box.config, '--year', '2027', '--invite'], { cwd: box.dir });
    expect(diff.code).toBe(2);
    expect(smtp.received).toHaveLength(3);
  });
});
