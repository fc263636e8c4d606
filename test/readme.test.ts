import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { tcon } from './helpers/cli.js';
import { codeBlocks, docSection, readDoc } from './helpers/docs.js';
import { parseGroup } from '../src/config/parse.js';
import { formatProblem } from '../src/config/problems.js';
import { parseSecretariat } from '../src/config/secretariat.js';
import { parseRule } from '../src/schedule/recurrence.js';

// The config examples of the README and docs/ are what people copy: they must stay valid as the
// schema changes.
const readme = readDoc('README.md');
const blocks = codeBlocks('yaml');
const firstKey = (b: string) => b.split('\n').find((l) => l.trim() && !l.startsWith('#')) ?? '';

describe('README and docs config examples', () => {
  it('every group file example is a valid group', () => {
    const groups = blocks.filter((b) => firstKey(b.code).startsWith('id:'));
    expect(groups.map((b) => b.file)).toEqual(expect.arrayContaining(['README.md', 'docs/config.md']));
    for (const b of groups) expect(parseGroup(b.code, b.file).problems).toEqual([]);
  });
  it('the tcon.yaml example is valid secretariat settings', () => {
    const settings = blocks.filter((b) => firstKey(b.code).startsWith('conflicts:'));
    expect(settings.length).toBe(1);
    const r = parseSecretariat(settings[0]!.code, settings[0]!.file, ['wg-14']);
    expect(r.problems).toEqual([]);
    expect(r.settings?.blackouts.length).toBe(3);
  });
});

/** A shell line's words: double quotes group, `# ...` outside quotes is a comment. Enough for the README's examples. */
function words(line: string): string[] {
  const out: string[] = [];
  let cur: string | undefined;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') {
      quoted = !quoted;
      cur ??= '';
    } else if (!quoted && ch === '#' && cur === undefined) break;
    else if (!quoted && /\s/.test(ch)) {
      if (cur !== undefined) out.push(cur);
      cur = undefined;
    } else cur = (cur ?? '') + ch;
  }
  if (cur !== undefined) out.push(cur);
  return out;
}

describe('README: your own group, right after the example', () => {
  const start = readme.indexOf('### Your own group');
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(start))![1]!;
  const commands = block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((l) => l.trim())
    .map(words);

  it('comes right after the quick start, before the commands', () => {
    expect(start).toBeGreaterThan(readme.indexOf('## Quick start'));
    expect(start).toBeLessThan(readme.indexOf('## Commands'));
    expect(commands.map((c) => c.slice(0, 2).join(' '))).toEqual(['tcon init', 'tcon schedule', 'tcon check', 'tcon skip', 'tcon move', 'tcon invite']);
  });

  it('runs as written, in an empty directory, each command exiting 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tcon-readme-'));
    try {
      const outputs: string[] = [];
      for (const argv of commands) {
        const r = await tcon([...argv.slice(1), '--now', '2026-12-01T00:00Z'], { cwd: dir });
        expect(r.code, `${argv.join(' ')}\n${r.stderr}`).toBe(0);
        outputs.push(r.stdout);
      }
      // The group it describes: 2nd Thursday, 8-9am and 4-5pm US Pacific, no call in August,
      // March on the Wednesday.
      const file = await readFile(join(dir, 'mygroups', 'wg-27.yaml'), 'utf8');
      expect(parseGroup(file, 'wg-27.yaml').problems).toEqual([]);
      expect(parse(file).meetings).toEqual({ '2027-03-11': { move: '2027-03-10' }, '2027-08-12': { skip: 'summer break' } });
      const json = JSON.parse(
        (await tcon(['schedule', '--config', 'mygroups/', '--year', '2027', '--format', 'json', '--no-holidays'], { cwd: dir })).stdout,
      ) as { date: string; start: string; status: string }[];
      expect(json.find((m) => m.date === '2027-03-11')).toMatchObject({ start: expect.stringMatching(/^2027-03-10T/), status: 'moved' });
      expect(json.find((m) => m.date === '2027-08-12')).toMatchObject({ status: 'skipped' });
      expect(outputs[5]).toContain('wg-27: would send 2 invitations for 11 meetings');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a minimal group file (about ten lines) is in the README, and comes before the full reference', () => {
    const inReadme = docSection('A minimal group file', 'README.md').text;
    const { file, text: section } = docSection('The group file');
    const first = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    expect(/```yaml\n([\s\S]*?)```/.exec(inReadme)![1]).toBe(first);
    expect(first.trim().split('\n').length).toBeLessThanOrEqual(12);
    expect(parseGroup(first, file).problems).toEqual([]);
    expect(section.indexOf('### A minimal group file')).toBeLessThan(section.indexOf('### Every key'));
    expect(readme.indexOf('## A minimal group file')).toBeLessThan(readme.indexOf('## Documentation'));
  });
});

