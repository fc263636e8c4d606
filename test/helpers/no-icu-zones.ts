// Set up for every test file (vitest.config.ts): tcon computes every offset with the bundled tz
// database (src/tzdb, through zoneOf). A luxon zone made from a name string (`setZone('Europe/Paris')`,
// `{ zone: 'Asia/Tokyo' }`) is luxon's IANAZone, which reads ICU's data: any such zone used by
// code under src/ fails the test that reached it. Tests themselves may still use luxon's zones.
import { IANAZone } from 'luxon';

const fromSrc = (stack: string | undefined) => (stack ?? '').split('\n').some((l) => /[/\\]src[/\\]/.test(l) && !/node_modules/.test(l));

function guard<K extends 'offset' | 'offsetName' | 'formatOffset'>(name: K): void {
  const original = IANAZone.prototype[name] as (...args: unknown[]) => unknown;
  (IANAZone.prototype as unknown as Record<string, unknown>)[name] = function (this: IANAZone, ...args: unknown[]) {
    if (fromSrc(new Error().stack)) throw new Error(`src/ used ICU's data for time zone "${this.name}" (luxon IANAZone.${name}): use zoneOf() from src/schedule/zoned.ts`);
    return original.apply(this, args);
  };
}
guard('offset');
guard('offsetName');
guard('formatOffset');

const isValidZone = IANAZone.isValidZone.bind(IANAZone);
IANAZone.isValidZone = (zone) => {
  if (fromSrc(new Error().stack)) throw new Error(`src/ asked ICU whether "${String(zone)}" is a zone: use isValidZone() from src/schedule/zoned.ts`);
  return isValidZone(zone);
};
