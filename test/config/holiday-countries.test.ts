import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_COUNTRIES, isHolidayCountry } from '../../src/config/holiday-countries.js';

// Every command checks holiday countries against a list kept in the code (loading date-holidays
// costs 0.3 s at start-up): the list must be what the installed date-holidays knows.
describe('the holiday countries every command checks against', () => {
  it("are exactly date-holidays' countries and states (rerun scripts/holiday-countries.js after an upgrade)", () => {
    const h = new Holidays();
    const want: Record<string, string[]> = {};
    for (const c of Object.keys(h.getCountries('en')).sort()) want[c] = Object.keys(h.getStates(c, 'en') ?? {}).sort();
    expect(HOLIDAY_COUNTRIES).toEqual(want);
  });

  it.each([
    ['US', true],
    ['JP', true],
    ['US-CA', true],
    ['DE-BY', true],
    ['XQ', false],
    ['US-ZZ', false],
    ['us', false],
    ['US-CA-X', false],
    ['constructor', false],
    ['__proto__', false],
  ])('%s: %s', (code, known) => expect(isHolidayCountry(code)).toBe(known));
});
