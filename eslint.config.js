// ESLint (flat config): the layering of the code as rules, so that it holds by construction.
// typescript-eslint parses the TypeScript; no rule needs type information, so linting stays fast
// and needs no build. Formatting is prettier's (.prettierrc.json), not ESLint's.
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The pure core: no I/O, no clock, no command line (src/tzdb: the bundled tz database, data and lookups; src/import: readers of other formats, given text). */
const CORE = ['config', 'schedule', 'coverage', 'calendar', 'mail', 'plan', 'site', 'itip', 'app', 'tzdb', 'import'];

const NO_IO = 'the core does no I/O: take what it needs as a parameter, or move the code to src/adapters';

/** What a core file may not import: Node's modules, the mail transport, the CLI, and the layers above. */
const coreImports = {
  paths: [
    ...builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: NO_IO })),
    { name: 'nodemailer', message: "sending mail is src/adapters' work (mail-transport.ts)" },
    { name: 'commander', message: "the command line is src/cli's" },
  ],
  patterns: [
    { regex: '^node:', message: NO_IO },
    { regex: '^(nodemailer|commander)/', message: 'the core builds messages and values; sending and the command line are above it' },
    { regex: '(^|/)(adapters|cli)(/|$)', message: 'adapters and cli import the core, never the other way round' },
  ],
};

/**
 * What a command (src/cli/commands/*.ts) may not import: another command. What two commands
 * share belongs in src/cli (or below it). `except` lets one named sibling through.
 */
function commandImports(except) {
  const sibling = except ? `^\\./(?!${except.replace('.', '\\.')}$)` : '^\\./';
  return {
    patterns: [{ regex: `${sibling}|(^|/)commands/`, message: 'a command never imports another command: move what they share to src/cli' }],
  };
}

export default defineConfig(
  // src/tzdb/*.generated.ts: the tz database as data (scripts/tzdata.js), 700 KB of it.
  { ignores: ['dist/**', 'node_modules/**', 'test-output/**', 'coverage/**', 'public/**', 'outbox/**', 'src/tzdb/*.generated.ts'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  { files: CORE.map((d) => `src/${d}/**/*.ts`), rules: { 'no-restricted-imports': ['error', coreImports] } },
  { files: ['src/cli/commands/*.ts'], rules: { 'no-restricted-imports': ['error', commandImports()] } },
  // A command's registration (its options and help) is loaded at start-up; the command itself only
  // when it runs, by import() in the action (bundled as a lazy initializer): never statically.
  {
    files: ['src/cli/register/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\./|(^|/)(commands|register)/', message: 'load the command with import() in its action; a registration imports no other registration' },
          ],
        },
      ],
    },
  },
);
