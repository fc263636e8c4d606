#!/usr/bin/env node
// Bundles the command line (dist/cli/main.js and the commands it loads lazily) into dist/bundle/,
// so that a cold start reads a few files instead of some three hundred modules: Node's module
// loader, not our code, was most of `tcon schedule`'s start-up. The library (`import 'tcon'`)
// stays unbundled in dist/. Chunks sit two levels below the package root, like dist/<dir>/*.js,
// so paths made from import.meta.url ('../../package.json', '../../config/templates/') hold.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: { main: 'dist/cli/main.js' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  // CommonJS dependencies bundled into ESM call require(): give them Node's.
  banner: { js: "import { createRequire as __tconRequire } from 'node:module'; const require = __tconRequire(import.meta.url);" },
  // Smaller text is faster for V8 to pre-parse at every start; names are kept for stack traces.
  minify: true,
  keepNames: true,
  logLevel: 'warning',
});
