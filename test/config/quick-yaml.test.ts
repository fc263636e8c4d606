// quickYaml reads the plain subset of YAML config files are written in without the yaml library:
// whatever it accepts must read exactly as the library reads it (parseDocument + toJS, no problem
// from readYaml), and everything else must be left to the library (undefined). Checked on every
// YAML file of the repository (the malformed fixtures included), on the scale benchmarks' corpora,
// on generated configs, on generated YAML-ish lines, and on hand-picked edges.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Node as YamlNode } from 'yaml';
import { parseGroup } from '../../src/config/parse.js';
import { parseSecretariat } from '../../src/config/secretariat.js';
import { LineStarts, readYaml, SourceMap, type Path } from '../../src/config/problems.js';
import { quickYaml } from '../../src/config/quick-yaml.js';
import { importYaml2ical } from '../../src/import/from-yaml2ical.js';
import { readYaml2icalMeeting } from '../../src/import/yaml2ical.js';
// @ts-expect-error: a plain JS module of the benchmarks
import { registryGroupText, syntheticGroupText, SHARED } from '../../bench/corpus.js';
import { configOf, groupArb } from '../calendar/generators.js';

const ROOT = new URL('../..', import.meta.url).pathname;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** quickYaml's reading of `text`: undefined, or the library's data of a file without problems. */
function agrees(text: string): boolean {
  const quick = quickYaml(text);
  if (quick === undefined) return false;
  const read = readYaml(text, 'f.yaml');
  expect(read.problems).toEqual([]);
  expect(quick).toStrictEqual(read.data);
  // Key order too (toStrictEqual does not look at it).
  expect(JSON.stringify(quick)).toBe(JSON.stringify(parseDocument(text).toJS()));
  samePositions(text, read.map);
  return true;
}

/**
 * The problems SourceMap.lazy places by quickYaml's nodes are where the library's document places
 * them (line, column, excerpt and caret length): at every value and key of the file, at every
 * index into its string values (`at`, rule phrases), and past its ends (a path the file lacks).
 * `text` is one quickYaml reads.
 */
