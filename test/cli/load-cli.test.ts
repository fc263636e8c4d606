import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
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
  node(
    `import { writeFileSync } from 'node:fs';\nconst l = m.loadCli({ bundle: ${JSON.stringify(file)}, cache: null }); l.exports.answer(); writeFileSync(${JSON.stringify(`${file}.cache`)}, m.codeCache(l));`,
  );
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

  it('a bundle without a cache file is compiled; a cache larger than its bundle is read whole (one buffer holds both in turn)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcon-cache-'));
    expect(load(bundle(dir, 3))).toBe('none 3');
    makeCache(bundle(dir, 4));
    expect(readFileSync(join(dir, 'b.cjs.cache')).length).toBeGreaterThan(readFileSync(join(dir, 'b.cjs')).length);
    expect(load(bundle(dir, 4))).toBe('used 4');
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

  it("the build writes the bundle's SHA-256 into its last line, and a start reads it there (no hashing, no node:crypto)", () => {
    const code = readFileSync(join(root, 'dist/bundle/tcon.cjs'));
    const text = code.toString('latin1');
    const last = /\n\/\/# tcon-build ([0-9a-f]{64})\n$/.exec(text);
    expect(last).not.toBeNull();
    const body = code.subarray(0, code.length - last![0].length + 1);
    expect(createHash('sha256').update(body).digest('hex')).toBe(last![1]);
    expect(readFileSync(join(root, 'dist/bundle/tcon.cjs.cache')).subarray(0, 32).toString('hex')).toBe(last![1]);
    // A cold start of the command line loads no crypto module.
    expect(node("const l = m.loadCli(); console.log(l.cache, process.moduleLoadList.some((x) => x.includes('crypto')));")).toBe('used false');
  });

  it('a bundle whose last line names another build does not use the cache of this one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcon-cache-'));
    const file = join(dir, 'b.cjs');
    const build = (n: number, id: string) => writeFileSync(file, `exports.answer = function () { return ${n}; };\n//# tcon-build ${id.repeat(64)}\n`);
    build(1, 'a');
    makeCache(file);
    expect(readFileSync(`${file}.cache`).subarray(0, 32).toString('hex')).toBe('a'.repeat(64));
    expect(load(file)).toBe('used 1');
    build(2, 'b');
    expect(load(file)).toBe('stale 2');
  });

  it("the bundle holds zod's English messages alone, not its other languages (296 KB of text read at every start)", () => {
    const text = readFileSync(join(root, 'dist/bundle/tcon.cjs'), 'latin1');
    const languages = [...text.matchAll(/"node_modules\/zod\/v4\/locales\/([a-zA-Z-]+)\.js"/g)].map((m) => m[1]).filter((l) => l !== 'index');
    expect(languages).toEqual(['en']);
  });

  it('the bundle is ASCII, and is read as a one-byte string (Latin-1)', () => {
    const code = readFileSync(join(root, 'dist/bundle/tcon.cjs'));
    expect(code.findIndex((b) => b > 0x7f)).toBe(-1);
    // An ASCII bundle decoded as Latin-1 is the same text: its cache is used.
    expect(node('const l = m.loadCli(); console.log(l.cache);')).toBe('used');
  });

  it('a bundle this build did not make (no build line, or an older build without the wrapper) is read as UTF-8 when it is not ASCII', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcon-cache-'));
    const file = join(dir, 'b.cjs');
    writeFileSync(file, "exports.answer = function () { return 'réunion 会議'; };\n");
    expect(load(file, null)).toBe('none réunion 会議');
    // A build line without the wrapper this build writes: an older build, which did not refuse
    // other characters than ASCII.
    writeFileSync(file, `exports.answer = function () { return 'réunion 会議'; };\n//# tcon-build ${'c'.repeat(64)}\n`);
    expect(load(file, null)).toBe('none réunion 会議');
  });

  it('a run of `tcon schedule` loads neither node:crypto (until a file is written) nor node:child_process (commander wants it only for executable subcommands)', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { runCli } = (await import(${JSON.stringify(loader)})).loadCli().exports;
const chunks = [];
const io = { stdout: { write: (s) => chunks.push(s) }, stderr: { write: (s) => chunks.push(s) }, env: {}, cwd: ${JSON.stringify(root)} };
const code = await runCli(['schedule', '--group', 'wg-14', '--year', '2027', '--config', 'config', '--no-holidays'], io);
const loaded = process.moduleLoadList.filter((x) => /crypto|child_process/.test(x));
console.log(code, chunks.join('').includes('wg-14') || chunks.join('').length > 0, JSON.stringify(loaded));`,
      ],
      { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } },
    )
      .toString()
      .trim();
    expect(out).toBe('0 true []');
  });

  it('bin/ is CommonJS (bin/package.json): a start does not go through the ES module loader', () => {
    expect(JSON.parse(readFileSync(join(root, 'bin/package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
    const dir = mkdtempSync(join(tmpdir(), 'tcon-esm-'));
    const hook = join(dir, 'hook.cjs');
    writeFileSync(
      hook,
      "process.on('exit', () => process.stderr.write(`esm-module-job ${process.moduleLoadList.some((x) => x.includes('esm/module_job'))}\\n`));\n",
    );
    const run = spawnSync(process.execPath, ['--require', hook, join(root, 'bin/tcon.js'), '--version'], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(run.stdout.toString()).toMatch(/^\d+\.\d+\.\d+ \(tzdata \d{4}[a-z]\)\n$/);
    expect(run.stderr.toString()).toBe('esm-module-job false\n');
  });

  it("V8's flags are set before the bundle is compiled: the young generation keeps its first size, until growYoungGeneration", () => {
    // Long-lived objects made in a loop: survivors V8 answers by growing the young generation
    // by the growth factor; the young generation's size after it, in MB.
    const young = (grow: string, objects = 300_000) =>
      node(
        `import { getHeapSpaceStatistics } from 'node:v8';
const l = m.loadCli();
${grow}
const kept = [];
for (let i = 0; i < ${objects}; i++) kept.push({ i, s: String(i) });
const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
console.log(l.cache, space.space_size / 2 ** 20);`,
      ).split(' ');
    const [cache, kept] = young('');
    expect(cache).toBe('used');
    expect(Number(kept)).toBeLessThanOrEqual(2.1);
    expect(Number(young('m.growYoungGeneration();')[1])).toBeGreaterThan(4);
    // A large run's factor (CliIo.largeRun) takes it to its largest at once; V8's own doubles it
    // a step at a time, and a smaller factor asked later does not take that back.
    const some = 20_000;
    const doubled = Number(young('m.growYoungGeneration();', some)[1]);
    const largest = Number(young('m.growYoungGeneration(16);', some)[1]);
    expect(largest).toBeGreaterThan(2 * doubled);
    expect(Number(young('m.growYoungGeneration(16); m.growYoungGeneration();', some)[1])).toBe(largest);
  });
});
