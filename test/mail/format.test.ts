import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/adapters/templates.js';
import { runCli } from '../../src/cli/main.js';
import { meetingTimes } from '../../src/schedule/when.js';
import { whenText } from '../../src/mail/messages.js';
import { zoneOf } from '../../src/schedule/zoned.js';
import { templateVariables } from '../../src/mail/template.js';
import { TEMPLATE_NAMES, TEMPLATE_PARTS, TEMPLATE_VARIABLES } from '../../src/mail/templates.js';
import { tcon } from '../helpers/cli.js';
import { mailSandbox, type MailSandbox } from '../helpers/mail-config.js';

describe('meeting times in two zones', () => {
  const et = { timezone: 'America/New_York', zoneLabel: 'US ET' };
  // Meetings as the schedule makes them: in the bundled database's zones (zoneOf), not ICU's.
  const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone: zoneOf(zone) });
  it.each([
    // [start in group zone, reader zone, expected line]
    ['2027-03-16T09:00', 'Asia/Tokyo', 'Tue 16 Mar 2027, 09:00-10:00 US ET · Tue 16 Mar 22:00-23:00 your time (Asia/Tokyo)'],
    ['2027-03-16T11:00', 'Asia/Tokyo', 'Tue 16 Mar 2027, 11:00-12:00 US ET · Wed 17 Mar 00:00-01:00 (+1 day) your time (Asia/Tokyo)'],
    ['2027-01-19T09:00', 'Asia/Kolkata', 'Tue 19 Jan 2027, 09:00-10:00 US ET · Tue 19 Jan 19:30-20:30 your time (Asia/Kolkata)'],
    ['2027-11-02T09:00', 'America/Los_Angeles', 'Tue 2 Nov 2027, 09:00-10:00 US ET · Tue 2 Nov 06:00-07:00 your time (America/Los_Angeles)'],
    ['2027-03-16T09:00', 'America/New_York', 'Tue 16 Mar 2027, 09:00-10:00 US ET'],
    // Three-letter months everywhere: "Sep", where ICU's en-GB writes "Sept".
    ['2027-09-21T09:00', 'Europe/London', 'Tue 21 Sep 2027, 09:00-10:00 US ET · Tue 21 Sep 14:00-15:00 your time (Europe/London)'],
  ])('%s US ET for %s', (start, zone, line) => {
    const s = at(start, 'America/New_York');
    expect(meetingTimes(et, s, s.plus({ minutes: 60 }), zone).line).toBe(line);
  });

  it('marks an earlier day with -1 day', () => {
    const tokyo = { timezone: 'Asia/Tokyo', zoneLabel: 'JST' };
    const s = at('2027-03-17T08:00', 'Asia/Tokyo');
    expect(meetingTimes(tokyo, s, s.plus({ minutes: 60 }), 'America/Los_Angeles').line).toBe(
      'Wed 17 Mar 2027, 08:00-09:00 JST · Tue 16 Mar 16:00-17:00 (-1 day) your time (America/Los_Angeles)',
    );
  });

  it.each([
    ['2027-03-09T08:00Z', '2027-03-16T09:00', 'in 7 days'],
    ['2027-03-15T08:00Z', '2027-03-16T09:00', 'tomorrow'],
    // 21:00 on the 15th in New York: the 16th is still tomorrow there.
    ['2027-03-16T01:00Z', '2027-03-16T09:00', 'tomorrow'],
    ['2027-03-16T08:00Z', '2027-03-16T20:00', 'today'],
    ['2027-03-16T10:00Z', '2027-03-16T09:00', 'in 3 hours'],
  ])('whenText at %s for %s US ET: %s', (now, start, text) => {
    expect(whenText(DateTime.fromISO(now, { zone: 'UTC' }), at(start, 'America/New_York'))).toBe(text);
  });
});

