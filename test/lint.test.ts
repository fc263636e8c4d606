// The layering is a lint rule (eslint.config.js): these tests lint made-up files, placed by their
// path in each layer, through ESLint's Node API, and show what the rule lets through and what not.
// `npm test` lints the real tree (npm run lint).
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
/** The pure core (STYLE.md), src/itip included before it exists. */
const CORE = ['config', 'schedule', 'coverage', 'calendar', 'mail', 'plan', 'site', 'itip', 'tzdb', 'import'];
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The import problems of `code` as the file `path` (it need not exist). */
async function lint(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = 1;\n`, { filePath: resolve(root, path) });
  expect(result!.messages.filter((m) => m.ruleId !== 'no-restricted-imports')).toEqual([]);
  return result!.messages.map((m) => m.message);
}

describe('the core imports no I/O, no mail transport, no command line, nothing above it', () => {
  it('src/schedule: a file that imports node:fs fails the lint, saying why', async () => {
    expect(await lint('src/schedule/lint-probe.ts', "import { readFileSync } from 'node:fs';\nreadFileSync;")).toEqual([
      "'node:fs' import is restricted from being used by a pattern. the core does no I/O: take what it needs as a parameter, or move the code to src/adapters",
    ]);
  });

  it.each(CORE)('src/%s: Node modules (with or without node:), nodemailer, commander, adapters and cli are refused', async (dir) => {
    const refused = [
      "import fs from 'node:fs';",
      "import { readFile } from 'fs/promises';",
      "import { join } from 'path';",
      "import nodemailer from 'nodemailer';",
      "import { Command } from 'commander';",
      "import { writeFileAtomic } from '../adapters/files.js';",
      "import type { CliIo } from '../cli/io.js';",
      "export { runCli } from '../cli/main.js';",
    ];
    for (const line of refused) expect(await lint(`src/${dir}/lint-probe.ts`, line), line).toHaveLength(1);
  });

  it.each(CORE)('src/%s: its own layer, the layers below and the libraries it uses are fine', async (dir) => {
    const code = [
      "import { DateTime } from 'luxon';",
      "import type { Group } from '../schedule/types.js';",
      "import { msg } from '../config/messages.js';",
      "import { parse } from 'yaml';",
    ];
    expect(await lint(`src/${dir}/lint-probe.ts`, code.join('\n'))).toEqual([]);
  });

  it('adapters and cli may do I/O', async () => {
    const code = "import { readFileSync } from 'node:fs';\nimport nodemailer from 'nodemailer';\nimport { Command } from 'commander';";
    expect(await lint('src/adapters/lint-probe.ts', code)).toEqual([]);
    expect(await lint('src/cli/lint-probe.ts', code)).toEqual([]);
  });
});

describe('a command never imports another command', () => {
  it('a command importing a sibling fails; src/cli and the core are fine', async () => {
    expect(await lint('src/cli/commands/lint-probe.ts', "import { runSchedule } from './schedule.js';")).toEqual([
      "'./schedule.js' import is restricted from being used by a pattern. a command never imports another command: move what they share to src/cli",
    ]);
    // main.ts registers the commands: src/cli may import them.
    expect(await lint('src/cli/lint-probe.ts', "import { runSchedule } from './commands/schedule.js';")).toEqual([]);
    expect(
      await lint('src/cli/commands/lint-probe.ts', "import { UsageError } from '../io.js';\nimport { buildSchedule } from '../../schedule/build.js';"),
    ).toEqual([]);
  });

  it('no command imports another: cancel.ts -> invite.ts and diff.ts -> ics.ts are refused like any other', async () => {
    expect(await lint('src/cli/commands/cancel.ts', "import { runInvite } from './invite.js';")).toHaveLength(1);
    expect(await lint('src/cli/commands/diff.ts', "import { runIcs } from './ics.js';")).toHaveLength(1);
  });
});

describe('a registration (options and help) never loads a command at start-up', () => {
  it('a static import of a command, or of another registration, fails; import() in the action is fine', async () => {
    expect(await lint('src/cli/register/lint-probe.ts', "import { runSchedule } from '../commands/schedule.js';")).toEqual([
      "'../commands/schedule.js' import is restricted from being used by a pattern. load the command with import() in its action; a registration imports no other registration",
    ]);
    expect(await lint('src/cli/register/lint-probe.ts', "import { registerIcs } from './ics.js';")).toHaveLength(1);
    expect(await lint('src/cli/register/lint-probe.ts', "import { registerIcs } from '../register/ics.js';")).toHaveLength(1);
    const lazy = "import type { Command } from 'commander';\nexport const run = async (c: Command) => (await import('../commands/schedule.js')).runSchedule;";
    expect(await lint('src/cli/register/lint-probe.ts', lazy)).toEqual([]);
  });
});
