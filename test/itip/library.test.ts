// The library's planInvitation and `tcon invite` give the same answer: the same messages (keys,
// reasons, calendar parts) for the same config, state and send log (issue 11).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/adapters/config-files.js';
import { readEntries } from '../../src/adapters/sendlog.js';
import { readState } from '../../src/adapters/state.js';
import { loadTemplates } from '../../src/adapters/templates.js';
import { EntryIndex, planInvitation } from '../../src/index.js';
import { tcon } from '../helpers/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-lib-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const ROOT = new URL('../..', import.meta.url).pathname;
const NOW = '2026-12-01T00:00Z';

describe('planInvitation and tcon invite', () => {
  it('plan the same messages, before and after a run', async () => {
    const config = join(ROOT, 'config', 'wg-14.yaml');
    const state = join(dir, 'state.json');
    const outbox = join(dir, 'outbox');
    const { groups, dir: configDir } = await loadConfig(config, { cwd: ROOT });
    const group = groups[0]!;
    const templates = loadTemplates(configDir, group.id);
    const window = { from: '2027-01-01', to: '2027-12-31' };
    const lib = () =>
      readState(state).then((s) =>
        planInvitation(group, window, s.invite[group.id], {
          now: DateTime.fromISO(NOW, { zone: 'UTC' }),
          templates,
          sent: new EntryIndex(readEntries(join(outbox, '.sent.jsonl'))),
        }),
      );
    const before = await lib();
    // The dry run lists the library's messages: in plain words, and as keyed with --verbose.
    const args = ['invite', '--config', config, '--year', '2027', '--now', NOW, '--state', state, '--outbox', outbox, '--dry-run'];
    const lines = (out: string) => [...out.matchAll(/^would send (\S+) to (\S+): (.*)$/gm)].map((m) => [m[1], m[2], m[3]]);
    const dry = await tcon(args, { cwd: dir });
    expect(lines(dry.stdout)).toEqual(before.messages.map((m) => [m.what, m.key.recipient, m.plain]));
    expect(lines(dry.stdout)).toHaveLength(7);
    expect(dry.stdout).toContain('wg-14: would send 7 invitations for 12 meetings\n');
    const verbose = await tcon([...args, '--verbose'], { cwd: dir });
    expect(lines(verbose.stdout)).toEqual(before.messages.map((m) => [m.key.kind, m.key.recipient, m.reason]));

    const real = await tcon(['invite', '--config', config, '--year', '2027', '--now', NOW, '--state', state, '--outbox', outbox], { cwd: dir });
    expect(real.code, real.stderr).toBe(0);
    // What went out is what the library built, byte for byte in the calendar part.
    const files = (await readdir(outbox)).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(7);
    for (const m of before.messages) {
      const built = m.build();
      const eml = await readFile(
        join(
          outbox,
          files.find((f) => f.includes(m.key.recipient.replace(/[^a-z0-9@._-]/g, '_')))!,
        ),
        'utf8',
      );
      expect(eml).toContain(built.messageId);
      expect(eml).toContain(Buffer.from(built.calendar!.ics).toString('base64').slice(0, 60));
    }
    // After the run, both owe nothing new.
    const after = await lib();
    expect(after.messages.filter((m) => !new EntryIndex(readEntries(join(outbox, '.sent.jsonl'))).has(m.key))).toEqual([]);
  });
});
