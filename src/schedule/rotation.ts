import type { IsoDate, Rotation } from './types.js';

/** Hands out slot indexes for a series' dates in order. */
export interface Rotor {
  /** The slot of the meeting on `date` (dates must come in ascending order). */
  slotFor(date: IsoDate): number;
  /** Tells the rotor whether the meeting it just placed was held. */
  done(held: boolean): void;
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

function parts(date: IsoDate): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

/** Whole months from the anchor's month to the date's month. */
export function monthsBetween(anchor: IsoDate, date: IsoDate): number {
  const [ay, am] = parts(anchor);
  const [y, m] = parts(date);
  return (y - ay) * 12 + (m - am);
}

/** Whole 7-day blocks from the anchor date (the anchor's block is 0; earlier dates are negative). */
export function weeksBetween(anchor: IsoDate, date: IsoDate): number {
  const [ay, am, ad] = parts(anchor);
  const [y, m, d] = parts(date);
  const days = (Date.UTC(y, m - 1, d) - Date.UTC(ay, am - 1, ad)) / 86_400_000;
  return Math.floor(days / 7);
}

/**
 * The ISO 8601 week of a date: [ISO year, week number 1-53]. Week 1 is the week (Monday to
 * Sunday) holding the year's first Thursday, so 29 December can be in week 1 of the next year
 * and 1 January in week 52 or 53 of the one before (Python's `date.isocalendar()`).
 */
export function isoWeek(date: IsoDate): [number, number] {
  const [y, m, d] = parts(date);
  const t = Date.UTC(y, m - 1, d);
  const weekday = new Date(t).getUTCDay() || 7;
  // The Thursday of the date's week decides its ISO year.
  const thursday = new Date(t + (4 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return [year, week];
}

/** Whether an ISO year has 53 weeks (it starts on a Thursday, or is a leap year starting on a Wednesday). */
export function hasWeek53(year: number): boolean {
  return isoWeek(`${year}-12-28`)[1] === 53;
}

/** `turn`: for a rotation by meeting, the turns already taken (the meetings counted before the first date asked for). */
export function createRotor(rotation: Rotation, slotCount: number, turn = 0): Rotor {
  if (rotation.mode === 'month') {
    return { slotFor: (date) => mod(monthsBetween(rotation.anchor, date), slotCount), done: () => {} };
  }
  if (rotation.mode === 'iso-week') {
    return { slotFor: (date) => mod(isoWeek(date)[1] - 1, slotCount), done: () => {} };
  }
  if (rotation.mode === 'week') {
    return { slotFor: (date) => mod(weeksBetween(rotation.anchor, date), slotCount), done: () => {} };
  }
  return {
    slotFor: () => turn % slotCount,
    done: (held) => {
      if (held || rotation.onSkip === 'advance') turn++;
    },
  };
}
