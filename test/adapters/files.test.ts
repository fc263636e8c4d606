import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryName, writeFileAtomic } from '../../src/adapters/files.js';
import { defaultStatePath, readState, StateFileError, writeState } from '../../src/adapters/state.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('temporaryName', () => {
  it('is hidden, next to its target, and random: 5,000 names (past one pool of random bytes) all differ, and no name says the next', () => {
    const names = Array.from({ length: 5000 }, () => temporaryName('/srv/feeds/wg-14.ics'));
    for (const n of names) expect(n).toMatch(/^\/srv\/feeds\/\.wg-14\.ics\.[0-9a-f]{18}\.tmp$/);
    expect(new Set(names).size).toBe(names.length);
    // Each name has its own bytes: consecutive names share no run of them (a counter would).
    const hex = names.map((n) => n.split('.')[3]!);
    const shared = hex.slice(1).filter((h, i) => h.slice(0, 6) === hex[i]!.slice(0, 6)).length;
    expect(shared).toBeLessThan(5);
  });
});

describe('writeFileAtomic', () => {
  it('replaces a file through a temporary file, leaving no temporary behind', async () => {
    const path = join(dir, 'sub', 'feed.ics');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(join(dir, 'sub'))).toEqual(['feed.ics']);
  });

  it('on failure leaves the old file and no temporary', async () => {
    const path = join(dir, 'feed.ics');
    await writeFile(path, 'old');
    // A directory in the way of the rename target.
    await expect(writeFileAtomic(join(dir), 'x')).rejects.toThrow();
    expect(await readFile(path, 'utf8')).toBe('old');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('state file', () => {
  it('lives in <config dir>/.tcon/state.json; missing means empty; round trips', async () => {
    const path = defaultStatePath(join(dir, 'config'));
    expect(path).toBe(join(dir, 'config', '.tcon', 'state.json'));
    expect(await readState(path)).toEqual({ version: 1, feed: {}, invite: {} });
    const state = {
      version: 1 as const,
      feed: {},
      invite: { g: { events: { 'u@x': { kind: 'single' as const, sequence: 2, fingerprint: 'f', title: 't', meetings: {} } } } },
    };
    await writeState(path, state);
    expect(await readState(path)).toEqual(state);
  });

  it('reads the first format (one "groups" map, from invitations) as the invite channel', async () => {
    const path = join(dir, 'state.json');
    await writeFile(path, JSON.stringify({ version: 1, groups: { g: { events: {} } } }));
    expect(await readState(path)).toEqual({ version: 1, feed: {}, invite: { g: { events: {} } } });
  });

  it('rejects a file that is not tcon state', async () => {
    const path = join(dir, 'state.json');
    await writeFile(path, '{"version": 7}');
    await expect(readState(path)).rejects.toBeInstanceOf(StateFileError);
  });
});
