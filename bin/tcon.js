#!/usr/bin/env node
'use strict';
const { BUNDLE, loadCli, growYoungGeneration } = require('./load-cli.js');

let runCli;
try {
  ({ runCli } = loadCli().exports);
} catch (e) {
  if (e.code !== 'ENOENT' || e.path !== BUNDLE) throw e;
  process.stderr.write(`tcon: ${BUNDLE} is missing: run \`npm run build\` in the tcon package first\n`);
  process.exit(70);
}

// `tcon plan | head`: the reader went away; stop quietly, as other command-line tools do,
// instead of dying on an unhandled EPIPE with a stack trace. Each stream is made when first
// written to: process.stdout and process.stderr make a stream (a socket for a pipe) when first
// touched, and a run that writes only files never touches standard output.
function guarded(stream) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return stream;
}
let stdout;
let stderr;

// A run that lasts beyond a second is a long one: V8's young generation may grow again
// (load-cli.js). The timer never keeps the process alive.
setTimeout(growYoungGeneration, 1000).unref();

runCli(process.argv.slice(2), {
  get stdout() {
    return (stdout ??= guarded(process.stdout));
  },
  get stderr() {
    return (stderr ??= guarded(process.stderr));
  },
  // Read only by `tcon init`: process.stdin makes a stream (and loads Node's stream, net or
  // readline modules) when first touched.
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
