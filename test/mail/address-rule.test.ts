import { domainToASCII } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressProblem } from '../../src/schedule/address.js';
import { tcon } from '../helpers/cli.js';
import { mailSandbox, parse } from '../helpers/mail-config.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

// One address rule: an address the config accepts is one the mail sends to, as written; one it
// refuses never reaches a batch. Tricky addresses from RFC 5322 3.2.3 (atext) and RFC 6531
// (UTF-8 mailboxes), each as a member of a group, through the config and a real SMTP server.
const ACCEPTED = [
  'o.brien+wg@example.org',
  "o'brien@example.org",
  'a/b=c?d@example.org',
  '{x}|~^`@example.org',
  '#1!$%&*@example.org',
  'jörg@example.org',
  'ann@mail.xn--bcher-kva.example',
  'bob@bücher.example',
  'UPPER@Example.ORG',
];
const REFUSED = [
  'a,b@example.org',
  'ann@example',
  '"ann lee"@example.org',
  'ann@[192.0.2.1]',
  'ann..lee@example.org',
  'ann.@example.org',
  'ann@exa_mple.org',
  'ann@-x.example.org',
  'ann@example.org\u200b',
  'ann@example.org.',
  `${'ä'.repeat(33)}@example.org`,
];

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp({ size: 0 });
});
afterAll(async () => smtp.close());

// The same mailbox: local part as written (case aside), the domain compared in its ASCII (IDNA) form.
const mailbox = (a: string) => `${a.slice(0, a.lastIndexOf('@'))}@${domainToASCII(a.slice(a.lastIndexOf('@') + 1))}`.toLowerCase();

const members = (emails: readonly string[]) => emails.map((e, i) => `  - { name: Member ${i}, email: ${JSON.stringify(e)}, zone: Europe/Berlin }\n`).join('');

describe('the address rule: config and mail agree', () => {
  it.each(REFUSED)('%j is refused by the config (exit 2, nothing sent)', async (email) => {
    expect(addressProblem(email)).toBeDefined();
    const box = await mailSandbox((t) => `${t}${members([email])}`);
    try {
      smtp.received.length = 0;
      const r = await tcon(['remind', '--config', box.config, '--smtp', smtp.url, '--days', '7', '--now', '2027-03-09T08:00Z'], { cwd: box.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/members\[3\]\.email: .* is not an email address/);
      expect(smtp.received).toHaveLength(0);
    } finally {
      await box.cleanup();
    }
  });

  it('every address the config accepts gets its message, with that address in RCPT TO and To', async () => {
    for (const e of ACCEPTED) expect(addressProblem(e), e).toBeUndefined();
    const box = await mailSandbox((t) => `${t}${members(ACCEPTED)}`);
    try {
      smtp.received.length = 0;
      const r = await tcon(['remind', '--config', box.config, '--smtp', smtp.url, '--days', '7', '--now', '2027-03-09T08:00Z', '--retry-delay', '1'], {
        cwd: box.dir,
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`sent ${3 + ACCEPTED.length}, skipped 0`);
      const rcpt = smtp.received.flatMap((m) => m.to.map(mailbox));
      for (const e of ACCEPTED) expect(rcpt, e).toContain(mailbox(e));
      for (const m of smtp.received) {
        const to = ((await parse(m.raw)).to as { value: { address: string }[] }).value.map((v) => v.address);
        expect(to.map(mailbox)).toEqual(m.to.map(mailbox));
      }
    } finally {
      await box.cleanup();
    }
  });
});
