// Loads the bundled command line (dist/bundle/tcon.cjs) with V8's code cache.
//
// Node 20 has no module compile cache (Node 22's module.enableCompileCache), so at every start
// V8 would parse and compile the bundle again: most of `tcon schedule`'s start-up. The build
// (scripts/bundle.js) runs the bundle once on the example config and saves the compiled code
// (`dist/bundle/tcon.cjs.cache`); here it is handed back to V8 with the source. V8 checks the
// cache against its own version and flags (a Node upgrade makes it reject the cache, and the
// bundle is simply compiled as before), but of the source it checks only the length: the cache
// therefore starts with the SHA-256 of the bundle it was made from, and any other bundle ignores it.
// The build writes that digest into the bundle's last line (`//# tcon-build <hex>`), so a start
// reads it instead of hashing 2 MB (and loading node:crypto): 4-5 ms of a 130 ms start. A bundle
// without that line (not made by scripts/bundle.js) is hashed.
'use strict';
// CommonJS, as is all of bin/ (bin/package.json): an ES module entry point costs a start about
// 5 ms more than a CommonJS one (Node's ESM loader reads, links and evaluates it asynchronously).
const { isAscii } = require('node:buffer');
const { closeSync, fstatSync, openSync, readSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'bundle', 'tcon.cjs');

/**
 * V8 flags of a tcon process, set before the bundle is compiled (and before its code cache is
 * made, whose check covers V8's flags: the build and every start set the same ones). Measured on
 * the 2-core machine, paired runs (issue 14; bench/README.md).
 *
 * `--interrupt-budget` (default 66 KB of bytecode run, here 16 times that) is how much a function
 * runs before V8 has TurboFan, its optimizing compiler, compile it on a background thread. A tcon
 * command runs for a fraction of a second to a few seconds, and most of its functions run a few
 * thousand times at most: TurboFan compiled dozens of them at each run and they hardly ran
 * afterwards. The registry feed of issue 14 took 20% less CPU and 5-10% less time, 1,000 groups'
 * feeds 20% less CPU in the same time, a schedule of 1,000 groups over 10 years (7 s) within 3%
 * of its time; the hot loops of long runs are still optimized, a little later.
 *
 * `--semi-space-growth-factor=1`: the young generation stays at its first size (1 MB a half)
 * instead of doubling whenever much of it survives a scavenge, as the long-lived config and
 * schedule of a short run do. Its pages were most of a short run's page faults (16 MB at 7 us a
 * fault in a VM) for fewer, longer scavenges: the registry feed, an import's feeds and `tcon
 * schedule` on the example took 6-9% less time and 5-8 MB less memory. A long run wants the
 * larger young generation (a 10-year schedule of 1,000 groups took 20% longer without it):
 * growYoungGeneration gives it back V8's own factor once a run has gone on for a second, and a
 * factor that takes it to its largest at once when the config turns out large (CliIo.largeRun):
 * a run of that size computes for a second or more without turning the event loop, so the timer
 * fires late. `check --all` of 1,000 groups made 371 scavenges (547 ms) with the first young
 * generation all through its computation, and 79 (246 ms) told as its config was read.
 */
const V8_FLAGS = '--interrupt-budget=1081344 --semi-space-growth-factor=1';

/**
 * Lets the young generation grow by `factor` (V8's own is 2; 16 takes it to its largest at the
 * next growth) from now on, for a run that has gone on for a while or will: called by bin/tcon.js,
 * never before the code cache is made (scripts/code-cache.js), whose check covers the flags. A
 * smaller factor than one set before is ignored.
 */
let growth = 1;
function growYoungGeneration(factor = 2) {
  if (factor <= growth) return;
  growth = factor;
  require('node:v8').setFlagsFromString(`--semi-space-growth-factor=${factor}`);
}

const DIGEST_BYTES = 32;
const BUILD_LINE = '\n//# tcon-build ';

/** The digest the build wrote in the bundle's last line, if it did. */
function buildDigest(code) {
  const tail = code.subarray(Math.max(0, code.length - 100)).toString('latin1');
  const at = tail.lastIndexOf(BUILD_LINE);
  const hex = at < 0 ? '' : tail.slice(at + BUILD_LINE.length).trim();
  return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}

