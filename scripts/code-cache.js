#!/usr/bin/env node
// Makes dist/bundle/tcon.cjs.cache: runs the bundled command line in this fresh process on the
// example config, as a user would, then saves the code V8 compiled for it (bin/load-cli.js).
// Commands not run here still work from the cache; their functions are compiled when first used.
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { BUNDLE, codeCache, loadCli } from '../bin/load-cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = [
  ['schedule', '--group', 'wg-14', '--year', '2027', '--no-holidays'],
  ['check', '--group', 'wg-14', '--year', '2027'],
  ['ics', '--group', 'wg-14', '--year', '2027', '--no-state'],
];
// Feeds written to files (`ics --all --out-dir`, the registry case of issue 14): the writing of
// files and the all-groups feed are compiled into the cache too.
const outDir = mkdtempSync(join(tmpdir(), 'tcon-code-cache-'));
RUNS.push(['ics', '--all', '--year', '2027', '--no-state', '--out-dir', outDir]);

const loaded = loadCli({ cache: null });
const out = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    out.push(chunk);
    done();
  },
});
for (const args of RUNS) {
  const code = await loaded.exports.runCli([...args, '--config', 'config', '--now', '2026-11-28T00:00Z'], { stdout: sink, stderr: sink, env: {}, cwd: ROOT });
  if (code !== 0) throw new Error(`code cache: tcon ${args.join(' ')} exited ${code}:\n${Buffer.concat(out).toString()}`);
}
rmSync(outDir, { recursive: true, force: true });
const file = `${BUNDLE}.cache`;
writeFileSync(`${file}.tmp`, codeCache(loaded));
renameSync(`${file}.tmp`, file);
