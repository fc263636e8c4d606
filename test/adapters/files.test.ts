import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/adapters/files.js';
import { defaultStatePath, readState, StateFileError, writeState } from '../../src/adapters/state.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
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
