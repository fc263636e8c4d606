// A run of one command registers that command alone (src/cli/main.ts): it must be the command
// the full program has, with the same options and help, and everything else must register all.
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, program, runCli } from '../../src/cli/main.js';

const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: '/' };
const ctx = { io, setExit: () => {} };

/** A command's help and those of its subcommands, as commander writes them. */
function helpOf(c: ReturnType<typeof program>): string[] {
  return [c.helpInformation(), ...c.commands.flatMap((s) => helpOf(s))];
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: {},
    cwd: new URL('../../', import.meta.url).pathname,
  });
  return { code, out, err };
}

describe('registering the command that runs', () => {
  it('registers, for each name, exactly the command of the full program, with the same help and subcommands', () => {
    const full = program(ctx);
    expect(full.commands.map((c) => c.name())).toEqual(COMMAND_NAMES);
    for (const name of COMMAND_NAMES) {
      const one = program(ctx, name);
      expect(one.commands.map((c) => c.name())).toEqual([name]);
      expect(helpOf(one.commands[0]!)).toEqual(helpOf(full.commands.find((c) => c.name() === name)!));
    }
  });

  it('registers every command for the overview, help, a version and an unknown command', async () => {
    const overview = await run(['--help']);
    for (const name of COMMAND_NAMES) expect(overview.out).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect((await run(['help'])).out).toBe(overview.out);
    expect((await run(['help', 'ics'])).out).toBe((await run(['ics', '--help'])).out);
    const unknown = await run(['scheduel']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(`(commands: ${COMMAND_NAMES.join(', ')})`);
  });
});
