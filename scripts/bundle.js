#!/usr/bin/env node
// Bundles the command line (dist/cli/main.js and the commands it loads lazily) into one file,
// dist/bundle/tcon.cjs, and makes V8's code cache for it (scripts/code-cache.js; bin/load-cli.js
// explains why), with beside it the time-zone records (dist/bundle/tcon.tzdata, read zone by
// zone: scripts/tzdata-outside.js) and the libraries few commands use (vendor-*.cjs, below). A
// cold start then reads two files instead of some three hundred modules and compiles almost
// nothing: Node's module loader and V8's compiler, not our code, were most of `tcon schedule`'s
// start-up. The library (`import 'tcon'`) stays unbundled in dist/. The bundle
// sits two levels below the package root, like dist/<dir>/*.js, so paths made from
// import.meta.url ('../../package.json', '../../config/templates/') hold.
//
// CommonJS rather than ES modules: only a script can be compiled with a code cache on Node 20.
// The commands' modules are still evaluated only when their command runs (esbuild turns each
// import() into a lazy initializer), and the cache makes the unused code cost almost nothing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';
import { WRAP_HEAD, WRAP_TAIL } from '../bin/load-cli.js';
import { TZDATA_FILE, tzdataOutside } from './tzdata-outside.js';

rmSync('dist/bundle', { recursive: true, force: true });

// commander requires node:child_process when it loads, for executable subcommands, which tcon has
// none of; loading it brings net, dgram and the stream modules with it (about 2 ms of every start).
// commander gets a stand-in that requires the real module on its first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

// The IANA time-zone data is not in the bundle's text: the bundle reads a zone's record from
// dist/bundle/tcon.tzdata when the zone is first used (scripts/tzdata-outside.js says why).
const tzdata = tzdataOutside(await import(new URL('../dist/tzdb/data.generated.js', import.meta.url).href));
const tzdataStandIn = {
  name: 'tzdata-outside',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]tzdb[\\/]data\.generated\.js$/ }, (args) => ({ loader: 'js', resolveDir: dirname(args.path), contents: tzdata.standIn }));
  },
};

// The libraries of the mail commands (nodemailer) and of `tcon import` (ical.js), and the yaml
// library, 0.5 MB of the bundle's text, are bundled apart into dist/bundle/vendor-*.cjs, which are
// required when first used: every other start reads and keeps a third less text (bin/load-cli.js:
// each byte of the bundle is memory touched twice, read and made a string). The bundle holds a
// small stand-in for each module, exporting what the library itself exports.
const VENDOR = {
  'nodemailer/lib/smtp-connection': ['vendor-mail.cjs', 'SMTPConnection'],
  'nodemailer/lib/mail-composer': ['vendor-mail.cjs', 'MailComposer'],
  'ical.js': ['vendor-ical.cjs', 'ICAL'],
};
const vendorOutside = {
  name: 'vendor-outside',
  setup(b) {
    b.onResolve({ filter: /^(nodemailer\/lib\/(smtp-connection|mail-composer)|ical\.js)$/ }, (args) => ({ path: args.path, namespace: 'vendor' }));
    b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => {
      const [file, name] = VENDOR[args.path];
      return { contents: `module.exports = require('./${file}').${name};`, loader: 'js' };
    });
    // yaml is in every command's module graph, but most configs are read without it (src/config/
    // quick-yaml.ts): its stand-in requires it when one of its exports is first used.
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'vendor-lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'vendor-lazy' }, () => ({
      contents: `let real; const load = () => (real ??= require('./vendor-yaml.cjs'));
for (const name of ${JSON.stringify(YAML_EXPORTS)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
      loader: 'js',
    }));
    b.onResolve({ filter: /^\.\/vendor-[a-z]+\.cjs$/ }, (args) => ({ path: args.path, external: true }));
  },
};
// Written as ES modules importing each library as tcon's modules do (ical.js then comes from its
// ES build, not from the ES5 one a require would get).
const VENDOR_FILES = {
  'vendor-mail.cjs':
    "export { default as SMTPConnection } from 'nodemailer/lib/smtp-connection'; export { default as MailComposer } from 'nodemailer/lib/mail-composer';",
  'vendor-ical.cjs': "export { default as ICAL } from 'ical.js';",
  'vendor-yaml.cjs': "export * from 'yaml';",
};
const YAML_EXPORTS = Object.keys(await import('yaml')).filter((name) => name !== 'default');

mkdirSync('dist/bundle', { recursive: true });
writeFileSync(`dist/bundle/${TZDATA_FILE}`, tzdata.data, 'latin1');

await build({
  entryPoints: ['dist/cli/main.js'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/bundle/tcon.cjs',
  // import.meta does not exist in a script: the bundle's own URL stands in for each module's.
  define: { 'import.meta.url': '__tconUrl' },
  banner: { js: "var __tconUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Smaller text is faster to read at every start. Identifiers are not minified: functions and
  // classes keep their own names in stack traces (TCON_DEBUG=1) and CPU profiles without
  // esbuild's keepNames, which renames them and then sets each function's name back at run time,
  // one defineProperty per closure made (2 MB of allocation and 7% of the registry feed run of
  // issue 14); minified identifiers saved 0.4 MB of text but no measurable time once that went.
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: false,
  charset: 'ascii',
  logLevel: 'warning',
  plugins: [lazyChildProcess, tzdataStandIn, vendorOutside],
});

for (const [file, contents] of Object.entries(VENDOR_FILES)) {
  await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: `dist/bundle/${file}`,
    minifyWhitespace: true,
    minifySyntax: true,
    charset: 'ascii',
    logLevel: 'warning',
    plugins: [lazyChildProcess],
  });
}

// Every import() must have been bundled (esbuild turns those into lazy initializers): a script
// compiled by node:vm has no loader to run one, and it would fail only when its command runs.
if (/\bimport\(/.test(readFileSync('dist/bundle/tcon.cjs', 'utf8'))) {
  throw new Error('dist/bundle/tcon.cjs contains import(): bundle that module (or load it with require) instead');
}

// The bundle must be ASCII (charset: 'ascii'; esbuild cannot escape a regex literal, so write such
// a regex with new RegExp and a string): bin/load-cli.js then reads it as Latin-1, a one-byte
// string for V8, where one other character made the whole bundle a two-byte string.
const nonAscii = readFileSync('dist/bundle/tcon.cjs').findIndex((b) => b > 0x7f);
if (nonAscii >= 0) {
  const text = readFileSync('dist/bundle/tcon.cjs', 'utf8');
  const at = Buffer.from(readFileSync('dist/bundle/tcon.cjs').subarray(0, nonAscii)).toString('utf8').length;
  throw new Error(`dist/bundle/tcon.cjs is not ASCII at ${JSON.stringify(text.slice(at - 40, at + 10))}: write that regex with new RegExp('...')`);
}

// The bundle is written as the function bin/load-cli.js compiles (its module wrapper around
// esbuild's output), so that a start compiles the file's text as read. Its last line is its
// SHA-256, which its code cache starts with (bin/load-cli.js): a start reads it instead of
// hashing the bundle.
const bundled = Buffer.concat([Buffer.from(WRAP_HEAD), readFileSync('dist/bundle/tcon.cjs'), Buffer.from(WRAP_TAIL)]);
writeFileSync('dist/bundle/tcon.cjs', Buffer.concat([bundled, Buffer.from(`//# tcon-build ${createHash('sha256').update(bundled).digest('hex')}\n`)]));

execFileSync(process.execPath, ['scripts/code-cache.js'], { stdio: 'inherit' });
