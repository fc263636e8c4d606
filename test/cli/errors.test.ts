import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDir } from '../../src/adapters/files.js';
import { loadSecretariat } from '../../src/adapters/secretariat-file.js';
import { ConfigError, formatProblem } from '../../src/config/errors.js';
import { parseSecretariat } from '../../src/config/secretariat.js';
import { tcon } from '../helpers/cli.js';

// What a user sees when a path is wrong: one line naming it, exit code 2, no stack trace.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-errors-'));
  await writeFile(join(dir, 'afile'), 'not a directory');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function noTrace(stderr: string) {
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('file errors on the command line', () => {
  it('--config that does not exist: the path, without a 0:0 position', async () => {
    const r = await tcon(['schedule', '--config', 'nowhere'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('nowhere: no such config directory or group file (see --config)\ntcon: 1 error in the configuration\n');
  });

  it('ics --out under a file: names the file in the way; nothing written', async () => {
    const r = await tcon(['ics', '--group', 'wg-14', '--year', '2027', '--no-state', '--now', '2027-01-05T08:00Z', '--out', join(dir, 'afile', 'wg-14.ics')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tcon: cannot create the directory ${join(dir, 'afile')}: a file is in the way of a directory on that path\n`);
    expect((await readdir(dir)).sort()).toEqual(['afile']);
  });

  it('ics --out naming a directory: says so, not the temporary file', async () => {
    const r = await tcon(['ics', '--group', 'wg-14', '--year', '2027', '--no-state', '--now', '2027-01-05T08:00Z', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tcon: cannot write ${dir}: it is a directory, not a regular file (tcon replaces only regular files: give another path)\n`);
    expect(await readdir(dir)).toEqual(['afile']);
  });

  it('site --out and roster import --out in an unwritable place', async () => {
    const site = await tcon(['site', '--out', join(dir, 'afile', 'public'), '--year', '2027', '--now', '2027-01-05T08:00Z']);
    expect(site.code).toBe(2);
    expect(site.stderr).toContain(join(dir, 'afile'));
    noTrace(site.stderr);
    const minutes = join(dir, 'minutes.txt');
    await writeFile(minutes, 'X\tAnn\tExample\tExample Imaging\tVoting\n');
    const roster = await tcon(['roster', 'import', minutes, '--out', join(dir, 'afile', 'roster.yaml')]);
    expect(roster.code).toBe(2);
    expect(roster.stderr).toBe(`tcon: cannot create the directory ${join(dir, 'afile')}: a file is in the way of a directory on that path\n`);
    noTrace(roster.stderr);
    // Written whole (temporary file, then rename), into a new directory like every --out.
    const ok = await tcon(['roster', 'import', minutes, '--out', join(dir, 'new', 'roster.yaml')]);
    expect(ok.code).toBe(0);
    expect(await readdir(join(dir, 'new'))).toEqual(['roster.yaml']);
  });
});

describe('ensureDir', () => {
  it('makes missing parents, accepts an existing directory, and names a file in the way', async () => {
    await ensureDir(join(dir, 'a', 'b', 'c'));
    await ensureDir(join(dir, 'a', 'b'));
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['c']);
    await expect(ensureDir(join(dir, 'afile', 'x', 'y'))).rejects.toMatchObject({ code: 'ENOTDIR', path: join(dir, 'afile') });
  });
});

describe('options that contradict each other', () => {
  it.each([
    [['schedule', '--year', '2027', '--next', '3'], '--next counts meetings from now: it excludes --year and --from/--to'],
    [['schedule', '--year', '2027', '--from', '2027-03-01'], '--year and --from/--to exclude each other'],
    [['ics', '--from', '2027-05-01', '--to', '2027-01-01'], '--to 2027-01-01 is before --from 2027-05-01'],
    [['check', '--group', 'wg-14', '--all', '--year', '2027'], '--group and --all exclude each other'],
  ])('%j is a usage error', async (argv, message) => {
    const r = await tcon(argv);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: `tcon: ${message}\n` });
  });
});

describe('parse errors', () => {
  it('an unknown option or a missing required one: one line starting with tcon:, a hint, exit 2', async () => {
    expect(await tcon(['schedule', '--bogus'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: "tcon: unknown option '--bogus'\n(add --help for the options and examples)\n",
    });
    const r = await tcon(['cancel', '--date', '2027-05-18']);
    expect(r).toMatchObject({ code: 2, stderr: "tcon: required option '-g, --group <id>' not specified\n(add --help for the options and examples)\n" });
  });
});

describe('the overview (tcon --help, tcon alone)', () => {
  const commands = ['schedule', 'check', 'suggest', 'roster', 'ics', 'diff', 'invite', 'cancel', 'remind', 'plan', 'site'];
  it('lists every command, in the order of the work, with examples and exit codes', async () => {
    const r = await tcon(['--help']);
    expect(r.code).toBe(0);
    const at = commands.map((c) => r.stdout.search(new RegExp(`^  ${c} `, 'm')));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(r.stdout).toContain('Exit codes: 0 ok, 1 a check or a delivery');
    expect(r.stdout).toContain('  tcon schedule --group wg-14 --year 2027\n');
  });
  it('tcon with no arguments shows the same overview (on stderr, exit 2)', async () => {
    const r = await tcon([]);
    expect(r.code).toBe(2);
    for (const c of commands) expect(r.stderr).toMatch(new RegExp(`^  ${c} `, 'm'));
  });
});

describe('files a command reads', () => {
  it('a corrupt state file stops invite as it stops ics: exit 2, the path, what to do', async () => {
    const config = join(dir, 'config');
    await cp(new URL('../../config', import.meta.url), config, { recursive: true });
    await mkdir(join(config, '.tcon'), { recursive: true }); // there already when tcon ran on the example (its state, the holiday cache)
    await writeFile(join(config, '.tcon', 'state.json'), '{bad');
    for (const argv of [
      ['invite', '--group', 'wg-14', '--year', '2027', '--dry-run', '--outbox', join(dir, 'outbox')],
      ['ics', '--group', 'wg-14', '--year', '2027'],
    ]) {
      const r = await tcon([...argv, '--config', config, '--now', '2027-01-05T08:00Z']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^tcon: ${join(config, '.tcon', 'state.json')}: not JSON .*move it away to start afresh\\n$`));
    }
  });

  it('--password-file that does not exist', async () => {
    const r = await tcon(
      [
        'invite',
        '--group',
        'wg-14',
        '--smtp',
        'smtp://127.0.0.1:2525',
        '--user',
        'u',
        '--password-file',
        'nofile',
        '--dry-run',
        '--config',
        join(process.cwd(), 'config'),
      ],
      { cwd: dir },
    );
    expect(r).toMatchObject({ code: 2, stderr: 'tcon: --password-file nofile: no such file\n' });
  });

  it('tcon.yaml problems name the file as group files are named (relative to the working directory)', async () => {
    // A directory inside the working directory (test-output/ is not committed).
    await mkdir(join(process.cwd(), 'test-output'), { recursive: true });
    const inside = await mkdtemp(join(process.cwd(), 'test-output', 'tcon-yaml-'));
    try {
      await writeFile(join(inside, 'tcon.yaml'), 'conflicts: { buffer: -1 }\n');
      const e = await loadSecretariat(inside, []).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.map((p) => p.file)).toEqual([relative(process.cwd(), join(inside, 'tcon.yaml'))]);
    } finally {
      await rm(inside, { recursive: true, force: true });
    }
  });
});

describe('tcon.yaml reports every problem at once', () => {
  it('an unknown key does not hide the meaning checks of the rest', () => {
    const r = parseSecretariat('conflicts: { buffer: -5 }\nblackouts:\n  - { name: B, from: 13-01, to: "01-02" }\nfoo: 1\n', 'tcon.yaml', []);
    expect(r.settings).toBeUndefined();
    expect(r.problems.map(formatProblem)).toEqual([
      'tcon.yaml:1:22 conflicts.buffer: buffer -5 is not a whole number of minutes (0 or more)',
      'tcon.yaml:3:22 blackouts[0].from: "13-01" is not a date (expected YYYY-MM-DD, or MM-DD for every year)',
      'tcon.yaml:4:1 foo: unknown key "foo" (known: conflicts, holidays, blackouts, bridges, site)',
    ]);
  });
});

describe('--config FILE in a directory with tcon.yaml', () => {
  it('one group file of a directory whose tcon.yaml names its other groups is fine', async () => {
    const r = await tcon(['schedule', '--config', 'test/fixtures/plan/wg-beta.yaml', '--year', '2027', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { group: string }[]).every((m) => m.group === 'wg-beta')).toBe(true);
  });

  it('a whole directory still checks the groups tcon.yaml names: a missing one is a warning, the blackout holds for the others', async () => {
    await writeFile(join(dir, 'tcon.yaml'), 'blackouts:\n  - { name: B, from: "12-24", to: "01-01", groups: [wg-x, a] }\n');
    await writeFile(join(dir, 'a.yaml'), 'id: a\n');
    const r = await loadSecretariat(dir, ['a']);
    expect(r.problems.map((p) => [p.severity, p.field, p.message])).toEqual([
      [
        'warning',
        'blackouts[0].groups[0]',
        'blackout names group "wg-x", which no group file defines: it holds for the other groups it names (remove "wg-x" from the list to silence this)',
      ],
    ]);
    expect(r.settings.blackouts.map((b) => [b.name, b.groups])).toEqual([['B', ['wg-x', 'a']]]);
    await writeFile(join(dir, 'wg-x.yaml'), 'id: wg-x\n');
    expect((await loadSecretariat(dir, ['a'])).problems).toEqual([]);
  });
});
