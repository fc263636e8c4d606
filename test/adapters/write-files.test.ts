// writeFilesAtomic (issue 14): several files written a few at a time, each whole; told in order;
// a failure (a directory where a file should go) thrown, the files before it written and told.
import { readdirSync, readlinkSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFilesAtomic } from '../../src/adapters/files.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-write-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFilesAtomic', () => {
  it('writes every file whole and tells of each in the order given', async () => {
    const files = Array.from({ length: 30 }, (_, i) => ({ path: join(dir, `f-${i}.ics`), content: `file ${i}\n`.repeat(1000 + i) }));
    const told: string[] = [];
    await writeFilesAtomic(files, (p) => told.push(p), 4);
    expect(told).toEqual(files.map((f) => f.path));
    for (const f of files) expect(await readFile(f.path, 'utf8')).toBe(f.content);
    expect((await readdir(dir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('throws the first failure; the files before it are written and told, no temporary file is left', async () => {
    await mkdir(join(dir, 'f-5.ics'));
    const files = Array.from({ length: 12 }, (_, i) => ({ path: join(dir, `f-${i}.ics`), content: `file ${i}\n` }));
    const told: string[] = [];
    await expect(writeFilesAtomic(files, (p) => told.push(p), 1)).rejects.toThrow(/f-5\.ics/);
    expect(told).toEqual(files.slice(0, 5).map((f) => f.path));
    for (const f of files.slice(0, 5)) expect(await readFile(f.path, 'utf8')).toBe(f.content);
    expect((await readdir(dir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('writeFilesAtomic in batches', () => {
  it('a failure inside a batch: the files before it are written and told, none after it, no temporary file left', async () => {
    await mkdir(join(dir, 'f-6.ics'));
    const files = Array.from({ length: 12 }, (_, i) => ({ path: join(dir, `f-${i}.ics`), content: `file ${i}\n` }));
    const told: string[] = [];
    await expect(writeFilesAtomic(files, (p) => told.push(p), 4)).rejects.toThrow(/f-6\.ics/);
    expect(told).toEqual(files.slice(0, 6).map((f) => f.path));
    for (const f of files.slice(0, 6)) expect(await readFile(f.path, 'utf8')).toBe(f.content);
    expect((await readdir(dir)).sort()).toEqual([...files.slice(0, 7).map((f) => f.path.slice(dir.length + 1))].sort());
  });

  it('replaces existing files, keeping their permissions', async () => {
    const files = Array.from({ length: 5 }, (_, i) => ({ path: join(dir, `f-${i}.ics`), content: `new ${i}\n` }));
    await writeFilesAtomic(files.map((f) => ({ ...f, content: 'old\n' })));
    await chmod(files[2]!.path, 0o600);
    const other = (await stat(files[1]!.path)).mode & 0o777;
    await writeFilesAtomic(files, undefined, 2);
    for (const f of files) expect(await readFile(f.path, 'utf8')).toBe(f.content);
    expect((await stat(files[2]!.path)).mode & 0o777).toBe(0o600);
    expect((await stat(files[1]!.path)).mode & 0o777).toBe(other);
  });
});

/** What this process holds open under `d` (Linux: /proc/self/fd), a replaced file as "PATH (deleted)". */
function heldUnder(d: string): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(d) ? [target] : [];
    } catch {
      return []; // the descriptor readdir itself used, closed since
    }
  });
}

describe.runIf(process.platform === 'linux')('writeFilesAtomic and its descriptors (Linux: /proc/self/fd)', () => {
  it('in batches: each old file is held across its rename, then closed; none is left open', async () => {
    const files = Array.from({ length: 11 }, (_, i) => ({ path: join(dir, `f-${i}.ics`), content: `new ${i}\n`.repeat(500) }));
    await writeFilesAtomic(files.map((f) => ({ ...f, content: 'old\n'.repeat(2000) })));
    await writeFilesAtomic(files, undefined, 3);
    for (const f of files) expect(await readFile(f.path, 'utf8')).toBe(f.content);
    expect(heldUnder(dir)).toEqual([]);
    expect((await readdir(dir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('never holds more than `parallel` temporary files open: each is synced and closed before one more is made', async () => {
    const most: number[] = [];
    // Pieces read while each file is written: that file and those still syncing are open.
    const counted = (i: number) =>
      ({
        *[Symbol.iterator]() {
          most.push(heldUnder(dir).filter((p) => p.endsWith('.tmp')).length);
          yield `file ${i}\n`;
        },
      }) as unknown as readonly string[];
    const files = Array.from({ length: 20 }, (_, i) => ({ path: join(dir, `f-${i}.ics`), content: counted(i) }));
    await writeFilesAtomic(files, undefined, 3);
    expect(most).toHaveLength(20);
    expect(Math.max(...most)).toBeLessThanOrEqual(3);
    expect(Math.max(...most)).toBeGreaterThanOrEqual(1);
    for (const [i, f] of files.entries()) expect(await readFile(f.path, 'utf8')).toBe(`file ${i}\n`);
    expect(heldUnder(dir)).toEqual([]);
  });

  it('a failure: the files before it replaced and let go, the later ones keep their old text, no temporary file left', async () => {
    const files = Array.from({ length: 7 }, (_, i) => ({ path: join(dir, `f-${i}.ics`), content: `new ${i}\n` }));
    await writeFilesAtomic(files.map((f) => ({ ...f, content: 'old\n' })));
    await rm(files[4]!.path);
    await mkdir(files[4]!.path);
    const told: string[] = [];
    await expect(writeFilesAtomic(files, (p) => told.push(p), 2)).rejects.toThrow(/f-4\.ics/);
    expect(told).toEqual(files.slice(0, 4).map((f) => f.path));
    for (const f of files.slice(0, 4)) expect(await readFile(f.path, 'utf8')).toBe(f.content);
    for (const f of files.slice(5)) expect(await readFile(f.path, 'utf8')).toBe('old\n');
    expect(heldUnder(dir)).toEqual([]);
    expect((await readdir(dir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('writeFileAtomic given pieces', () => {
  it('writes the pieces in order, whole, however many megabytes they make', async () => {
    const pieces = Array.from({ length: 3000 }, (_, i) => `BEGIN:VEVENT\r\nUID:${i}\r\nSUMMARY:会議 ${i} ${'x'.repeat(i % 1000)}\r\nEND:VEVENT\r\n`);
    const path = join(dir, 'all.ics');
    await writeFilesAtomic([{ path, content: pieces }]);
    const text = await readFile(path, 'utf8');
    expect(text.length).toBeGreaterThan(1 << 20);
    expect(text).toBe(pieces.join(''));
  });
});
