#!/usr/bin/env node
// Runs every bench/*.bench.js (each default-exports an async function returning result lines),
// each in a fresh node process: one bench's heap, servers and JIT state must not slow the next
// (the cold-start figures time child processes, and a busy parent skews them).
// `node bench/run.js NAME` runs the benches whose file name contains NAME in this process.
import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const only = process.argv[2];
const files = (await readdir(new URL('.', import.meta.url))).filter((f) => f.endsWith('.bench.js') && (!only || f.includes(only))).sort();
if (only === undefined) {
  for (const f of files) execFileSync(process.execPath, [fileURLToPath(import.meta.url), f], { stdio: 'inherit' });
} else {
  for (const f of files) {
    const mod = await import(new URL(f, import.meta.url).href);
    const lines = await mod.default();
    console.log(`## ${f.replace('.bench.js', '')}`);
    for (const l of lines) console.log(`  ${l}`);
  }
}
