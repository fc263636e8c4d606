#!/usr/bin/env node
// Writes dist/icu-zones.json: the zones for which this Node's own time-zone data (ICU) gives other
// offsets than the bundled tz database (src/adapters/icu-tz.ts, icuZonesToCompare). A command
// compares only those with ICU after its output (the note "Node's own time-zone data ... puts");
// for the others, most of them, it creates no ICU formatter. Made by `npm run build`, after tsc;
// a Node with other ICU data than the one that made the list compares every zone it used.
import { renameSync, writeFileSync } from 'node:fs';
import { icuZonesToCompare } from '../dist/adapters/icu-tz.js';

const list = icuZonesToCompare();
const out = new URL('../dist/icu-zones.json', import.meta.url).pathname;
writeFileSync(`${out}.tmp`, `${JSON.stringify(list, null, 1)}\n`);
renameSync(`${out}.tmp`, out);
