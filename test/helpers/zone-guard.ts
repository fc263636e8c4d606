// The zone guard: a vitest setup file for the tests that run once, under TZ=UTC (vitest.config.ts,
// project "zone-free"). It wraps every JavaScript API whose answer depends on the process's time
// zone (Date's local getters and setters, local parsing and printing, Intl.DateTimeFormat without
// a timeZone) and fails a test file that reaches one outside the reviewed sites below: such a
// file belongs in test/zone-dependent.ts, which runs again under another TZ, or the code it
// reaches should not read the machine's zone at all.
//
// With TCON_ZONE_REPORT=<file> it fails nothing and appends one JSON line per test file instead
// (every site reached, reviewed or not, and every child process, which inherits TZ): how the list
// in test/zone-dependent.ts was made. `npm run test:zones` runs it over the whole suite.
import { appendFileSync } from 'node:fs';
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { afterAll, expect } from 'vitest';

/**
 * Sites that read the process's zone without it reaching anything a test checks, each with why.
 * A hit whose stack has a frame matching `frame` (file and function) is one of them.
 */
const REVIEWED: { frame: RegExp; why: string }[] = [
  {
    frame: /ical\.js\/dist\/ical\.js.*_ensureCoverage|Timezone\._ensureCoverage/,
    why: 'ical.js takes the current local year once, as the first year of its cache of zone changes: what it caches, not what it answers',
  },
  { frame: /node_modules\/selfsigned\//, why: 'the test TLS certificate is valid from now for 365 local days' },
  { frame: /node_modules\/playwright-core\/lib\/utilsBundle\.js/, why: "the zip writer's DOS date bounds, made when playwright-core loads" },
  {
    frame: /node_modules\/postal-mime\/.*postal-mime\.js/,
    why: 'postal-mime compares the parsed Date header with "Invalid Date" and then prints it with toISOString',
  },
];

type Hits = Map<string, number>;
// On globalThis: the wrappers are installed once per worker (files share workers), the hits are
// counted afresh for each file (this file runs again before each).
const g = globalThis as typeof globalThis & { __tconZoneHits?: Hits; __tconZoneTraced?: number; __tconZoneTrapped?: boolean };
const report = process.env.TCON_ZONE_REPORT;
g.__tconZoneHits = new Map();
g.__tconZoneTraced = 0;

const short = (f: string) => f.replace(/^.*?\((.*)\)$/, '$1').replace(/^(?:file:\/\/)?.*?\/(node_modules\/.*|src\/.*|test\/.*)$/, '$1');

// A report stops tracing stacks after this many hits in a file (ts-ics makes some 900,000).
const TRACED = 20_000;

function hit(api: string): void {
  if (report && (g.__tconZoneTraced = g.__tconZoneTraced! + 1) > TRACED) {
    const key = `${api} (not traced: over ${TRACED} hits in this file)`;
    g.__tconZoneHits!.set(key, (g.__tconZoneHits!.get(key) ?? 0) + 1);
    return;
  }
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const frames = (new Error().stack ?? '')
    .split('\n')
    .slice(1)
    .map((l) => l.trim().replace(/^at /, ''));
  Error.stackTraceLimit = limit;
  const outer = frames.filter((f) => !f.includes('helpers/zone-guard.ts'));
  const reviewed = REVIEWED.find((r) => outer.some((f) => r.frame.test(f)));
  if (reviewed && !report) return;
  // The nearest frame in tcon's own code or tests, and the nearest one at all (maybe a library).
  const ours = outer.find((f) => /\/(src|test)\//.test(f) && !f.includes('node_modules'));
  const key = `${api} at ${short(outer[0] ?? '?')}${ours && ours !== outer[0] ? ` from ${short(ours)}` : ''}${reviewed ? ` [reviewed: ${reviewed.why}]` : ''}`;
  g.__tconZoneHits!.set(key, (g.__tconZoneHits!.get(key) ?? 0) + 1);
}

/** A date-time string that Date parses in the local zone: no offset, and not a bare ISO date. */
function localString(s: string): boolean {
  if (/^[+-]?\d{4,6}-\d{2}-\d{2}$/.test(s)) return false;
  return !/(Z|[+-]\d{2}:?\d{2}|\b(GMT|UTC|UT)\b.*)$/i.test(s.trim());
}

if (!g.__tconZoneTrapped) {
  g.__tconZoneTrapped = true;
  const D = Date;
  const proto = D.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  // Not the milliseconds ones: every zone's offset is a whole number of seconds, so they answer
  // the same in every zone (rrule calls setMilliseconds(0) on each date it makes).
  const local = ['getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds', 'getTimezoneOffset', 'getYear'];
  const setters = ['setFullYear', 'setMonth', 'setDate', 'setHours', 'setMinutes', 'setSeconds', 'setYear'];
  for (const m of [...local, ...setters, 'toString', 'toDateString', 'toTimeString']) {
    const orig = proto[m];
    if (!orig) continue;
    proto[m] = function (this: Date, ...a: unknown[]) {
      hit(`Date#${m}`);
      return orig.apply(this, a);
    };
  }
  for (const m of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) {
    const orig = proto[m]!;
    proto[m] = function (this: Date, ...a: unknown[]) {
      if (!(a[1] as { timeZone?: string } | undefined)?.timeZone) hit(`Date#${m} without a timeZone`);
      return orig.apply(this, a);
    };
  }
  const GuardedDate = function (this: unknown, ...a: unknown[]) {
    if (!new.target) {
      hit('Date() called as a function');
      return D();
    }
    if (a.length >= 2) hit('new Date(year, month, ...)');
    else if (a.length === 1 && typeof a[0] === 'string' && localString(a[0])) hit('new Date(a string without an offset)');
    if (new.target !== GuardedDate) return Reflect.construct(D, a, new.target); // a subclass of Date
    return a.length === 0 ? new D() : a.length === 1 ? new D(a[0] as number) : new D(...(a as [number, number]));
  } as unknown as DateConstructor;
  Object.defineProperty(GuardedDate, 'name', { value: 'Date' });
  Object.defineProperty(GuardedDate, 'length', { value: 7 });
  Object.defineProperty(GuardedDate, 'prototype', { value: D.prototype });
  Object.defineProperty(D.prototype, 'constructor', { value: GuardedDate, writable: true, configurable: true });
  GuardedDate.now = D.now;
  GuardedDate.UTC = D.UTC;
  GuardedDate.parse = (s: string) => {
    if (localString(String(s))) hit('Date.parse(a string without an offset)');
    return D.parse(s);
  };
  globalThis.Date = GuardedDate;

  // A formatter made without a timeZone uses the process's zone only when it formats or tells its
  // zone: luxon makes some just to learn the locale's defaults.
  const DTF = Intl.DateTimeFormat;
  const GuardedDTF = function (this: unknown, locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
    const f = new DTF(locales, options);
    if (options?.timeZone) return f;
    return new Proxy(f, {
      get(target, key) {
        const v = Reflect.get(target, key, target) as unknown;
        if (typeof v !== 'function') return v;
        if (key === 'resolvedOptions') {
          return () =>
            new Proxy(target.resolvedOptions(), {
              get(o, k) {
                if (k === 'timeZone') hit('Intl.DateTimeFormat without a timeZone: resolvedOptions().timeZone');
                return Reflect.get(o, k) as unknown;
              },
            });
        }
        return (...a: unknown[]) => {
          hit(`Intl.DateTimeFormat without a timeZone: ${String(key)}()`);
          return (v as (...x: unknown[]) => unknown).apply(target, a);
        };
      },
    });
  } as unknown as typeof Intl.DateTimeFormat;
  Object.defineProperty(GuardedDTF, 'prototype', { value: DTF.prototype });
  GuardedDTF.supportedLocalesOf = DTF.supportedLocalesOf;
  Intl.DateTimeFormat = GuardedDTF;

  // A child process inherits TZ and runs out of the guard's sight: reported, never failed (see
  // test/zone-dependent.ts for the children the suite starts and why each is zone-free or not).
  if (report) {
    const cp = childProcess as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const m of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync', 'fork']) {
      const orig = cp[m]!;
      cp[m] = function (this: unknown, ...a: unknown[]) {
        const args = Array.isArray(a[1]) ? (a[1] as unknown[]).slice(0, 2).map((x) => short(String(x))) : [];
        const key = `child process: ${short(String(a[0]))} ${args.join(' ')}`;
        g.__tconZoneHits!.set(key, (g.__tconZoneHits!.get(key) ?? 0) + 1);
        return orig.apply(this, a);
      };
    }
    syncBuiltinESMExports();
  }
}

afterAll(() => {
  const file = (expect.getState().testPath ?? '?').replace(`${process.cwd()}/`, '');
  const hits = [...g.__tconZoneHits!];
  if (report) {
    appendFileSync(report, `${JSON.stringify({ file, hits: Object.fromEntries(hits) })}\n`);
    return;
  }
  if (hits.length === 0) return;
  throw new Error(
    `${file} reaches the process's time zone, but runs only under TZ=UTC:\n` +
      hits.map(([k, n]) => `  ${k} (${n}x)`).join('\n') +
      '\nEither pass a zone (luxon: { zone }, Intl: { timeZone }) or, if the test is about zones on purpose, ' +
      'list the file in test/zone-dependent.ts with the reason.',
  );
});
