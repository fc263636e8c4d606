import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupJsonSchema } from '../src/config/schema.js';

const root = resolve(import.meta.dirname, '..');

describe('the package, as another project uses it', () => {
  let dir: string;
  beforeAll(async () => {
    expect(existsSync(join(root, 'dist/index.js')), 'dist/ is built by npm test / prepare').toBe(true);
    dir = await mkdtemp(join(tmpdir(), 'tcon-consumer-'));
    await mkdir(join(dir, 'node_modules'));
    await symlink(root, join(dir, 'node_modules/tcon'), 'dir');
    await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  });
  afterAll(() => rm(dir, { recursive: true }));

  it('imports loadConfig and buildSchedule from "tcon" and runs them', async () => {
    await writeFile(
      join(dir, 'use.js'),
      `import { loadConfig, buildSchedule } from 'tcon';
const { groups } = await loadConfig(${JSON.stringify(join(root, 'config'))});
const occ = buildSchedule(groups.find((g) => g.id === 'wg-14'), { from: '2019-08-01', to: '2019-11-30' });
console.log(occ.map((o) => o.start.toISO()).join(' '));`,
    );
    const out = execFileSync(process.execPath, ['use.js'], { cwd: dir, env: { ...process.env, TZ: 'Pacific/Kiritimati' } })
      .toString()
      .trim();
    expect(out).toBe('2019-08-21T09:00:00.000-04:00 2019-09-17T11:00:00.000-04:00 2019-10-15T09:00:00.000-04:00 2019-11-19T11:00:00.000-05:00');
  });

  it('has types: a strict TypeScript consumer type-checks', async () => {
    await writeFile(
      join(dir, 'use.ts'),
      `import { buildSchedule, loadConfig, type Occurrence, type Group } from 'tcon';
const { groups } = await loadConfig('config');
const g: Group = groups[0]!;
const occ: Occurrence[] = buildSchedule(g, { from: '2027-01-01', to: '2027-12-31' });
const first: string | null = occ[0]?.start.toISO() ?? null;
// @ts-expect-error the window needs dates
buildSchedule(g, {});
export { first };`,
    );
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, skipLibCheck: true, types: [] },
        files: ['use.ts'],
      }),
    );
    // The TypeScript 7 compiler (node_modules/typescript is TypeScript 6's API, for typescript-eslint).
    const tsc = join(root, 'node_modules/@typescript/native/bin/tsc');
    const out = (() => {
      try {
        return execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir }).toString();
      } catch (e) {
        return String((e as { stdout?: Buffer }).stdout ?? e);
      }
    })();
    expect(out).toBe('');
  });

  it('ships a JSON Schema for editors that matches the config schema', async () => {
    const shipped = JSON.parse(await readFile(join(root, 'schema/group.schema.json'), 'utf8')) as unknown;
    expect(shipped, 'run `npm run schema` after changing src/config/schema.ts').toEqual(groupJsonSchema());
    expect(JSON.stringify(shipped)).toContain('"additionalProperties":false');
  });

  it('exports the use cases, and only those (an addition is a decision: update this list)', async () => {
    const api = await import(join(root, 'dist/index.js'));
    expect(Object.keys(api).sort()).toEqual(
      [
        'ConfigError',
        'DEFAULT_REGION_SET',
        'EMPTY_STATE',
        'EXIT',
        'EntryIndex',
        'MailError',
        'StateFileError',
        'TEMPLATE_NAMES',
        'TEMPLATE_VARIABLES',
        'TconError',
        'TemplateError',
        'buildCalendarModel',
        'buildCancel',
        'buildReminder',
        'buildRequest',
        'buildSchedule',
        'computeChanges',
        'coverageOfSchedule',
        'createHolidayCalendar',
        'defaultStatePath',
        'describeChanges',
        'describeRule',
        'describeTradeoff',
        'explainFirst',
        'explainRating',
        'formatProblem',
        'groupJsonSchema',
        'groupTargets',
        'importRoster',
        'loadConfig',
        'loadPlanContext',
        'loadRegions',
        'loadSecretariat',
        'meetingTimes',
        'occurrenceToJson',
        'parseAttendance',
        'parseGroup',
        'parseRegions',
        'parseRule',
        'parseSecretariat',
        'parseTemplate',
        'placeWallTime',
        'planCancel',
        'planCancellation',
        'planGroups',
        'planInvitation',
        'planInvitations',
        'planReminders',
        'planSchedule',
        'planToJson',
        'rateMeeting',
        'readState',
        'regionsJsonSchema',
        'renderCancel',
        'renderCsv',
        'renderMarkdown',
        'renderPublish',
        'renderRequest',
        'renderRosterYaml',
        'renderSite',
        'renderTemplate',
        'resolveTargets',
        'resolveWindow',
        'runGroup',
        'scheduleCoverageToJson',
        'secretariatJsonSchema',
        'siteGroup',
        'suggestRotations',
        'suggestionInputForGroup',
        'summarizeCoverage',
        'writeFileAtomic',
        'writeSite',
        'writeState',
        // Zones (the bundled tz database).
        'TZDB_VERSION',
        'allZoneNames',
        'vtimezoneBlock',
        'zoneError',
        'zoneOf',
      ].sort(),
    );
    // The command line is its own entry point.
    const cli = await import(join(root, 'dist/cli/main.js'));
    expect(typeof cli.runCli).toBe('function');
  });
});
