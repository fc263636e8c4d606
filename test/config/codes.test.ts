import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/adapters/config-files.js';
import { loadSecretariat } from '../../src/adapters/secretariat-file.js';
import { ConfigError, type ConfigProblem } from '../../src/config/errors.js';
import { MESSAGE_CODES, messageCode, msg } from '../../src/config/messages.js';
import { parseGroup } from '../../src/config/parse.js';
import { zoneError, zoneMessage } from '../../src/config/zones.js';

// Every config problem carries a code (issue 11, the error contract): the code of its message in
// the catalogue (src/config/messages.ts), `config.` and the kebab-case name; yaml's own code for
// a YAML syntax error. Codes are a contract for scripts: this list is written out, so that a new,
// renamed or removed message is a deliberate change of this file (and of docs/config.md).
const CODES = [
  'config.not-a-config-file',
  'config.config-too-large',
  'config.not-utf-8',
  'config.yaml-syntax',
  'config.yaml-key',
  'config.yaml-tag',
  'config.unknown-alias',
  'config.too-many-aliases',
  'config.control-character',
  'config.not-a-mapping',
  'config.unknown-key',
  'config.missing-key',
  'config.expected-type',
  'config.expected-one-of',
  'config.bad-date',
  'config.bad-time',
  'config.bad-slot',
  'config.bad-date-time',
  'config.bad-rule',
  'config.bad-phrase',
  'config.interval-first-period',
  'config.rule-has-dtstart',
  'config.rule-yields-nothing',
  'config.until-before-from',
  'config.series-overlap',
  'config.bad-series-id',
  'config.reserved-series-id',
  'config.duplicate-series-id',
  'config.bad-day-offset',
  'config.bad-hours',
  'config.sessions-exclude',
  'config.empty-sessions',
  'config.session-twice',
  'config.session-overlap',
  'config.add-in-series',
  'config.key-of-slot-zone',
  'config.no-series-meeting-on-date',
  'config.move-of-shared',
  'config.one-off-other-day',
  'config.slot-other-day',
  'config.iso-week-53',
  'config.keep-across-weekdays',
  'config.series-needs-from',
  'config.series-open-start',
  'config.series-open-end',
  'config.move-onto-skipped',
  'config.skip-and-move',
  'config.no-meeting-on-date',
  'config.meeting-collision',
  'config.too-long',
  'config.positive-minutes',
  'config.anchor-needed',
  'config.empty-slots',
  'config.bad-email',
  'config.bad-header-text',
  'config.bad-url',
  'config.bad-smtp-url',
  'config.duplicate-group',
  'config.group-id-taken',
  'config.no-config',
  'config.no-groups',
  'config.unknown-group',
  'config.bad-country',
  'config.unknown-country',
  'config.bad-shift-days',
  'config.shift-days-without-shift',
  'config.correction-action',
  'config.correction-dates',
  'config.correction-date',
  'config.correction-mixed',
  'config.correction-backwards',
  'config.correction-add-only',
  'config.correction-start',
  'config.correction-empty-name',
  'config.duplicate-kind',
  'config.member-without-country',
  'config.not-settings',
  'config.bad-blackout-date',
  'config.blackout-mixed',
  'config.blackout-backwards',
  'config.unknown-blackout-group',
  'config.bad-buffer',
  'config.duplicate-bridge',
  'config.bad-window',
  'config.good-outside-fair',
  'config.bad-weekday',
  'config.unknown-region',
  'config.region-needs-zone',
  'config.bad-region-id',
  'config.alias-taken',
  'config.bad-weight',
  'config.not-a-regions-file',
  'config.bad-alarm',
  'config.duplicate-alarm',
  'config.bad-id',
  'config.duplicate-member',
  'config.schema-rule',
  'config.zone-abbreviation',
  'config.zone-offset',
  'config.unknown-zone',
];

/** What a problem from a tcon config may carry: a catalogue code, or yaml's code of a syntax error. */
const CODE_RE = /^yaml\.[A-Z_]+$/;