describe('templates', () => {
  let box: MailSandbox;
  beforeEach(async () => {
    box = await mailSandbox();
  });
  afterEach(async () => box.cleanup());

  it('the bundled templates use only the documented variables', () => {
    const set = loadTemplates('/nonexistent', 'none');
    const common = [...TEMPLATE_VARIABLES.common, ...TEMPLATE_VARIABLES.meeting, 'text'];
    for (const name of TEMPLATE_NAMES) {
      for (const part of TEMPLATE_PARTS) {
        const allowed = new Set([...common, ...TEMPLATE_VARIABLES[name]]);
        expect(
          templateVariables(set[name][part]).filter((v) => !allowed.has(v)),
          `${name}.${part}`,
        ).toEqual([]);
      }
    }
  });

  it('a group folder overrides one part; the shared folder and the bundled defaults fill the rest', async () => {
    await mkdir(join(box.config, 'templates', 'wg-x'), { recursive: true });
    await writeFile(join(box.config, 'templates', 'wg-x', 'invite.subject'), '[{{group}}] {{title}}: {{count}} calls\n');
    await writeFile(join(box.config, 'templates', 'reminder.subject'), 'Soon: {{title}}\n');
    const run = await tcon(['invite', '--config', box.config, '--year', '2027', '--now', '2026-12-01T00:00Z', '--dry-run'], { cwd: box.dir });
    expect(run.code).toBe(0);
    const set = loadTemplates(box.config, 'wg-x');
    expect(set.invite.subject.name).toBe(join(box.config, 'templates', 'wg-x', 'invite.subject'));
    expect(set.reminder.subject.name).toBe(join(box.config, 'templates', 'reminder.subject'));
    expect(set.invite.txt.name).toMatch(/config\/templates\/invite\.txt$/);
    await tcon(['invite', '--config', box.config, '--year', '2027', '--now', '2026-12-01T00:00Z'], { cwd: box.dir });
    const { readdir, readFile } = await import('node:fs/promises');
    const files = (await readdir(join(box.dir, 'outbox'))).filter((f) => f.endsWith('.eml'));
    expect(await readFile(join(box.dir, 'outbox', files[0]!), 'utf8')).toContain('Subject: [wg-x] Example WG-X Imaging: 6 calls');
  });

  it('an unknown variable is a usage error naming the file and line, before anything is sent', async () => {
    await mkdir(join(box.config, 'templates'), { recursive: true });
    await writeFile(join(box.config, 'templates', 'invite.subject'), 'Hello\n{{titel}}\n');
    const run = await tcon(['invite', '--config', box.config, '--year', '2027', '--now', '2026-12-01T00:00Z'], { cwd: box.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(box.config, 'templates', 'invite.subject')}:2: unknown variable "titel"`);
  });

  it('shows a progress bar on stderr only when stderr is a terminal', async () => {
    let stderr = '';
    const code = await runCli(['invite', '--config', box.config, '--year', '2027', '--now', '2026-12-01T00:00Z'], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s), isTTY: true },
      env: {},
      cwd: box.dir,
    });
    expect(code).toBe(0);
    expect(stderr).toContain('\r[##############################] 3/3 sent 3 skipped 0 failed 0\n');
    const plain = await tcon(['invite', '--config', box.config, '--year', '2027', '--now', '2026-12-01T00:00Z'], { cwd: box.dir });
    expect(plain.stderr).toBe('');
  });
});

describe('calendar part guard', () => {
  it('refuses a calendar part whose Content-Type method differs from the METHOD inside', async () => {
    const { loadConfig } = await import('../../src/adapters/config-files.js');
    const { buildRequest, MailError } = await import('../../src/mail/messages.js');
    const { buildSchedule } = await import('../../src/schedule/build.js');
    const group = (await loadConfig(new URL('../fixtures/mail/wg-x.yaml', import.meta.url).pathname)).groups[0]!;
    const templates = loadTemplates('/nonexistent', group.id);
    const input = {
      group,
      to: { name: 'A', email: 'a@example.org', zone: undefined },
      templates,
      key: { recipient: 'a@example.org', uid: 'u', recurrenceId: null, sequence: 0, kind: 'request' },
      reason: 'test',
      meetings: buildSchedule(group, { from: '2027-01-01', to: '2027-12-31' }),
      changes: undefined,
    };
    const ics = (method: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:${method}\r\nEND:VCALENDAR\r\n`;
    expect(() => buildRequest({ ...input, calendar: { method: 'REQUEST', ics: ics('CANCEL') } })).toThrow(MailError);
    expect(buildRequest({ ...input, calendar: { method: 'REQUEST', ics: ics('REQUEST') } }).calendar?.method).toBe('REQUEST');
    // A recipient address that could smuggle a header is refused.
    expect(() =>
      buildRequest({ ...input, to: { ...input.to, email: 'a@example.org\r\nBcc: x@example.org' }, calendar: { method: 'REQUEST', ics: ics('REQUEST') } }),
    ).toThrow(/not a plain email address/);
    // A placeholder under the reserved .invalid TLD (roster import) is never a recipient.
    expect(() =>
      buildRequest({ ...input, to: { ...input.to, email: 'ada.alvarez@unknown.invalid' }, calendar: { method: 'REQUEST', ics: ics('REQUEST') } }),
    ).toThrow(/has no email address/);
  });

  it.each([
    ['ada.alvarez@unknown.invalid', true],
    ['x@UNKNOWN.INVALID', true],
    ['x@invalid.example.org', false],
    ['x@example.org', false],
    ['invalid@example.org', false],
  ])('isPlaceholderAddress(%s) is %s', async (email, expected) => {
    const { isPlaceholderAddress } = await import('../../src/mail/text.js');
    expect(isPlaceholderAddress(email)).toBe(expected);
  });
});
