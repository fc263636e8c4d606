// The JSON outputs are contracts (docs/json.md), each with a JSON Schema in schema/ beside the
// schemas of the input files. Real outputs of the command line, on the example config and on
// fixtures with skips, moves, one-offs, holidays and conflicts, must validate against them; the
// schemas are closed (additionalProperties: false), so a field added to an output without its
// schema fails here.
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { readDoc, repoPath } from '../helpers/docs.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const OUTPUTS = ['schedule', 'check', 'suggest', 'plan', 'diff'] as const;
const schemaFile = (name: string) => `schema/${name}.output.schema.json`;
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }));
const validators = Object.fromEntries(OUTPUTS.map((n) => [n, ajv.compile(JSON.parse(readFileSync(repoPath(schemaFile(n)), 'utf8')))]));

/** The output's errors against its schema, in words ([] when valid). */
function problems(name: (typeof OUTPUTS)[number], value: unknown): string[] {
  const validate = validators[name]!;
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

async function json(argv: string[], cwd?: string): Promise<unknown> {
  const r = await tcon(argv, { cwd });
  expect(r.code, `tcon ${argv.join(' ')}\n${r.stderr}`).toBeLessThanOrEqual(1);
  return JSON.parse(r.stdout);
}

const SYD = repoPath('test/fixtures/interop/wg-syd.yaml');
const KOL = repoPath('test/fixtures/interop/wg-kol.yaml');
const NOW = ['--now', '2026-12-01T00:00Z'];

describe('output JSON Schemas', () => {
  it('are published with the package and listed in docs/json.md', () => {
    const pkg = JSON.parse(readDoc('package.json')) as { exports: Record<string, string> };
    const docs = readDoc('docs/json.md');
    for (const n of OUTPUTS) {
      expect(pkg.exports[`./${schemaFile(n)}`]).toBe(`./${schemaFile(n)}`);
      expect(docs).toContain(schemaFile(n));
    }
  });

  it('tcon schedule --format json: the example, and fixtures with skips, moves and one-offs, with and without holidays', async () => {
    const runs = [
      await json(['schedule', '--group', 'wg-14', '--year', '2027', '--format', 'json', ...NOW]),
      await json(['schedule', '--config', SYD, '--from', '2019-01-01', '--to', '2020-12-31', '--format', 'json', ...NOW]),
      await json(['schedule', '--config', KOL, '--from', '2019-01-01', '--to', '2020-12-31', '--format', 'json', '--no-holidays', ...NOW]),
      await json(['schedule', '--config', SYD, '--year', '2027', '--format', 'json', ...NOW]),
    ] as { status: string; holidays?: unknown[] }[][];
    for (const out of runs) expect(problems('schedule', out)).toEqual([]);
    const all = runs.flat();
    // The outputs cover what the schema describes: every status, holidays present and absent.
    expect(new Set(all.map((m) => m.status))).toEqual(new Set(['scheduled', 'moved', 'skipped', 'added']));
    expect(all.some((m) => m.holidays?.length)).toBe(true);
    expect(all.some((m) => m.holidays === undefined)).toBe(true);
  });

  it('tcon check --format json: one slot, and schedules', async () => {
    const slot = await json([
      'check',
      '2027-03-16T09:00',
      '--zone',
      'America/New_York',
      '--regions',
      'japan,us-west,Europe/Paris',
      '--require',
      'japan,us-west',
      '--format',
      'json',
    ]);
    expect(problems('check', slot)).toEqual([]);
    expect(slot).toMatchObject({ mode: 'slot', summary: { ok: false } });
    for (const argv of [
      ['--group', 'wg-14', '--year', '2027', '--require', 'japan-korea'],
      ['--config', SYD, '--from', '2019-01-01', '--to', '2020-12-31'],
    ]) {
      const out = (await json(['check', ...argv, '--format', 'json', ...NOW])) as { mode: string; summary: { warnings: unknown[]; members: unknown[] } };
      expect(problems('check', out)).toEqual([]);
      expect(out.mode).toBe('schedule');
      expect(out.summary.warnings.length).toBeGreaterThan(0);
      expect(out.summary.members.length).toBeGreaterThan(0);
    }
  });

  it('tcon suggest --format json', async () => {
    const out = (await json(['suggest', '--group', 'wg-14', '--year', '2027', '--format', 'json', ...NOW])) as { current: unknown; suggestions: unknown[] };
    expect(problems('suggest', out)).toEqual([]);
    expect(out.current).not.toBeNull();
    expect(out.suggestions.length).toBe(5);
  });

  describe('with a config of its own', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'tcon-schemas-'));
    });
    afterAll(async () => rm(dir, { recursive: true, force: true }));

    it('tcon plan --format json: holidays, blackouts, conflicts, corrections; and with --fix, the changes', async () => {
      const plan = join(dir, 'plan');
      await cp(repoPath('test/fixtures/plan'), plan, { recursive: true });
      // Corrections of the holiday data, one that applies and one that changes nothing.
      const settings = join(plan, 'tcon.yaml');
      const corrections =
        '  corrections:\n    - { country: US, date: 2027-11-26, add: Day after Thanksgiving }\n    - { country: US, date: 2027-02-02, remove: not a holiday }\n';
      await writeFile(settings, (await readFile(settings, 'utf8')).replace('  policy: warn\n', `  policy: warn\n${corrections}`));
      const report = (await json(['plan', '--config', plan, '--year', '2027', '--format', 'json', ...NOW])) as Record<string, unknown[]>;
      expect(problems('plan', report)).toEqual([]);
      for (const k of ['dates', 'conflicts', 'corrections', 'sources']) expect(report[k]!.length, k).toBeGreaterThan(0);
      const fixed = (await json(['plan', '--config', plan, '--year', '2027', '--fix', '--format', 'json', ...NOW])) as Record<string, unknown[]>;
      expect(problems('plan', fixed)).toEqual([]);
      expect(fixed.changes!.length).toBeGreaterThan(0);
    });

    it('tcon diff --json: meetings added, moved, cancelled, and a skip that re-slots', async () => {
      const config = join(dir, 'diff');
      await cp(repoPath('config/wg-14.yaml'), join(config, 'wg-14.yaml'));
      const run = (...argv: string[]) => tcon([...argv, '--config', config, ...NOW], { cwd: dir });
      expect((await run('ics', '--invite', '--year', '2027', '--out', join(dir, 'invite.ics'))).code).toBe(0);
      expect((await run('skip', '2027-05-18')).code).toBe(0);
      expect((await run('move', '2027-03-16', '--to', '2027-03-17')).code).toBe(0);
      const out = (await json(['diff', '--config', config, '--year', '2027', '--invite', '--json', ...NOW])) as {
        changes: { kind: string; scope: string }[];
      }[];
      expect(problems('diff', out)).toEqual([]);
      expect(out[0]!.changes.map((c) => `${c.kind} ${c.scope}`)).toEqual(expect.arrayContaining(['changed meeting', 'cancelled meeting']));
      const fresh = await json(['diff', '--config', config, '--year', '2028', '--invite', '--json', ...NOW]);
      expect(problems('diff', fresh)).toEqual([]);
    });
  });

  it('are closed: a field the contract does not name is refused', async () => {
    const out = (await json(['schedule', '--group', 'wg-14', '--year', '2027', '--format', 'json', ...NOW])) as Record<string, unknown>[];
    expect(problems('schedule', [{ ...out[0], extra: 1 }])).toEqual([expect.stringContaining('must NOT have additional properties')]);
    const { status: _, ...withoutStatus } = out[0]!;
    expect(problems('schedule', [withoutStatus])).toEqual([expect.stringContaining("must have required property 'status'")]);
  });
});
