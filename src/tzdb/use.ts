/*
 * Which zones a run computed offsets for, and over which instants (the first and the last asked):
 * the command line compares those spans with the running Node's own ICU data once a command is
 * done (src/adapters/icu-tz.ts). Kept apart from the data, so that reading it costs nothing.
 */

/** A zone's span of instants asked; `generation` tells a zone whether its span is of this run. */
export interface ZoneUse {
  from: number;
  to: number;
}

const used = new Map<string, ZoneUse>();
let generation = 0;

/** Forgets the zones used so far (the start of a command). */
export function resetZoneUse(): void {
  used.clear();
  generation++;
}

/** The current run's number: a zone whose span is of an older run starts a new one. */
export function zoneUseGeneration(): number {
  return generation;
}

/** Starts the span of `zone` for this run. */
export function startZoneUse(zone: string, ms: number): ZoneUse {
  const span = { from: ms, to: ms };
  used.set(zone, span);
  return span;
}

/** The zones offsets were computed for since `resetZoneUse`, each with the first and last instant asked. */
export function zoneUse(): ReadonlyMap<string, ZoneUse> {
  return used;
}
