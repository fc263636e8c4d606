#!/usr/bin/env node
// Makes dist/bundle/tcon.cjs.cache: runs the bundled command line in this fresh process on the
// example config, as a user would, then saves the code V8 compiled for it (bin/load-cli.js).
// Commands not run here still work from the cache; their functions are compiled when first used.
import { renameSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { BUNDLE, codeCache, loadCli } from '../bin/load-cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = [
  ['schedule', '--group', 'wg-14', '--year', '2027', '--no-holidays'],
  ['check', '--group', 'wg-14', '--year', '2027'],
  ['ics', '--group', 'wg-14', '--year', '2027', '--no-state'],
];

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
const file = `${BUNDLE}.cache`;
writeFileSync(`${file}.tmp`, codeCache(loaded));
renameSync(`${file}.tmp`, file);
