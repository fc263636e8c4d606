import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupJsonSchema, regionsJsonSchema } from '../../src/config/schema.js';

// `npm run schema` writes these files; a schema change without it fails here.
describe('shipped JSON Schemas are up to date', () => {
  it.each([
    ['group.schema.json', groupJsonSchema],
    ['regions.schema.json', regionsJsonSchema],
  ])('schema/%s', (file, make) => {
    const shipped = JSON.parse(readFileSync(new URL(`../../schema/${file}`, import.meta.url), 'utf8'));
    expect(shipped).toEqual(make());
  });

  it('the group schema knows the coverage keys', () => {
    const props = (groupJsonSchema() as { properties: Record<string, unknown> }).properties;
    expect(Object.keys(props)).toEqual(expect.arrayContaining(['regions', 'coverage', 'members']));
  });
});
