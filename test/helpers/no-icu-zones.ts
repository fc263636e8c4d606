// Set up for every test file (vitest.config.ts): tcon computes every offset with the bundled tz
// database (src/tzdb, through zoneOf). A luxon zone made from a name string (`setZone('Europe/Paris')`,
// `{ zone: 'Asia/Tokyo' }`) is luxon's IANAZone, which reads ICU's data: code under src/ that
// makes one (luxon's normalizeZone calls IANAZone.create for every such string) or asks ICU
// whether a name is a zone fails the test that reached it. Tests themselves may use luxon's zones.
import { IANAZone } from 'luxon';

/**
 * Whether code under src/ is among the callers (structured call sites, not a formatted stack:
 * the guard runs on every zone string luxon reads in a test, thousands of times in some).
 */
function fromSrc(): boolean {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  Error.prepareStackTrace = (_e, sites) => sites;
  Error.stackTraceLimit = 12;
  const sites = new Error().stack as unknown as NodeJS.CallSite[];
  Error.prepareStackTrace = prepare;
  Error.stackTraceLimit = limit;
  return sites.some((site) => {
    const file = site.getFileName() ?? '';
    return /[/\\]src[/\\]/.test(file) && !file.includes('node_modules');
  });
}

// Installed once per luxon instance: test files share a worker's modules (vitest.config.ts,
// isolate), and this file runs again before each of them.
const marked = IANAZone as typeof IANAZone & { __tconNoIcu?: boolean };
if (!marked.__tconNoIcu) {
  marked.__tconNoIcu = true;
  const create = IANAZone.create.bind(IANAZone);
  IANAZone.create = (name: string) => {
    if (fromSrc()) throw new Error(`src/ made luxon's ICU zone "${name}" (a zone name passed to luxon as a string): use zoneOf() from src/schedule/zoned.ts`);
    return create(name);
  };

  const isValidZone = IANAZone.isValidZone.bind(IANAZone);
  IANAZone.isValidZone = (zone) => {
    if (fromSrc()) throw new Error(`src/ asked ICU whether "${String(zone)}" is a zone: use isValidZone() from src/schedule/zoned.ts`);
    return isValidZone(zone);
  };
}
