// The config's schemas are zod/mini's (src/config/zod-setup.ts): issues in English, as zod's
// classic API gave them, and descriptions registered on the schema itself, a shared schema
// described through a copy of its own.
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { meta } from '../../src/config/zod-setup.js';
import { GroupInput } from '../../src/config/schema.js';

describe('zod/mini setup', () => {
  it('issues carry English messages', () => {
    const r = z.strictObject({ a: z.string() }).safeParse({ a: 1, b: 2 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual(['Invalid input: expected string, received number', 'Unrecognized key: "b"']);
  });

  it('meta describes the schema itself; a copy (z.clone) gives a shared schema a description of its own', () => {
    const base = z.strictObject({ x: z.optional(z.string()) });
    const a = meta(z.clone(base), { description: 'A' });
    const b = meta(z.clone(base), { description: 'B' });
    expect(z.globalRegistry.get(base)).toBeUndefined();
    const json = z.toJSONSchema(z.strictObject({ a, b })) as { properties: Record<string, { description?: string }> };
    expect([json.properties.a!.description, json.properties.b!.description]).toEqual(['A', 'B']);
  });

  it("the group file's schema checks what the classic one did: types, required and unknown keys", () => {
    const ok = GroupInput.safeParse({ id: 'g', title: 'T', timezone: 'UTC', series: [{ rule: 'FREQ=WEEKLY;BYDAY=TU', slots: ['09:00', { time: '10:00' }] }] });
    expect(ok.success).toBe(true);
    const bad = GroupInput.safeParse({ id: 'g', timezone: 'UTC', series: [{ slots: [{ time: 9 }], colour: 'red' }], duration: 'sixty' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.code, i.path.join('.')]).sort()).toEqual(
      [
        ['invalid_type', 'title'],
        ['invalid_type', 'duration'],
        ['invalid_union', 'series.0.slots.0'],
        ['unrecognized_keys', 'series.0'],
      ].sort(),
    );
  });
});
