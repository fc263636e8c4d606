import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockError, SendLogError } from '../../src/adapters/sendlog.js';
import { SmtpConfigError } from '../../src/adapters/smtp.js';
import { StateFileError } from '../../src/adapters/state.js';
import { NotARegularFileError } from '../../src/adapters/files.js';
import { UsageError } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { say, usage, warn } from '../../src/cli/messages.js';
import { ConfigError, showProblem, type ConfigProblem } from '../../src/config/errors.js';
import { parseGroup } from '../../src/config/parse.js';
import { EXIT, TconError } from '../../src/errors.js';
import { MailError } from '../../src/mail/messages.js';
import { TemplateError } from '../../src/mail/template.js';
import { tcon } from '../helpers/cli.js';

// The error contract (src/errors.ts): every error tcon means has a code and an exit code, and
// runCli maps them in one place: 0 ok, 1 a check or a delivery failed, 2 the user's to fix,
// 70 a bug in tcon.

describe('the error classes', () => {
  it.each([
    { name: 'ConfigError', make: () => new ConfigError([]), code: 'config.invalid', exit: 2 },
    { name: 'UsageError', make: () => new UsageError('x'), code: 'usage', exit: 2 },
    { name: 'MailError', make: () => new MailError('x'), code: 'mail.invalid', exit: 2 },
    { name: 'TemplateError', make: () => new TemplateError('x'), code: 'template.invalid', exit: 2 },
    { name: 'SmtpConfigError', make: () => new SmtpConfigError('x'), code: 'smtp.config', exit: 2 },
    { name: 'StateFileError', make: () => new StateFileError('x'), code: 'state.unreadable', exit: 2 },
    { name: 'SendLogError', make: () => new SendLogError('x'), code: 'sendlog.damaged', exit: 2 },
    { name: 'NotARegularFileError', make: () => new NotARegularFileError('/tmp/x', 'a directory'), code: 'ENOTREG', exit: 2 },
    { name: 'LockError', make: () => new LockError('x'), code: 'sendlog.locked', exit: 1 },
  ])('$name: a TconError with code $code and exit $exit', ({ name, make, code, exit }) => {
    const e = make();
    expect(e).toBeInstanceOf(TconError);
    expect(e).toBeInstanceOf(Error);
    expect({ name: e.name, code: e.code, exit: e.exit }).toEqual({ name, code, exit });
  });
});

/** runCli with captured output and an stdout that may fail. */
async function run(argv: string[], opts: { env?: Record<string, string>; stdoutFails?: Error } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: {
      write: (s: string) => {
        if (opts.stdoutFails) throw opts.stdoutFails;
        stdout += s;
      },
    },
    stderr: { write: (s: string) => (stderr += s) },
    env: { TCON_HOLIDAY_CACHE: 'off', ...opts.env },
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

describe('exit codes through runCli', () => {
  it('an internal error (a fault that is no TconError) exits 70, said in one line', async () => {
    const r = await run(['--version'], { stdoutFails: new Error('the terminal went away') });
    expect(r.code).toBe(EXIT.internal);
    expect(r.code).toBe(70);
    expect(r.stderr).toBe('tcon: internal error: the terminal went away\n');
  });

  it('TCON_DEBUG=1 adds the stack to an internal error', async () => {
    const r = await run(['--version'], { stdoutFails: new Error('the terminal went away'), env: { TCON_DEBUG: '1' } });
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/^tcon: internal error: Error: the terminal went away\n\s+at /);
  });

  it('a failed check exits 1', async () => {
    const r = await tcon(['check', '2027-03-16T03:00', '--zone', 'America/New_York', '--regions', 'japan,us-west', '--require', 'us-west']);
    expect(r.code).toBe(EXIT.failed);
    expect(r.stdout).toContain('FAIL: required region rated poor: us-west');
  });

  it('the same check, passing, exits 0', async () => {
    const r = await tcon(['check', '2027-03-16T12:00', '--zone', 'America/New_York', '--regions', 'us-west', '--require', 'us-west']);
    expect(r.code).toBe(EXIT.ok);
  });

  it('a usage error exits 2 with its catalogue message', async () => {
    expect(await tcon(['schedule', '--year', '27'])).toMatchObject({ code: 2, stdout: '', stderr: `tcon: ${usage.badYear('27')}\n` });
    expect(await tcon(['schedule', '--group', 'wg-14', '--all', '--no-holidays'])).toMatchObject({ code: 2, stderr: `tcon: ${usage.groupAndAll()}\n` });
  });
});