// The "Rule phrases" section (docs/rule-phrases.md) is the grammar's documentation: every example
// must read to the RRULE beside it, and every refused example must be refused.
describe('docs: rule phrases', () => {
  const section = docSection('Rule phrases').text;
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  const cells = (row: string) =>
    row
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
  const quoted = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  const accepted = rows.filter((r) => /^`(FREQ|INTERVAL)=/.test(cells(r)[1] ?? ''));
  const refused = rows.filter((r) => !accepted.includes(r));

  it('lists the phrase forms, each example with its RRULE', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(25);
    for (const row of accepted) {
      const [phrases, rule] = cells(row);
      const examples = quoted(phrases!);
      expect(examples.length).toBeGreaterThan(0);
      for (const p of examples) expect(parseRule(p), p).toEqual({ ok: true, rule: quoted(rule!)[0] });
    }
  });

  it('lists refused phrases, and each is refused', () => {
    expect(refused.length).toBeGreaterThanOrEqual(10);
    for (const row of refused) for (const p of quoted(cells(row)[0]!)) expect(parseRule(p).ok, p).toBe(false);
  });

  it('its error example is what tcon prints for that config line', () => {
    const line = section.split('\n').find((l) => l.startsWith('config/wg-14.yaml:'))!;
    const example = readFileSync(new URL('../config/wg-14.yaml', import.meta.url), 'utf8').replace(
      'every month on the 3rd Tuesday',
      'every montth on the 3rd Tuesday',
    );
    expect(parseGroup(example, 'config/wg-14.yaml').problems.map(formatProblem)).toEqual([line]);
  });
});

// Every `tcon` command line in the README's and docs' ```sh examples names a command tcon has, and
// only options that command takes (as its own --help lists them): an example cannot outlive a
// renamed command or option.
describe('README and docs command examples', () => {
  const SUBCOMMANDS = new Set(['roster', 'import']);
  const examples = codeBlocks('sh').flatMap(({ file, code }) =>
    code
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .flatMap((line) => line.split('&&'))
      .map((part) => words(part.trim()).map((w) => (w === './bin/tcon.js' ? 'tcon' : w)))
      .map((argv) => argv.slice(argv.findIndex((w) => !/^[A-Z_]+=/.test(w))))
      .filter((argv) => argv[0] === 'tcon')
      .map((argv) => ({ file, argv })),
  );
  const command = (argv: string[]) => (argv[1]?.startsWith('-') ? [] : argv.slice(1, SUBCOMMANDS.has(argv[1]!) ? 3 : 2));

  it('are found in README.md, docs/commands.md and docs/mail.md', () => {
    const files = new Set(examples.map((e) => e.file));
    for (const f of ['README.md', 'docs/commands.md', 'docs/mail.md']) expect(files).toContain(f);
    expect(examples.length).toBeGreaterThan(40);
  });

  it('use only commands and options tcon has', async () => {
    const help = new Map<string, string>();
    for (const cmd of new Set(examples.map((e) => command(e.argv).join(' ')))) {
      const r = await tcon([...cmd.split(' ').filter(Boolean), '--help']);
      expect(r.code, `tcon ${cmd} --help\n${r.stderr}`).toBe(0);
      help.set(cmd, r.stdout);
    }
    for (const { file, argv } of examples) {
      const text = help.get(command(argv).join(' '))!;
      const options = argv.map((w) => w.replace(/^\[/, '').replace(/[=\]].*$/, '')).filter((w) => /^--[a-z]/.test(w));
      for (const o of options) expect(text, `${file}: ${argv.join(' ')}: ${o}`).toMatch(new RegExp(`(^|[\\s,])${o}(?![\\w-])`, 'm'));
    }
  });
});
