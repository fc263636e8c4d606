import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { composeRaw } from '../../src/adapters/mail-transport.js';
import { addressProblem } from '../../src/schedule/address.js';
import { plainAsciiAddress } from '../../src/config/resolve.js';
import { headerSafe } from '../../src/mail/text.js';
import { tcon } from '../helpers/cli.js';
import { mailSandbox } from '../helpers/mail-config.js';

// One address rule for the config, the mail and the calendar (src/schedule/address.ts).
// Expected verdicts from RFC 5322 3.4.1 (dot-atom addr-spec) and RFC 5321 4.5.3.1.1 (64 octets
// before the @), not from tcon's code.
describe('the address rule', () => {
  it.each([
    ['ann@example.org', true],
    ['ann.lee+wg14@mail.example.org', true],
    ["o'brien@example.org", true],
    ['jörg@example.org', true],
    ['a,b@example.org', false], // a list, not an address
    ['ann@example', false], // one label
    ['ann lee@example.org', false],
    ['"ann"@example.org', false], // quoted local part: not accepted
    ['ann@[192.0.2.1]', false], // domain literal
    ['ann..lee@example.org', false],
    ['.ann@example.org', false],
    ['ann@-example.org', false],
    ['ann@@example.org', false],
    ['ann@example.org\r\nBcc: x@example.org', false],
    ['ann\u200b@example.org', false], // zero-width space
    ['ann@exam\u00adple.org', false], // soft hyphen
    ['\u202eann@example.org', false], // right-to-left override
    ['ann@example.org\u00a0', false], // no-break space
    [`${'a'.repeat(65)}@example.org`, false],
    ['ann@example.org.', false], // a final dot: SMTP servers answer 501 (RFC 5321 4.1.2 Domain)
    [`${'ä'.repeat(33)}@example.org`, false], // 66 octets before the @ (RFC 6531 3.3)
    [`${'ä'.repeat(32)}@example.org`, true],
  ])('%j: %s', (value, ok) => expect(addressProblem(value) === undefined).toBe(ok));
});

describe("the config's ASCII fast path (plainAsciiAddress) accepts only what the address rule accepts", () => {
  it('on typical addresses it answers (so addressProblem is not compiled for them)', () => {
    for (const a of ['ann@example.org', 'ann.lee+wg14@mail.example.org', "o'brien@example.org", 'x_y-z@a-b.example.co.uk']) {
      expect(plainAsciiAddress(a), a).toBe(true);
      expect(addressProblem(a)).toBeUndefined();
    }
  });

  it('on generated near-addresses: true only where addressProblem finds nothing', () => {
    const part = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('ann', 'a', 'x-y', 'a+b', "o'b", '1', 'example', 'org', 'a_b') },
      { weight: 2, arbitrary: fc.stringMatching(/^[a-z0-9.@-]{0,8}$/) },
      { weight: 1, arbitrary: fc.constantFrom('-x', 'x-', 'jörg', 'a b', 'a,b', '"q"', '', '.', '..', '[1]', '\u200b', '\r\n', 'é', 'xn--d') },
      { weight: 1, arbitrary: fc.constantFrom('a'.repeat(63), 'a'.repeat(64), 'a'.repeat(65), 'b'.repeat(120)) },
    );
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 4 }),
        fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom('example', 'org', 'a', 'x-y', '1', 'b2') }, { weight: 2, arbitrary: part }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.constantFrom('@', '@', '@', '@', '@@', '', '.@'),
        (local, domain, at) => {
          const value = `${local.join('.')}${at}${domain.join('.')}`;
          if (plainAsciiAddress(value)) {
            accepted++;
            expect(addressProblem(value), value).toBeUndefined();
          }
        },
      ),
      { numRuns: 5000, seed: 14 },
    );
    expect(accepted).toBeGreaterThan(200);
    for (const long of [
      `${'a'.repeat(64)}@example.org`,
      `${'a'.repeat(65)}@example.org`,
      `a@${'b'.repeat(63)}.org`,
      `a@${'b'.repeat(64)}.org`,
      `a@${'b.'.repeat(130)}org`,
    ]) {
      // At the length limits both agree either way.
      expect(plainAsciiAddress(long), long).toBe(addressProblem(long) === undefined);
    }
  });
});