describe('a config problem: its line, then the source line and a caret under the bad text', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tcon-contract-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const GROUP = [
    'id: wg-99',
    'title: WG-99 Example',
    'timezone: UTC',
    'series:',
    '  - rule: FREQ=MONTHLY;BYDAY=2TH',
    '    from: 2027-01-14',
    '    slots: ["09:00", "25:00"]',
    '',
  ].join('\n');

  it('through the command line: exit 2, the first line as before, the caret under "25:00"', async () => {
    const file = join(dir, 'wg-99.yaml');
    await writeFile(file, GROUP);
    const r = await tcon(['schedule', '--config', file, '--year', '2027', '--no-holidays']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${file}:7:22 series[0].slots[1]: slot time "25:00" is not a time of day (expected HH:mm, 00:00-23:59)\n` +
        '        slots: ["09:00", "25:00"]\n' +
        '                         ^^^^^^^\n' +
        'tcon: 1 error in the configuration\n',
    );
  });

  it("a YAML syntax error carries yaml's code, and its caret", () => {
    const { problems } = parseGroup('id: wg-99\ntitle: "open\n', 'g.yaml');
    expect(problems.length).toBeGreaterThan(0);
    const p = problems[0]!;
    expect(p.code).toMatch(/^yaml\.[A-Z_]+$/);
    const shown = showProblem(p).split('\n');
    expect(shown[0]).toMatch(/^g\.yaml:2:8 YAML syntax error: /);
    expect(shown[1]).toBe('    title: "open');
    expect(shown[2]).toBe('           ^');
  });

  it('structural problems carry their kind as a code, with the caret under the key or value', () => {
    const text = [
      'id: wg-99',
      'title: WG-99 Example',
      'timezone: UTC',
      'duration: sixty',
      'colour: blue',
      'series:',
      '  - rule: FREQ=MONTHLY;BYDAY=2TH',
      '    slots: ["09:00"]',
      '',
    ].join('\n');
    const { problems } = parseGroup(text, 'g.yaml');
    const byField = Object.fromEntries(problems.map((p) => [p.field, p]));
    expect(byField.duration?.code).toBe('config.expected-type');
    expect(byField.colour?.code).toBe('config.unknown-key');
    expect(showProblem(byField.colour!).split('\n').slice(1)).toEqual(['    colour: blue', '    ^^^^^^']);
    expect(showProblem(byField.duration!).split('\n').slice(1)).toEqual(['    duration: sixty', '              ^^^^^']);
  });

  it('a problem without a source position is its one line', () => {
    const p: ConfigProblem = {
      file: 'nowhere',
      line: 0,
      col: 0,
      field: '',
      message: 'no such config directory or group file',
      severity: 'error',
      code: 'config.no-config',
    };
    expect(showProblem(p)).toBe('nowhere: no such config directory or group file');
  });

  it('credentials in a URL are masked in the excerpt, the caret still under the value', () => {
    const p: ConfigProblem = {
      file: 'g.yaml',
      line: 3,
      col: 15,
      field: 'mail.smtp',
      message: 'not an SMTP server URL',
      severity: 'error',
      code: 'config.bad-smtp-url',
      excerpt: { text: 'mail: { smtp: "smtp://sam:secret@mail.example.org" }', length: 36 },
    };
    const [, source, caret] = showProblem(p).split('\n');
    expect(source).toBe('    mail: { smtp: "smtp://**********@mail.example.org" }');
    expect(source).not.toContain('secret');
    expect(caret).toBe(`    ${' '.repeat(14)}${'^'.repeat(36)}`);
  });

  it('a long line is cut around the bad text', () => {
    const text = `members: [${'x'.repeat(150)}, "bad", ${'y'.repeat(150)}]`;
    const col = text.indexOf('"bad"') + 1;
    const p: ConfigProblem = {
      file: 'g.yaml',
      line: 9,
      col,
      field: 'members[1]',
      message: 'bad',
      severity: 'error',
      code: 'config.bad-email',
      excerpt: { text, length: 5 },
    };
    const [, source, caret] = showProblem(p).split('\n');
    expect(source!.length).toBeLessThanOrEqual(4 + 100);
    expect(source!.slice(caret!.indexOf('^'), caret!.indexOf('^') + 5)).toBe('"bad"');
  });
});

describe('every user-facing message of src/cli is in the catalogue (src/cli/messages.ts)', () => {
  const root = new URL('../../src/cli/', import.meta.url);
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && f !== 'messages.ts');
  const sources = files.map((f) => ({ file: f, text: readFileSync(new URL(f, root), 'utf8') }));

  it('no UsageError is written inline (its text comes from usage.* or the config catalogue)', () => {
    expect(files.length).toBeGreaterThan(30);
    const inline = sources.flatMap(({ file, text }) => [...text.matchAll(/new UsageError\(\s*[`'"]/g)].map(() => file));
    expect(inline).toEqual([]);
    const made = sources.flatMap(({ text }) => [...text.matchAll(/new UsageError\(\s*([\w.]+)/g)].map((m) => m[1]!.split('.')[0]));
    expect(made.length).toBeGreaterThan(60);
    // usage.x(...), msg.x(...) (src/config/messages.ts), or a variable holding one of them.
    expect(new Set(made)).toEqual(new Set(['usage', 'msg', 'exists']));
  });

  it('every warning goes through io.warning, every "tcon: ..." line through io.tell, every config problem through io.reportProblems', () => {
    const direct = sources.filter(({ file, text }) => file !== 'io.ts' && /tcon: warning:|formatProblem\(/.test(text)).map((s) => s.file);
    expect(direct).toEqual([]);
    // main.ts: runCli's one mapping of errors to what the user reads.
    const inline = sources.filter(({ file, text }) => !['io.ts', 'main.ts'].includes(file) && /(stderr|stdout)\.write\(`tcon:/.test(text)).map((s) => s.file);
    expect(inline).toEqual([]);
  });

  it('every message of the catalogue is used', () => {
    const all = sources.map((s) => s.text).join('\n');
    const unused = [
      ...Object.keys(usage)
        .filter((k) => !all.includes(`usage.${k}(`))
        .map((k) => `usage.${k}`),
      ...Object.keys(warn)
        .filter((k) => !all.includes(`warn.${k}(`))
        .map((k) => `warn.${k}`),
      ...Object.keys(say)
        .filter((k) => !all.includes(`say.${k}(`))
        .map((k) => `say.${k}`),
    ];
    expect(unused).toEqual([]);
  });
});