function samePositions(text: string, lib: SourceMap = readYaml(text, 'f.yaml').map): number {
  const quick = SourceMap.lazy('f.yaml', text);
  const paths: { path: Path; node: unknown }[] = [];
  const walk = (node: unknown, path: Path): void => {
    paths.push({ path, node });
    if (isMap(node)) for (const pair of node.items) walk(pair.value, [...path, String((pair.key as { value: unknown }).value)]);
    else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(parseDocument(text).contents, []);
  let checked = 0;
  const same = (path: Path, key = false, at?: number): void => {
    const opts = at === undefined ? { key } : { key, at };
    expect(quick.problem(path, 'p', opts), `${JSON.stringify(path)} key ${key} at ${at}\n${text}`).toEqual(lib.problem(path, 'p', opts));
    checked++;
  };
  for (const { path, node } of paths) {
    same(path);
    if (path.length) same(path, true);
    for (const extra of ['nope', 0, 7]) same([...path, extra]);
    const value = isScalar(node) ? (node as YamlNode & { value: unknown }).value : undefined;
    if (typeof value === 'string') for (let at = 0; at <= value.length + 1; at++) same(path, false, at);
  }
  return checked;
}

describe('quickYaml', () => {
  it("reads the repository's YAML files as the yaml library does, or leaves them to it", () => {
    const files = [...yamlFiles(join(ROOT, 'config')), ...yamlFiles(join(ROOT, 'test/fixtures'))];
    expect(files.length).toBeGreaterThan(200);
    let read = 0;
    for (const f of files) if (agrees(readFileSync(f, 'utf8'))) read++;
    // Most files of the plain form are read without the library (the malformed ones are not).
    expect(read).toBeGreaterThan(20);
  });

  it('reads every file of the scale corpora, as the library does', () => {
    let rnd = 14;
    const random = (): number => (rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 200; i++) {
      expect(agrees(registryGroupText(i, random))).toBe(true);
      expect(agrees(syntheticGroupText(i, i % 2 ? SHARED.extra : '', 2020 + (i % 10)))).toBe(true);
    }
  });

  it('reads the group files tcon import yaml2ical writes (comments after flow values) as the library does', () => {
    const dir = join(ROOT, 'test/fixtures/yaml2ical/meetings');
    const meetings = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => readYaml2icalMeeting(readFileSync(join(dir, f), 'utf8'), f, f.replace(/\.yaml$/, '')).meeting!)
      .filter(Boolean);
    expect(meetings.length).toBeGreaterThan(20);
    const { groups } = importYaml2ical(meetings, 'meetings');
    // Every one of them is read without the library (the import's `slots: ["14:00"]   # ...`).
    for (const g of groups) expect(agrees(g.text), g.file).toBe(true);
  });

  it('reads generated configs (as yaml.stringify writes them) as the library does', () => {
    let read = 0;
    fc.assert(
      fc.property(groupArb, (spec) => {
        if (agrees(stringify(configOf(spec)))) read++;
      }),
      { numRuns: 60, seed: 14 },
    );
    expect(read).toBeGreaterThan(30);
  });

  it('agrees with the library on generated lines of plain, quoted and flow values at several indents', () => {
    const scalar = fc.oneof(
      fc.constantFrom(
        'a',
        'x y',
        '09:00',
        '2027-01-05',
        '007',
        '-1',
        '+3',
        '1.5',
        '1e3',
        '0x1F',
        '0o17',
        '.inf',
        '.nan',
        'null',
        '~',
        'True',
        'FALSE',
        'yes',
        'on',
        '',
      ),
      fc.constantFrom(
        '"q"',
        "'it''s'",
        '"a, b"',
        "'#'",
        '"with \\" escape"',
        'a #c',
        'a#b',
        'http://x.org/#f',
        'a: b',
        'a:',
        '-',
        '- a',
        '? a',
        '&a x',
        '*a',
        '!!str x',
        '|',
        '>',
        '@x',
        '`x',
      ),
      fc.constantFrom(
        '[a, "b", 3]',
        '[]',
        '{}',
        '{ mode: week }',
        '{ a: 1, b: "2" }',
        '[a, [b]]',
        '{ a: 1, a: 2 }',
        '[a, ]',
        '{a:1}',
        '[ "x", \'y\' ]',
        '[a #c]',
        '["09:00"]   # UTC',
        '[a, "#b"] #c',
        '{ a: 1 } # c',
        '[a]#c',
        '[a] x',
        '[a]]',
        '[ "]" ]',
        "[ ']' ] # c",
      ),
      fc.stringMatching(/^[ -~]{0,12}$/),
    );
    const key = fc.oneof(
      fc.constantFrom('id', 'title', 'a-b', 'x.y', '2027-01-05', '1', '007', 'true', 'null', '__proto__', 'a b', '"q"', '-k', 'k/v'),
      fc.stringMatching(/^[a-z]{1,3}$/),
    );
    const line = fc.tuple(fc.constantFrom(0, 2, 4, 6), fc.boolean(), key, fc.option(scalar, { nil: undefined }), fc.boolean());
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 10 }), (ls) => {
        const text = ls
          .map(
            ([indent, dash, k, v, bare]) => `${' '.repeat(indent)}${dash ? '- ' : ''}${bare && v !== undefined ? v : `${k}:${v === undefined ? '' : ` ${v}`}`}`,
          )
          .join('\n');
        const quick = quickYaml(text);
        if (quick === undefined) return;
        const read = readYaml(text, 'f.yaml');
        expect(read.problems).toEqual([]);
        expect(JSON.stringify(quick)).toBe(JSON.stringify(read.data));
        expect(quick).toStrictEqual(read.data);
        samePositions(text, read.map);
      }),
      { numRuns: 3000, seed: 1414 },
    );
  });

  it('agrees with the library on generated documents: nested mappings and sequences of raw values', () => {
    const raw = fc.constantFrom(
      'a',
      'x y',
      '09:00',
      '2027-01-05',
      '007',
      '-1',
      '+3',
      '12',
      '1.5',
      '1e3',
      '0x1F',
      '.inf',
      'null',
      'Null',
      '~',
      'True',
      'true',
      'FALSE',
      'false',
      'yes',
      'on',
      '"q"',
      "'it''s'",
      '"a, b"',
      "'#'",
      'a #c',
      'a#b',
      'http://x.org/#f',
      'FREQ=WEEKLY;BYDAY=MO,TH',
      '[a, "b", 3]',
      '[]',
      '{}',
      '{ mode: week }',
      '{ a: 1, b: "2", c: }',
      '["09:00", 11:00 UTC]',
      'Ünïcode 会議',
      '-x',
      "'a' # c",
      '"b" #c',
      '[ true, null, ~ ]',
      '["07:00"]   # yaml2ical time (UTC)',
      '{ id: b, name: "#b" }   # a channel',
      '[a] #c',
    );
    const key = fc.constantFrom('id', 'title', 'a-b', 'x.y', '2027-01-05', '1', '007', 'k/v', 'slots', 'from');
    type Node = { kind: 'raw'; v: string } | { kind: 'map'; entries: [string, Node][] } | { kind: 'seq'; items: Node[] };
    const { node } = fc.letrec<{ node: Node }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        raw.map((v): Node => ({ kind: 'raw', v })),
        fc.array(fc.tuple(key, tie('node')), { minLength: 1, maxLength: 4 }).map((entries): Node => ({ kind: 'map', entries })),
        fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items): Node => ({ kind: 'seq', items })),
      ),
    }));
    const write = (n: Node, indent: number, out: string[], lead: string): void => {
      const pad = ' '.repeat(indent);
      if (n.kind === 'raw') {
        out.push(`${lead}${n.v}`);
        return;
      }
      if (n.kind === 'map') {
        n.entries.forEach(([k, v], i) => {
          const head = i === 0 ? lead : pad;
          if (v.kind === 'raw') out.push(`${head}${k}: ${v.v}`);
          else {
            out.push(`${head}${k}:`);
            write(v, indent + 2, out, ' '.repeat(indent + 2));
          }
        });
        return;
      }
      n.items.forEach((v, i) => {
        const head = `${i === 0 ? lead : pad}- `;
        if (v.kind === 'seq') {
          out.push(`${head.trimEnd()}`);
          write(v, indent + 2, out, ' '.repeat(indent + 2));
        } else write(v, indent + 2, out, head);
      });
    };
    let read = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(key, node), { minLength: 1, maxLength: 5 }), (entries) => {
        const out: string[] = [];
        write({ kind: 'map', entries }, 0, out, '');
        const text = `${out.join('\n')}\n`;
        const quick = quickYaml(text);
        if (quick === undefined) return;
        read++;
        const lib = readYaml(text, 'f.yaml');
        expect(lib.problems).toEqual([]);
        expect(JSON.stringify(quick)).toBe(JSON.stringify(lib.data));
        expect(quick).toStrictEqual(lib.data);
        samePositions(text, lib.map);
      }),
      { numRuns: 2000, seed: 141414 },
    );
    expect(read).toBeGreaterThan(300);
  });

  it('leaves to the library what it does not read', () => {
    for (const text of [
      'a: |\n  block\n',
      'a: >\n  folded\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '---\na: 1\n',
      'a: 1\n...\n',
      'a: 1\na: 2\n',
      'a:\tb\n',
      'a: 1\r\nb: 2\r\n',
      '\ufeffa: 1\n',
      'a: "x\\ny"\n',
      'a: b\n  c\n',
      'a: [1,\n  2]\n',
      'a: 1.5\n',
      'a: 0x10\n',
      'a: 123456789012345678901\n',
      '"a": 1\n',
      '? a\n: 1\n',
      '  a: 1\n',
      'a: 1\n- b\n',
      'a: b: c\n',
      '__proto__: 1\n',
      '',
      '# only a comment\n',
      'plain\n',
      'a: \u0007\n',
      `${'k'.repeat(1100)}: 1\n`,
    ]) {
      expect(quickYaml(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('reads a document that is one flow collection on one line (an empty tcon.yaml: `{}`), as the library does', () => {
    for (const text of [
      '{}',
      '{}\n',
      '{ }  # nothing yet\n',
      '[a, "b", 3]\n',
      '{ bridges: zoom, x: }\n',
      "# c\n{ a: 'q', b: 1 }\n\n# end\n",
      '{ a: { b: 1 } }\n',
    ]) {
      expect(agrees(text), JSON.stringify(text)).toBe(true);
    }
    for (const text of ['{}\na: 1\n', '{ a: 1,\n  b: 2 }\n', '[a] x\n', '[a, b]: c\n', '  {}\n']) {
      expect(quickYaml(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('agrees with the library on generated flow collections, nested, on one line (values and positions)', () => {
    const scalar = fc.constantFrom(
      'a',
      'x y',
      "Teachers' Day",
      'a"b',
      "it's",
      '09:00',
      '11:00 UTC',
      '2027-01-05',
      '12',
      '007',
      '-1',
      '1.5',
      'null',
      '~',
      'true',
      'yes',
      '"q"',
      '"a, b"',
      "'it''s'",
      "'#'",
      '"[x]"',
      '"with \\" escape"',
      'a#b',
      'a #b',
      'a:b',
      'a: b',
      'a:',
      '-x',
      '?',
      '&a',
      '*a',
      '!t',
      '',
      ' ',
    );
    const key = fc.constantFrom('a', 'b', 'id', 'x-y', '1', '007', 'true', 'null', '__proto__', '"q"', 'a b', '-k', '');
    const gap = fc.constantFrom('', ' ', '  ');
    type Flow = { kind: 'raw'; v: string } | { kind: 'seq'; items: Flow[]; trailing: boolean } | { kind: 'map'; entries: [string, Flow | null, string][] };
    const { flow } = fc.letrec<{ flow: Flow }>((tie) => ({
      flow: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar.map((v): Flow => ({ kind: 'raw', v })),
        fc
          .record({ items: fc.array(tie('flow'), { maxLength: 3 }), trailing: fc.boolean() })
          .map(({ items, trailing }): Flow => ({ kind: 'seq', items, trailing })),
        fc.array(fc.tuple(key, fc.option(tie('flow'), { nil: null }), gap), { maxLength: 3 }).map((entries): Flow => ({ kind: 'map', entries })),
      ),
    }));
    const write = (f: Flow, g: string): string => {
      if (f.kind === 'raw') return f.v;
      if (f.kind === 'seq') return `[${g}${f.items.map((x) => write(x, g)).join(`${g},${g || ' '}`)}${f.trailing && f.items.length ? ',' : ''}${g}]`;
      return `{${g}${f.entries.map(([k, v, sp]) => `${k}:${v === null ? sp : ` ${sp}${write(v, g)}`}`).join(`, `)}${g}}`;
    };
    let read = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          flow.filter((f) => f.kind !== 'raw'),
          flow,
        ),
        gap,
        fc.constantFrom('', '  # c', ' x'),
        fc.constantFrom('k: ', '', '- ', '- k: ', 'k:\n  - '),
        (f, g, tail, head) => {
          const text = `${head}${write(f, g)}${tail}\n`;
          const quick = quickYaml(text);
          if (quick === undefined) return;
          read++;
          const lib = readYaml(text, 'f.yaml');
          expect(lib.problems, text).toEqual([]);
          expect(JSON.stringify(quick), text).toBe(JSON.stringify(lib.data));
          expect(quick).toStrictEqual(lib.data);
          samePositions(text, lib.map);
        },
      ),
      { numRuns: 4000, seed: 1414 },
    );
    expect(read).toBeGreaterThan(500);
  });

  it('reads the forms config files use', () => {
    expect(
      quickYaml(
        "id: g\nduration: 60\nseries:\n  - from: 2027-01-05 # first\n    slots: [\"09:00\", 11:00 UTC]\n    rotation: { mode: week }\nmeetings:\n  2027-01-12: { skip: a reason }\nmembers:\n- { name: A, email: a@example.org }\nlink: https://x.org/#f\nnote: 'it''s'\nx:\n",
      ),
    ).toEqual({
      id: 'g',
      duration: 60,
      series: [{ from: '2027-01-05', slots: ['09:00', '11:00 UTC'], rotation: { mode: 'week' } }],
      meetings: { '2027-01-12': { skip: 'a reason' } },
      members: [{ name: 'A', email: 'a@example.org' }],
      link: 'https://x.org/#f',
      note: "it's",
      x: null,
    });
  });

  it('problems found after a quick read still name their line and column (the source map is made then)', () => {
    const text = 'id: g\ntitle: G\ntimezone: Mars/Olympus\nseries:\n  - rule: FREQ=WEEKLY;BYDAY=TU\n    slots: ["09:00"]\n';
    expect(quickYaml(text)).toBeDefined();
    const { problems } = parseGroup(text, 'g.yaml');
    const zone = problems.find((p) => p.field === 'timezone');
    expect(zone).toMatchObject({ file: 'g.yaml', line: 3, col: 11, severity: 'error' });
    expect(zone!.excerpt?.text).toBe('timezone: Mars/Olympus');
  });

  it('tcon.yaml is read the same way: a problem after a quick read names its line, column and text', () => {
    const text = 'bridges:\n  - { id: zoom-a, name: "Zoom A" }   # a bridge\nblackouts:\n  - { name: F2F, from: 2027-13-01, to: 2027-03-05 }\n';
    expect(quickYaml(text)).toBeDefined();
    const { problems } = parseSecretariat(text, 'tcon.yaml', ['wg-1']);
    expect(problems).toMatchObject([{ file: 'tcon.yaml', line: 4, col: 24, field: 'blackouts[0].from', code: 'config.bad-blackout-date' }]);
    expect(problems[0]!.excerpt).toEqual({ text: '  - { name: F2F, from: 2027-13-01, to: 2027-03-05 }', length: 10 });
    expect(parseSecretariat(text.replace('2027-13-01', '2027-03-01'), 'tcon.yaml', ['wg-1']).settings?.bridges).toEqual([
      { id: 'zoom-a', name: 'Zoom A', links: [] },
    ]);
  });
});

describe('LineStarts', () => {
  it("answers linePos as the yaml library's LineCounter does, for any line starts and offset", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(500)), fc.integer({ min: -5, max: 600 }), (starts, offset) => {
        const ours = new LineStarts();
        const theirs = new LineCounter();
        for (const s of [...starts].sort((a, b) => a - b)) {
          ours.addNewLine(s);
          theirs.addNewLine(s);
        }
        expect(ours.linePos(offset)).toEqual(theirs.linePos(offset));
      }),
      { numRuns: 2000 },
    );
  });
});
