#!/usr/bin/env node
// Runs every bench/*.bench.js (each default-exports an async function returning result lines).
import { readdir } from 'node:fs/promises';

const only = process.argv[2];
const files = (await readdir(new URL('.', import.meta.url))).filter((f) => f.endsWith('.bench.js') && (!only || f.includes(only))).sort();
for (const f of files) {
  const mod = await import(new URL(f, import.meta.url).href);
  const lines = await mod.default();
  console.log(`## ${f.replace('.bench.js', '')}`);
  for (const l of lines) console.log(`  ${l}`);
}