describe('through the command line: refused at config time, by every command alike', () => {
  it.each([
    ['a list', '"a,b@example.org"', /"a,b@example.org" is not an email address: "a,b" before the "@" is not a plain mailbox name/],
    ['a zero-width space', '"bi\u200bll@example.org"', /is not an email address: it contains U\+200B, an invisible or control character/],
  ])('%s in a member address: schedule, ics --invite and invite --dry-run exit 2 with file:line:col', async (_what, email, message) => {
    const box = await mailSandbox((t) => t.replace('bill@example.org', email));
    try {
      for (const argv of [
        ['schedule', '--year', '2027'],
        ['ics', '--year', '2027', '--invite', '--no-state', '--now', '2026-12-01T00:00Z'],
        ['invite', '--year', '2027', '--dry-run', '--now', '2026-12-01T00:00Z'],
      ]) {
        const r = await tcon([...argv, '--config', box.config], { cwd: box.dir });
        expect(r.code, argv[0]).toBe(2);
        expect(r.stderr).toMatch(/^config\/wg-x\.yaml:18:\d+ members\[1\]\.email: /);
        expect(r.stderr).toMatch(message);
        expect(r.stdout).toBe('');
      }
    } finally {
      await box.cleanup();
    }
  });

  it.each([
    [
      'a 5,000-character name',
      `Bill ${'Lopez'.repeat(1000)}`,
      /members\[1\]\.name: this name cannot go into a mail header: it is 5005 characters long \(at most 200/,
    ],
    [
      'an encoded word that decodes to CR/LF',
      '=?utf-8?Q?Bill=0D=0ABcc:_x@evil.example?=',
      /members\[1\]\.name: this name cannot go into a mail header: it contains an RFC 2047 encoded word/,
    ],
  ])('%s: exit 2 before anything is sent', async (_what, name, message) => {
    const box = await mailSandbox((t) => t.replace('Bill Lopez', name));
    try {
      const r = await tcon(['invite', '--config', box.config, '--year', '2027', '--now', '2026-12-01T00:00Z'], { cwd: box.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^config\/wg-x\.yaml:18:\d+ /);
      expect(r.stderr).toMatch(message);
    } finally {
      await box.cleanup();
    }
  });

  it('a title with an encoded word is refused too', async () => {
    const box = await mailSandbox((t) => t.replace('title: Example WG-X Imaging', 'title: "=?utf-8?B?V0cNCkJjYzogeEBldmlsLmV4YW1wbGU=?="'));
    try {
      const r = await tcon(['schedule', '--config', box.config, '--year', '2027'], { cwd: box.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^config\/wg-x\.yaml:3:8 title: this title cannot go into a mail header: it contains an RFC 2047 encoded word/);
    } finally {
      await box.cleanup();
    }
  });
});

describe('text from elsewhere (a --reason, the library API) is made header-safe', () => {
  it('an encoded word is defused and a long value cut: mailparser reads one line, no extra header', async () => {
    const evil = '=?utf-8?Q?a=0D=0ABcc:_x@evil.example?=';
    const message = {
      key: { recipient: 'b@example.org', uid: 'u@tcon.invalid', recurrenceId: null, sequence: 0, kind: 'request' },
      messageId: '<m@example.org>',
      from: { name: headerSafe('Sec'), email: 'a@example.org' },
      to: { name: headerSafe(`${'A'.repeat(3000)} ${evil}`), email: 'b@example.org' },
      subject: headerSafe(`Cancelled: ${evil}`),
      text: 'hi',
      html: '<p>hi</p>',
      calendar: undefined,
      template: 'cancel' as const,
      reason: 'test',
    };
    const raw = await composeRaw(message, new Date('2027-01-01T00:00:00Z'));
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Cancelled: = ?utf-8?Q?a=0D=0ABcc:_x@evil.example?=');
    expect(parsed.headers.has('bcc')).toBe(false);
    const to = (parsed.to as { value: { name: string }[] }).value[0]!.name;
    expect(to).not.toMatch(/[\r\n]/);
    expect(to.length).toBeLessThanOrEqual(800);
    // Every header line within RFC 5322's 998 octets.
    const head = raw.toString('latin1').split('\r\n\r\n')[0]!;
    for (const line of head.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
  });
});
