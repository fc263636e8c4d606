// Runs the Python checks of test/fixtures (python3-icalendar, python3-dateutil, zoneinfo): parsers
// that share nothing with Node. Debian's packages install into the system interpreter
// (/usr/bin/python3), which may not be the first python3 on PATH (pyenv): use the one that has them.
import { execFileSync } from 'node:child_process';

function works(py: string, code: string): boolean {
  try {
    execFileSync(py, ['-c', code], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A python3 at all (the tests skip, saying so, only when there is none). */
export const python3: string | undefined = ['python3', '/usr/bin/python3'].find((py) => works(py, 'import sys'));

const icalPython = ['/usr/bin/python3', 'python3'].find((py) => works(py, 'import icalendar, dateutil.rrule, zoneinfo'));

/**
 * The python3 that imports the iCalendar packages (Debian's python3-icalendar and
 * python3-dateutil). In CI, which installs them (.ci/run), a missing package must fail the run,
 * so the first python3 is used and its error shows; on a developer's machine without them the
 * iCalendar checks are skipped, saying so.
 */
export const pythonWithIcal: string | undefined = icalPython ?? (process.env.CI ? python3 : undefined);

export interface PyInstance {
  uid: string;
  start: string;
  end: string;
  override: boolean;
  summary: string;
}

/** Expands many iCalendar texts with one run of test/fixtures/ics_expand.py. */
export function expandManyWithPython(texts: readonly string[]): { method: string | null; instances: PyInstance[]; errors: string[] }[] {
  if (!pythonWithIcal) throw new Error('no python3');
  const script = new URL('../fixtures/ics_expand.py', import.meta.url).pathname;
  const out = execFileSync(pythonWithIcal, [script, '--batch'], { input: JSON.stringify(texts), maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out.toString()) as { method: string | null; instances: PyInstance[]; errors: string[] }[];
}

/** Expands an iCalendar text with test/fixtures/ics_expand.py. */
export function expandWithPython(text: string): { method: string | null; instances: PyInstance[]; errors: string[] } {
  if (!pythonWithIcal) throw new Error('no python3');
  const script = new URL('../fixtures/ics_expand.py', import.meta.url).pathname;
  const out = execFileSync(pythonWithIcal, [script], { input: text, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.toString()) as { method: string | null; instances: PyInstance[]; errors: string[] };
}

/** Said once per test file when the Python checks cannot run (they are skipped, not passed). */
export const PYTHON_SKIP_NOTE = python3 ? '' : ' [skipped: no python3 on this machine]';
export const PYTHON_ICAL_SKIP_NOTE = pythonWithIcal
  ? ''
  : ' [skipped: no python3 with python3-icalendar and python3-dateutil (apt-get install them, as .ci/run does)]';
if (!python3) console.warn('tcon tests: no python3 on this machine: the Python (icalendar, dateutil, email) checks are skipped');
else if (!pythonWithIcal)
  console.warn('tcon tests: python3-icalendar/python3-dateutil missing: the Python iCalendar checks are skipped (.ci/run installs them)');

const libicalWorks = ['/usr/bin/python3', 'python3'].find((py) =>
  works(py, "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"),
);

/**
 * The python3 that reads libical through GObject introspection (Debian's gir1.2-ical-3.0 and
 * python3-gi, which .ci/run installs). In CI a missing package fails the run; elsewhere the
 * libical checks are skipped, saying so.
 */
export const pythonWithLibical: string | undefined = libicalWorks ?? (process.env.CI ? python3 : undefined);
export const LIBICAL_SKIP_NOTE = pythonWithLibical ? '' : ' [skipped: no libical for python3 (apt-get install gir1.2-ical-3.0 python3-gi, as .ci/run does)]';
if (python3 && !pythonWithLibical) console.warn('tcon tests: gir1.2-ical-3.0/python3-gi missing: the libical checks are skipped (.ci/run installs them)');

export interface LibicalInstance {
  uid: string;
  start: string;
  end: string;
  override: boolean;
}

/** Expands iCalendar texts with libical (test/fixtures/libical_expand.py), one process for all. */
export function expandManyWithLibical(texts: readonly string[]): { instances: LibicalInstance[]; errors: string[] }[] {
  if (!pythonWithLibical) throw new Error('no python3 with libical');
  const script = new URL('../fixtures/libical_expand.py', import.meta.url).pathname;
  const out = execFileSync(pythonWithLibical, [script], { input: JSON.stringify(texts), maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out.toString()) as { instances: LibicalInstance[]; errors: string[] }[];
}

/**
 * The IANA release of the tz database Python's zoneinfo reads (the first line of tzdata.zi in
 * its search path, "# version 2025b": Debian's tzdata package), or undefined when unknown.
 */
export function pythonTzdataVersion(): string | undefined {
  if (!python3) return undefined;
  const code = [
    'import zoneinfo, os',
    'for d in zoneinfo.TZPATH:',
    '    p = os.path.join(d, "tzdata.zi")',
    '    if os.path.exists(p):',
    '        print(open(p).readline().split()[-1]); break',
  ].join('\n');
  try {
    return (
      execFileSync(pythonWithIcal ?? python3, ['-c', code])
        .toString()
        .trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/**
 * Dates of rules computed with test/fixtures/rule_dates.py: an RRULE expanded by python-dateutil,
 * or a predicate over dates written from a phrase's English meaning (see the script). One run for
 * all jobs.
 */
export function ruleDatesWithPython(jobs: readonly ({ from: string; to: string } & ({ rule: string } | { predicate: string }))[]): string[][] {
  if (!pythonWithIcal) throw new Error('no python3 with dateutil');
  const script = new URL('../fixtures/rule_dates.py', import.meta.url).pathname;
  const out = execFileSync(pythonWithIcal, [script], { input: JSON.stringify(jobs), maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.toString()) as string[][];
}
