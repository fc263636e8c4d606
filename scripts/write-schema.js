#!/usr/bin/env node
// Writes schema/group.schema.json from the zod schema (a test checks it is up to date).
import { writeFileSync } from 'node:fs';
import { groupJsonSchema, regionsJsonSchema } from '../dist/index.js';

writeFileSync(new URL('../schema/group.schema.json', import.meta.url), `${JSON.stringify(groupJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('../schema/regions.schema.json', import.meta.url), `${JSON.stringify(regionsJsonSchema(), null, 2)}\n`);
