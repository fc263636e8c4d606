// plainDayText writes a day's text from the Date's fields: it must be toISOString's date, for
// every day it is used for (years 1000-9999).
import { describe, expect, it } from 'vitest';
import { isPlainDay, plainDayText } from '../../src/schedule/dates.js';

const DAY = 86_400_000;
const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY;

describe('plainDayText', () => {
  it('is the date of toISOString on every day of 1900-2199, and on the first and last plain days', () => {
    const wrong: number[] = [];
    const check = (n: number) => plainDayText(n) === new Date(n * DAY).toISOString().slice(0, 10) || wrong.push(n);
    for (let n = dayOf(1900, 1, 1); n < dayOf(2200, 1, 1); n++) check(n);
    for (const n of [dayOf(1000, 1, 1), dayOf(1000, 12, 31), dayOf(1582, 10, 15), dayOf(9999, 12, 31), -1, 0]) check(n);
    expect(wrong).toEqual([]);
    expect(plainDayText(dayOf(2027, 3, 9))).toBe('2027-03-09');
  });

  it('is the date of toISOString on days spread over years 1000-9999', () => {
    const wrong: number[] = [];
    for (let n = dayOf(1000, 1, 1); n <= dayOf(9999, 12, 31); n += 97) {
      if (!isPlainDay(n) || plainDayText(n) !== new Date(n * DAY).toISOString().slice(0, 10)) wrong.push(n);
    }
    expect(wrong).toEqual([]);
    expect(isPlainDay(dayOf(999, 12, 31))).toBe(false);
    expect(isPlainDay(dayOf(10000, 1, 1))).toBe(false);
  });
});