/**
 * A bundle's code is the body of this function, as a CommonJS module's is; strict, as the ES
 * modules it was built from. The build writes it into the bundle (scripts/bundle.js): the source
 * is then the file's text as read, one flat string, where wrapping it at each start made a string
 * of two pieces that V8 copied whole (2 MB) before compiling, 10-20 ms of every start.
 */
const WRAP_HEAD = "(function (exports, require, module, __filename, __dirname) {'use strict';";
const WRAP_TAIL = '\n})\n';

/**
 * Compiles and runs the bundle. `cache`: the code cache file (default: next to the bundle; `null`:
 * none). Returns the module's exports, the compiled script (to make a cache from), the bundle's
 * digest, and what became of the cache: `used`, `rejected` (by V8: another Node), `stale`
 * (made from another bundle) or `none`.
 */
function loadCli({ bundle = BUNDLE, cache = `${bundle}.cache` } = {}) {
  require('node:v8').setFlagsFromString(V8_FLAGS);
  const bundleFd = openSync(bundle, 'r');
  let cacheFd;
  try {
    if (cache) cacheFd = openIfThere(cache);
    return compile(bundle, bundleFd, cacheFd);
  } finally {
    closeSync(bundleFd);
    if (cacheFd !== undefined) closeSync(cacheFd);
  }
}

/** loadCli's work, on the open bundle and cache (if any). */
function compile(bundle, bundleFd, cacheFd) {
  const bundleSize = fstatSync(bundleFd).size;
  const cacheSize = cacheFd === undefined ? 0 : fstatSync(cacheFd).size;
  // One buffer holds the bundle, then (once its text is made) the code cache: a page of memory
  // touched for the first time costs microseconds in a virtual machine, and the cache's 1.2 MB
  // reuses the bundle's pages instead of touching new ones (4 ms of every start; issue 14).
  const buffer = Buffer.allocUnsafeSlow(Math.max(bundleSize, cacheSize));
  const code = readInto(bundleFd, buffer, bundleSize);
  const built = buildDigest(code);
  // The bundle's digest: the one its build wrote in its last line, else its SHA-256.
  const digest = built ?? require('node:crypto').createHash('sha256').update(code).digest();
  // The build writes an ASCII bundle (scripts/bundle.js refuses any other): read as Latin-1 (the
  // same characters, decoded without UTF-8's checks). Its wrapper and last line say that this
  // build made it (an older one wrote no wrapper, and no ASCII check); checking 2 MB for ASCII
  // again took 3 ms of each start. Any other bundle is read as Latin-1 if it is ASCII, else as UTF-8.
  const wrapped = code.subarray(0, WRAP_HEAD.length).toString('latin1') === WRAP_HEAD;
  const text = code.toString((wrapped && built !== undefined) || isAscii(code) ? 'latin1' : 'utf8');
  // A bundle's source as a function expression: as written when the build wrapped it, else wrapped here.
  const source = wrapped ? text : `${WRAP_HEAD}${text}${WRAP_TAIL}`;
  let cachedData;
  let status = 'none';
  if (cacheFd !== undefined) {
    // The bundle's bytes are no longer needed (its text and digest are copies): the cache takes their place.
    const data = readInto(cacheFd, buffer, cacheSize);
    if (data.subarray(0, DIGEST_BYTES).equals(digest)) cachedData = data.subarray(DIGEST_BYTES);
    else status = 'stale';
  }
  const script = new vm.Script(source, { filename: bundle, cachedData });
  if (cachedData) status = script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { exports: module.exports, script, digest, cache: status };
}

/** A descriptor of file `path` open for reading, or undefined if there is no such file. */
function openIfThere(path) {
  try {
    return openSync(path, 'r');
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
    return undefined;
  }
}

/** The first `size` bytes of open file `fd` (fewer if it is shorter), read into the start of `buffer`. */
function readInto(fd, buffer, size) {
  let at = 0;
  for (let n = 1; at < size && n > 0; at += n) n = readSync(fd, buffer, at, size - at, at);
  return buffer.subarray(0, at);
}

/** The contents of a code cache file for a loaded bundle (after it has run, so that it holds the functions that ran). */
function codeCache(loaded) {
  return Buffer.concat([loaded.digest, loaded.script.createCachedData()]);
}

module.exports = { BUNDLE, WRAP_HEAD, WRAP_TAIL, loadCli, codeCache, growYoungGeneration };
