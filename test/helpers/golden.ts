// Golden files (test/golden/): what tcon writes for a fixed input and clock, kept in the repository
// so that a change in the output is reviewed as a diff. A missing golden fails the test; only
// UPDATE_GOLDEN=1 writes goldens (then review `git diff test/golden` and commit them):
//   UPDATE_GOLDEN=1 npx vitest run test/calendar/golden.test.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN = new URL('../golden/', import.meta.url);

/**
 * What of a text is not tcon's to decide, and would make a golden change with no change in tcon:
 * the LAST-MODIFIED that timezones-ical-library writes into each VTIMEZONE (the date of its
 * data, new with each release of the package). A LAST-MODIFIED elsewhere is kept.
 */
export function normaliseGolden(text: string): string {
  return text.replace(/(BEGIN:VTIMEZONE\r?\n)([\s\S]*?)(END:VTIMEZONE)/g, (_m, begin: string, body: string, end: string) => {
    return begin + body.replace(/^LAST-MODIFIED:[^\r\n]*/m, 'LAST-MODIFIED:<timezones-ical-library>') + end;
  });
}

/** Compares `text` (normalised) with the golden file `path`; with `update`, writes it first. */
export function checkGolden(path: string, text: string, update: boolean): void {
  const normal = normaliseGolden(text);
  if (update) writeFileSync(path, normal);
  else if (!existsSync(path)) {
    throw new Error(`golden file ${path} is missing: write it with UPDATE_GOLDEN=1 (npx vitest run on this test), review it and commit it`);
  }
  expect(normal).toBe(readFileSync(path, 'utf8'));
}

/** The golden file test/golden/<name>: compared, or written under UPDATE_GOLDEN=1. */
export function expectGolden(name: string, text: string): void {
  checkGolden(fileURLToPath(new URL(name, GOLDEN)), text, !!process.env.UPDATE_GOLDEN);
}
