import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDir } from '../../src/adapters/files.js';
import { tcon } from '../helpers/cli.js';

// What a user sees when a path is wrong: one line naming it, exit code 2, no stack trace.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-errors-'));
  await writeFile(join(dir, 'afile'), 'not a directory');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function noTrace(stderr: string) {
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('file errors on the command line', () => {
  it('--config that does not exist: the path, without a 0:0 position', async () => {
    const r = await tcon(['schedule', '--config', 'nowhere'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('nowhere: no such config directory or group file (see --config)\ntcon: 1 error in the configuration\n');
  });

  it('ics --out under a file: names the file in the way; nothing written', async () => {
    const r = await tcon(['ics', '--group', 'wg-14', '--year', '2027', '--no-state', '--now', '2027-01-05T08:00Z', '--out', join(dir, 'afile', 'wg-14.ics')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tcon: cannot create the directory ${join(dir, 'afile')}: a file is in the way of a directory on that path\n`);
    expect((await readdir(dir)).sort()).toEqual(['afile']);
  });

  it('ics --out naming a directory: says so, not the temporary file', async () => {
    const r = await tcon(['ics', '--group', 'wg-14', '--year', '2027', '--no-state', '--now', '2027-01-05T08:00Z', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tcon: cannot write ${dir}: is a directory\n`);
    expect(await readdir(dir)).toEqual(['afile']);
  });

  it('site --out and roster import --out in an unwritable place', async () => {
    const site = await tcon(['site', '--out', join(dir, 'afile', 'public'), '--year', '2027', '--now', '2027-01-05T08:00Z']);
    expect(site.code).toBe(2);
    expect(site.stderr).toContain(join(dir, 'afile'));
    noTrace(site.stderr);
    const minutes = join(dir, 'minutes.txt');
    await writeFile(minutes, 'X\tAnn\tExample\tExample Imaging\tVoting\n');
    const roster = await tcon(['roster', 'import', minutes, '--out', join(dir, 'afile', 'roster.yaml')]);
    expect(roster.code).toBe(2);
    expect(roster.stderr).toContain(join(dir, 'afile', 'roster.yaml'));
    noTrace(roster.stderr);
  });
});

describe('ensureDir', () => {
  it('makes missing parents, accepts an existing directory, and names a file in the way', async () => {
    await ensureDir(join(dir, 'a', 'b', 'c'));
    await ensureDir(join(dir, 'a', 'b'));
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['c']);
    await expect(ensureDir(join(dir, 'afile', 'x', 'y'))).rejects.toMatchObject({ code: 'ENOTDIR', path: join(dir, 'afile') });
  });
});
