import type { DateTime } from 'luxon';
import { addDays } from './dates.js';
import type { IsoDate, Window } from './types.js';
import { zoneOf } from './zoned.js';

export interface WindowSpec {
  year?: number | undefined;
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
}

/** A calendar year, or from/to; by default the twelve months starting today in `zone`. */
export function resolveWindow(spec: WindowSpec, now: DateTime, zone: string): Window {
  if (spec.year !== undefined) return { from: `${spec.year}-01-01`, to: `${spec.year}-12-31` };
  const today = now.setZone(zoneOf(zone)).toISODate()!;
  const from = spec.from ?? today;
  const to = spec.to ?? addDays(`${Number(from.slice(0, 4)) + 1}${from.slice(4)}`, -1);
  return { from, to };
}
