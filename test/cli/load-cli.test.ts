import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Each step runs in a fresh node: within one process V8 reuses what it compiled before and does
// not even look at a code cache, so only a new process shows what a cold start of tcon meets.
const root = new URL('../../', import.meta.url).pathname;
const loader = new URL('../../bin/load-cli.js', import.meta.url).href;

function node(script: string): string {
  const env = { ...process.env, NODE_OPTIONS: '' };
  return execFileSync(process.execPath, ['--input-type=module', '-e', `import * as m from ${JSON.stringify(loader)};\n${script}`], { cwd: root, env })
    .toString()
    .trim();
}

/** A bundle of one function returning `n`: the same length for every one-digit `n`. */
function bundle(dir: string, n: number): string {
  const file = join(dir, 'b.cjs');
  writeFileSync(file, `exports.answer = function () { return ${n}; };\n`);
  return file;
}

/** Loads `file` in a fresh node (with its cache unless `cache` is null): "<cache status> <answer>". */
function load(file: string, cache?: null): string {
  return node(`const l = m.loadCli({ bundle: ${JSON.stringify(file)}${cache === null ? ', cache: null' : ''} }); console.log(l.cache, l.exports.answer());`);
}

/** Runs `file` in a fresh node without a cache and writes the cache it makes. */
function makeCache(file: string): void {
  node(`import { writeFileSync } from 'node:fs';\nconst l = m.loadCli({ bundle: ${JSON.stringify(file)}, cache: null }); l.exports.answer(); writeFileSync(${JSON.stringify(`${file}.cache`)}, m.codeCache(l));`);
}

describe('bin/load-cli.js: the bundle and its code cache', () => {
  it('the cache the build made is used by a fresh node, and the command line runs from it', () => {
    expect(node('const l = m.loadCli(); console.log(l.cache, typeof l.exports.runCli);')).toBe('used function');
  });

  it('a cache made from another bundle of the same length is not used (V8 itself compares only the length)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcon-cache-'));
    makeCache(bundle(dir, 1));
    expect(load(bundle(dir, 1))).toBe('used 1');
    expect(load(bundle(dir, 2))).toBe('stale 2');
    expect(load(bundle(dir, 2), null)).toBe('none 2');
  });

  it('a cache V8 cannot use (made by another Node, or damaged) is rejected and the bundle is compiled as usual', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcon-cache-'));
    const file = bundle(dir, 7);
    makeCache(file);
    const data = readFileSync(`${file}.cache`);
    data.fill(0xff, 32 + 4, 32 + 8); // after our digest, V8's header: magic number, then the V8 version's hash
    writeFileSync(`${file}.cache`, data);
    expect(load(file)).toBe('rejected 7');
  });
});