describe('the catalogue of config messages and their codes', () => {
  it("lists exactly these codes, in the catalogue's order, each once", () => {
    expect(MESSAGE_CODES).toEqual(CODES);
    expect(new Set(CODES).size).toBe(CODES.length);
  });

  it("derives each code from the message's name: config. and the name in kebab case", () => {
    expect(Object.keys(msg).map(messageCode)).toEqual(MESSAGE_CODES);
    expect(messageCode('unknownZone')).toBe('config.unknown-zone');
    expect(messageCode('notUtf8')).toBe('config.not-utf-8');
    expect(messageCode('isoWeek53')).toBe('config.iso-week-53');
    for (const code of CODES) expect(code).toMatch(/^config\.[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('a message is its code and its text (the text as every command prints it)', () => {
    expect(msg.badDate('2027-13-01')).toEqual({ code: 'config.bad-date', text: '"2027-13-01" is not a date (expected YYYY-MM-DD)' });
    expect(msg.missingKey('rule')).toEqual({ code: 'config.missing-key', text: 'missing required key "rule"' });
    // zoneError (the library's string) is zoneMessage's text.
    expect(zoneMessage('EST')?.code).toBe('config.zone-abbreviation');
    expect(zoneMessage('UTC+2')?.code).toBe('config.zone-offset');
    expect(zoneMessage('America/NewYork')?.code).toBe('config.unknown-zone');
    expect(zoneError('America/NewYork')).toBe(zoneMessage('America/NewYork')?.text);
    expect(zoneError('America/NewYork')).toMatch(/^unknown time zone "America\/NewYork": did you mean America\/New_York\?/);
    expect(zoneMessage('Europe/Paris')).toBeUndefined();
  });

  it('every message of the catalogue is used by src (a code no problem can carry is dead)', () => {
    const root = fileURLToPath(new URL('../../src/', import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && f !== join('config', 'messages.ts'));
    const all = files.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    expect(files.length).toBeGreaterThan(50);
    expect(Object.keys(msg).filter((name) => !all.includes(`msg.${name}(`))).toEqual([]);
  });
});

const CORPUS = fileURLToPath(new URL('../fixtures/malformed', import.meta.url));
const VALID = fileURLToPath(new URL('../fixtures/mail/wg-x.yaml', import.meta.url));
/** A fixed instant: a series without "from" is told a date from it. */
const NOW = Date.UTC(2026, 11, 1);

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tcon-codes-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/**
 * The problems tcon reports for a file of the corpus, as the commands load it: a group file alone
 * (loadConfig), or tcon.yaml (loadSecretariat) or regions.yaml (loadConfig) beside a valid group.
 */
async function problemsOf(sub: string, name: string): Promise<ConfigProblem[]> {
  let path = join(CORPUS, sub, name);
  if (sub !== 'group') {
    const dir = join(work, `${sub}-${name}`);
    await mkdir(dir);
    await copyFile(VALID, join(dir, 'wg-x.yaml'));
    await copyFile(path, join(dir, `${sub}.yaml`));
    path = dir;
  }
  try {
    const loaded = await loadConfig(path, { now: NOW });
    if (sub !== 'tcon') return loaded.problems;
    return (
      await loadSecretariat(
        path,
        loaded.groups.map((g) => g.id),
      )
    ).problems;
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

/** The codes of some files of the corpus, one of each way a problem is found (read, YAML, structure, meaning, zone, tcon.yaml, regions.yaml). */
const EXPECTED: Record<string, string[]> = {
  'group/invalid-utf8-lone-byte.yaml': ['config.not-utf-8'],
  'group/nul-byte.yaml': ['config.control-character'],
  'group/syntax-duplicate-key.yaml': ['yaml.DUPLICATE_KEY'],
  'group/syntax-unclosed-double-quote.yaml': ['yaml.MISSING_CHAR'],
  'group/alias-before-anchor.yaml': ['config.unknown-alias', 'yaml.DUPLICATE_KEY'],
  'group/alias-bomb-billion-laughs.yaml': ['config.too-many-aliases'],
  'group/tag-binary.yaml': ['config.yaml-tag'],
  'group/syntax-question-key.yaml': ['config.yaml-key'],
  'group/root-list.yaml': ['config.not-a-mapping'],
  'group/missing-id.yaml': ['config.missing-key'],
  'group/type-duration-string.yaml': ['config.expected-type'],
  'group/unknown-key-root.yaml': ['config.unknown-key'],
  'group/value-rotation-mode.yaml': ['config.expected-one-of'],
  'group/email-duplicate.yaml': ['config.duplicate-member'],
  'group/email-no-at.yaml': ['config.bad-email'],
  'group/holiday-country-unknown.yaml': ['config.unknown-country'],
  'group/meeting-skip-and-move.yaml': ['config.skip-and-move'],
  'group/meeting-identical-one-offs.yaml': ['config.meeting-collision'],
  'group/series-overlap.yaml': ['config.series-overlap'],
  'group/value-until-before-from.yaml': ['config.until-before-from', 'config.rule-yields-nothing', 'config.no-meeting-on-date'],
  'group/value-rule-garbage.yaml': ['config.bad-phrase'],
  'group/value-zone-unknown.yaml': ['config.unknown-zone'],
  'tcon/tcon-blackout-backwards.yaml': ['config.blackout-backwards'],
  'tcon/tcon-root-list.yaml': ['config.not-settings'],
  'regions/regions-alias-taken.yaml': ['config.alias-taken'],
  'regions/regions-no-zone.yaml': ['config.region-needs-zone'],
};

describe('the problems of the malformed corpus carry their codes', () => {
  const files = ['group', 'tcon', 'regions'].flatMap((sub) =>
    readdirSync(join(CORPUS, sub))
      .sort()
      .map((name) => ({ sub, name })),
  );

  it.each(files)('$sub/$name: every problem carries a catalogue code or a yaml code (the expected ones where listed)', async ({ sub, name }) => {
    const problems = await problemsOf(sub, name);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(CODES.includes(p.code) || CODE_RE.test(p.code), `${p.code}: ${p.message}`).toBe(true);
    if (EXPECTED[`${sub}/${name}`]) expect(problems.map((p) => p.code)).toEqual(EXPECTED[`${sub}/${name}`]);
  });
});

describe('problems found elsewhere carry their codes too', () => {
  const GROUP = [
    'id: wg-99',
    'title: WG-99 Example',
    'timezone: UTC',
    'series:',
    '  - rule: FREQ=MONTHLY;BYDAY=2TH',
    '    from: 2027-01-14',
    '    slots: ["09:00"]',
    '',
  ];

  it('a warning (parseGroup): its code, severity warning', () => {
    const { group, problems } = parseGroup([...GROUP, 'holidays: { policy: skip, shift-days: 2 }', ''].join('\n'), 'g.yaml');
    expect(group).toBeDefined();
    expect(problems.map((p) => [p.field, p.code, p.severity])).toEqual([['holidays.shift-days', 'config.shift-days-without-shift', 'warning']]);
  });

  it('a config path that is no file, a directory without groups, two groups of one id (loadConfig)', async () => {
    const codesOf = (path: string) =>
      loadConfig(path, { now: NOW }).then(
        () => [],
        (e: unknown) => (e instanceof ConfigError ? e.problems.map((p) => p.code) : [String(e)]),
      );
    expect(await codesOf(join(work, 'nowhere'))).toEqual(['config.no-config']);
    const empty = join(work, 'empty');
    await mkdir(empty);
    expect(await codesOf(empty)).toEqual(['config.no-groups']);
    const twice = join(work, 'twice');
    await mkdir(twice);
    await copyFile(VALID, join(twice, 'a.yaml'));
    await copyFile(VALID, join(twice, 'b.yaml'));
    expect(await codesOf(twice)).toEqual(['config.duplicate-group']);
  });

  it('every file EXPECTED names is in the corpus', () => {
    const missing = Object.keys(EXPECTED).filter((k) => !readdirSync(join(CORPUS, k.split('/')[0]!)).includes(k.split('/')[1]!));
    expect(missing).toEqual([]);
  });
});

describe('docs/config.md lists the codes', () => {
  it('every code of the catalogue, and no other config.* code', () => {
    const text = readFileSync(fileURLToPath(new URL('../../docs/config.md', import.meta.url)), 'utf8');
    const errors = text.slice(text.indexOf('\n## Errors'), text.indexOf('\n## ', text.indexOf('\n## Errors') + 1));
    const listed = new Set([...errors.matchAll(/`(config\.[a-z0-9-]+)`/g)].map((m) => m[1]!));
    expect(CODES.filter((c) => !listed.has(c))).toEqual([]);
    expect([...listed].filter((c) => !CODES.includes(c))).toEqual([]);
  });
});
