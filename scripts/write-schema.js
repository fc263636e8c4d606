#!/usr/bin/env node
// Writes schema/group.schema.json and schema/tcon.schema.json from the zod schemas (tests check
// they are up to date).
import { writeFileSync } from 'node:fs';
import { groupJsonSchema, regionsJsonSchema, secretariatJsonSchema } from '../dist/index.js';

writeFileSync(new URL('../schema/group.schema.json', import.meta.url), `${JSON.stringify(groupJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('../schema/regions.schema.json', import.meta.url), `${JSON.stringify(regionsJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('../schema/tcon.schema.json', import.meta.url), `${JSON.stringify(secretariatJsonSchema(), null, 2)}\n`);
