// Golden files (test/golden/): what tcon writes for a fixed input and clock, kept in the repository
// so that a change in the output is reviewed as a diff. A missing golden fails the test; only
// UPDATE_GOLDEN=1 writes goldens (then review `git diff test/golden` and commit them):
//   UPDATE_GOLDEN=1 npx vitest run test/calendar/golden.test.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN = new URL('../golden/', import.meta.url);

/**
 * Compares `text` with the golden file `path`, byte for byte; with `update`, writes it first.
 * (Nothing is normalised: the VTIMEZONEs are tcon's own, from the bundled tz database, with no
 * LAST-MODIFIED or other date of a library's data.)
 */
export function checkGolden(path: string, text: string, update: boolean): void {
  if (update) writeFileSync(path, text);
  else if (!existsSync(path)) {
    throw new Error(`golden file ${path} is missing: write it with UPDATE_GOLDEN=1 (npx vitest run on this test), review it and commit it`);
  }
  expect(text).toBe(readFileSync(path, 'utf8'));
}

/** The golden file test/golden/<name>: compared, or written under UPDATE_GOLDEN=1. */
export function expectGolden(name: string, text: string): void {
  checkGolden(fileURLToPath(new URL(name, GOLDEN)), text, !!process.env.UPDATE_GOLDEN);
}
