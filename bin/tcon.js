#!/usr/bin/env node
'use strict';
const { writeSync } = require('node:fs');
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

/**
 * Standard error as tcon writes it: its lines (warnings, "wrote FILE") go straight to descriptor
 * 2 with writeSync, which is what process.stderr itself does on Linux for a file, a pipe or a
 * terminal (synchronous writes there), without making that stream: a pipe's or a terminal's loads
 * Node's net and tty modules, 2-3 ms of a run that only reports the files it wrote (issue 14).
 * Elsewhere (Windows, macOS pipes), and from the first write that would block (a pipe set
 * non-blocking and full), writes go to process.stderr. When the reader has gone away, later
 * messages are dropped and the run goes on to its own exit code (a closed standard output ends
 * it: guarded). Whether it is a terminal (`isTTY`) is the stream's answer.
 */
function directStderr() {
  let stream = process.platform === 'linux' ? undefined : guarded(process.stderr);
  return {
    write(text) {
      if (stream) return stream.write(text);
      const bytes = Buffer.from(text);
      let at = 0;
      try {
        while (at < bytes.length) at += writeSync(2, bytes, at);
        return true;
      } catch (e) {
        // No one reads the messages any more: the run goes on without them, to its own exit code.
        if (e.code === 'EPIPE') return (stream = { write: () => true, isTTY: false }).write();
        if (e.code !== 'EAGAIN') throw e;
        // A write that would block: what is left of it, and every later one, goes to the stream.
        stream = guarded(process.stderr);
        return stream.write(bytes.subarray(at));
      }
    },
    get isTTY() {
      return (stream ??= guarded(process.stderr)).isTTY;
    },
  };
}

// A run that lasts beyond a second is a long one: V8's young generation may grow again
// (load-cli.js). The timer never keeps the process alive.
setTimeout(() => growYoungGeneration(), 1000).unref();

runCli(process.argv.slice(2), {
  get stdout() {
    return (stdout ??= guarded(process.stdout));
  },
  get stderr() {
    return (stderr ??= directStderr());
  },
  // Read only by `tcon init`: process.stdin makes a stream (and loads Node's stream, net or
  // readline modules) when first touched.
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  cwd: process.cwd(),
  // A config of hundreds of groups: a long run, whose young generation may grow to its largest at once.
  largeRun: () => growYoungGeneration(16),
}).then((code) => {
  process.exitCode = code;
});
