import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// The malformed-config corpus (test/fixtures/malformed, made by make.mjs there): every file is
// one broken config. Each must end in exit 2 with a message that names the place (`file:line:col`
// at the line the corpus says, give or take one: a YAML parser may notice a broken construct on
// the line before or after it), no stack trace, quickly and without ballooning memory. All run in
// one child process with a 256 MB heap cap, so a file that blew up memory would kill it.

const CORPUS = fileURLToPath(new URL('../fixtures/malformed', import.meta.url));
const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const VALID = fileURLToPath(new URL('../fixtures/mail/wg-x.yaml', import.meta.url));
const files = ['group', 'tcon', 'regions'].flatMap((sub) =>
  readdirSync(join(CORPUS, sub))
    .sort()
    .map((name) => ({ sub, name })),
);

interface Outcome {
  sub: string;
  name: string;
  shown: string;
  code: number;
  stderr: string;
  stdout: string;
  ms: number;
  rss: number;
}

const outcomes = new Map<string, Outcome>();
let childStderr = '';

beforeAll(() => {
  expect(existsSync(MAIN), 'run npm run build first').toBe(true);
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=256', join(CORPUS, 'run-corpus.mjs'), MAIN, CORPUS, VALID], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  expect(child.status, child.stderr).toBe(0);
  childStderr = child.stderr;
  for (const line of child.stdout.split('\n').filter(Boolean)) {
    const o = JSON.parse(line) as Outcome;
    outcomes.set(`${o.sub}/${o.name}`, o);
  }
}, 150_000);

describe('the malformed-config corpus', () => {
  it('has at least 120 files, and running them printed nothing outside tcon (no warnings of libraries)', () => {
    expect(files.length).toBeGreaterThanOrEqual(120);
    expect(outcomes.size).toBe(files.length);
    expect(childStderr).toBe('');
  });

  it.each(files)('$sub/$name: exit 2, the place, no stack trace, bounded time and memory', ({ sub, name }) => {
    const o = outcomes.get(`${sub}/${name}`)!;
    const expectAt = /^# expect: (\S+)/.exec(readFileSync(join(CORPUS, sub, name), 'latin1'))![1]!;
    expect(o.code, o.stderr + o.stdout).toBe(2);
    expect(o.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
    expect(o.stdout).toBe('');
    // Named as the user gave it (relative to the working directory when inside it).
    const problems = o.stderr.split('\n').filter((l) => l.includes('.yaml:') && o.shown.endsWith(l.slice(0, l.indexOf('.yaml:') + 5)));
    expect(problems.length, o.stderr).toBeGreaterThan(0);
    expect(o.stderr).toMatch(/tcon: \d+ errors? in the configuration\n$/);
    if (/^\d+$/.test(expectAt)) {
      const want = Number(expectAt);
      const lines = problems.map((l) => Number(/^.*?\.yaml:(\d+):\d+ /.exec(l)?.[1]));
      expect(
        lines.some((l) => Math.abs(l - want) <= 1),
        `${o.stderr} (expected line ${want})`,
      ).toBe(true);
    }
    // Measured: 3-60 ms a file, 450 ms for the billion-laughs file; the resident set grows by a
    // few MB at most. Bounds with room for a loaded machine.
    expect(o.ms).toBeLessThan(3_000);
    expect(o.rss).toBeLessThan(100 * 1024 * 1024);
  });
});
