// Issue 14: cost at registry scale. Each case runs bin/tcon.js on a config directory written by
// corpus.js into a temp dir: wall time as a ratio against a bare `node -e 0` timed in the same
// run (paired: one bare run, then one command, medians of the pairs' ratios), CPU seconds and
// peak RSS (bench/rusage.js). TCON_BENCH_QUICK=1: fewer pairs, 1,000 groups x 10 years instead of
// 50 for the streamed schedule (minutes instead of a quarter of an hour).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED, writeRegistry, writeSynthetic, writeYaml2icalRegistry } from './corpus.js';
import { median } from './util.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUICK = !!process.env.TCON_BENCH_QUICK;
const PAIRS = QUICK ? 5 : 15;
const NOW = '2026-11-28T00:00Z';

/** One run of `node ARGS` (stdout to `out`, a file, or nowhere): wall ms, CPU s, peak RSS MB. */
function runOnce(args, { out, rusage = true, okCodes = [0], env = process.env } = {}) {
  const usage = join(tmpdir(), `tcon-rusage-${process.pid}.json`);
  const fd = out ? openSync(out, 'w') : 'ignore';
  const t = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, rusage ? ['--import', './bench/rusage.js', ...args] : args, {
      cwd: ROOT,
      stdio: ['ignore', fd, 'pipe'],
      env: { ...env, TCON_BENCH_RUSAGE: rusage ? usage : '', TCON_HOLIDAY_CACHE: '' },
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    if (okCodes.includes(e.status)) return finish();
    // A failed command is a figure too (the 50-year schedule used to die of "Invalid string length").
    return {
      ms: Number(process.hrtime.bigint() - t) / 1e6,
      failed: String(e.stderr ?? e.message)
        .trim()
        .split('\n')
        .pop(),
    };
  } finally {
    if (typeof fd === 'number') closeSync(fd);
  }
  return finish();
  function finish() {
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (!rusage) return { ms };
    const r = JSON.parse(readFileSync(usage, 'utf8'));
    rmSync(usage, { force: true });
    return { ms, ...r };
  }
}

/** Paired runs: `node -e 0`, then the command; the median ratio and the medians of each. */
function paired(args, pairs = PAIRS, env = process.env) {
  const ratios = [];
  const bare = [];
  const cmd = [];
  for (let i = 0; i < pairs; i++) {
    const b = runOnce(['-e', '0'], { rusage: false, env }).ms;
    const c = runOnce(args, { rusage: false, env });
    if (c.failed) throw new Error(`${args.join(' ')}: ${c.failed}`);
    bare.push(b);
    cmd.push(c.ms);
    ratios.push(c.ms / b);
  }
  return { ratio: median(ratios), bare: median(bare), ms: median(cmd) };
}

/**
 * Waits until the disk has written what earlier cases left to write (sync(1)): a case that
 * writes and syncs files (tcon's --out-dir) is otherwise timed while the kernel writes back the
 * 130 MiB of JSON the case before it wrote, and its fsyncs wait behind that.
 */
function settle() {
  execFileSync('sync', [], { stdio: 'ignore' });
}

/** Wall ms of `sh -c SCRIPT`. */
function shellMs(script, env) {
  const t = process.hrtime.bigint();
  execFileSync('sh', ['-c', script], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, ...env } });
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * tcon against yaml2ical itself (issue 14: "3x faster than yaml2ical"), when YAML2ICAL_DIR names
 * a checkout of yaml2ical (github.com/openstack-infra/yaml2ical) that the system's python3 can run
 * (PyYAML, Jinja2, icalendar, pbr): a registry of 93 yaml2ical meetings (corpus.js) imported by
 * `tcon import yaml2ical`, then `tcon ics --all --year 2027 --out-dir` (per-group files and
 * all.ics) paired with yaml2ical's two runs for the same files (`-i` one file a meeting, `-o` the
 * combined one). yaml2ical writes RRULEs and has no window; tcon writes the meetings of 2027.
 */
export function yaml2icalCase(tmp) {
  const dir = process.env.YAML2ICAL_DIR;
  if (!dir) return undefined;
  const meetings = join(tmp, 'y2i-meetings');
  writeYaml2icalRegistry(meetings);
  const config = join(tmp, 'y2i-config');
  runOnce(['bin/tcon.js', 'import', 'yaml2ical', meetings, '--out-dir', config, '--now', NOW], { rusage: false, okCodes: [0, 1] });
  const out = join(tmp, 'y2i-out');
  mkdirSync(out, { recursive: true });
  const py = `/usr/bin/python3 -m yaml2ical.cli -y '${meetings}'`;
  const script = `${py} -i '${out}' -f && ${py} -o '${join(tmp, 'y2i-all.ics')}' -f`;
  const env = { PYTHONPATH: dir, PBR_VERSION: '0.0.0' };
  const args = ['bin/tcon.js', 'ics', '--all', '--year', '2027', '--config', config, '--out-dir', join(tmp, 'y2i-tcon'), '--no-state', '--now', NOW];
  const ratios = [];
  const ours = [];
  const theirs = [];
  settle();
  for (let i = 0; i < PAIRS; i++) {
    const b = shellMs(script, env);
    const a = runOnce(args, { rusage: false }).ms;
    ours.push(a);
    theirs.push(b);
    ratios.push(a / b);
  }
  return `against yaml2ical (93 meetings; its -i and -o runs against tcon ics --all --out-dir): ${median(ratios).toFixed(3)}x its wall time (${median(ours).toFixed(0)} vs ${median(theirs).toFixed(0)} ms; target <= 0.33x)`;
}

const fmt = (r) =>
  r.failed
    ? `FAILED after ${(r.ms / 1000).toFixed(1)} s: ${r.failed}`
    : `${(r.ms / 1000).toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU, ${r.rssMb.toFixed(0)} MB peak RSS`;

export default async function () {
  const tmp = mkdtempSync(join(tmpdir(), 'tcon-scale-'));
  const lines = [
    `load average at start ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}, ${QUICK ? 'quick' : 'full'} mode (${PAIRS} pairs)`,
  ];
  try {
    const reg = join(tmp, 'registry');
    writeRegistry(reg);
    const regOut = join(tmp, 'registry-out');
    const regArgs = ['bin/tcon.js', 'ics', '--config', reg, '--year', '2027', '--out-dir', regOut, '--all', '--no-state', '--now', NOW];
    settle();
    const regOnce = runOnce(regArgs);
    const regPaired = paired(regArgs);
    lines.push(
      `registry-like corpus (93 UTC groups, series from 2013-2026), per-group files + all.ics for 2027: ${regPaired.ratio.toFixed(2)}x node -e 0 (${regPaired.ms.toFixed(0)} vs ${regPaired.bare.toFixed(0)} ms; target <= 3.7x); ${fmt(regOnce)}`,
    );
    // NODE_EXTRA_CA_CERTS makes every node process parse those certificates at start (about 40 ms
    // for a system bundle): `node -e 0` then costs twice as much, and every ratio looks better.
    if (process.env.NODE_EXTRA_CA_CERTS) {
      const { NODE_EXTRA_CA_CERTS: _, ...without } = process.env;
      const bare = paired(regArgs, PAIRS, without);
      lines.push(
        `  the same without NODE_EXTRA_CA_CERTS (set here: node -e 0 loads ${process.env.NODE_EXTRA_CA_CERTS} at each start): ${bare.ratio.toFixed(2)}x node -e 0 (${bare.ms.toFixed(0)} vs ${bare.bare.toFixed(0)} ms)`,
      );
    }

    const cold = paired(['bin/tcon.js', 'schedule', '--group', 'wg-14', '--year', '2027', '--config', 'config', '--no-holidays']);
    lines.push(
      `tcon schedule cold start on the example (--no-holidays): ${cold.ratio.toFixed(2)}x node -e 0 (${cold.ms.toFixed(0)} vs ${cold.bare.toFixed(0)} ms; target <= 2.5x)`,
    );

    const k1 = join(tmp, 'k1');
    writeSynthetic(k1, 1000, SHARED.extra, 2027, SHARED.secretariat);
    // check and plan exit 1 when they find something (poor coverage, conflicts): a result, not a failure.
    const k1Meetings = (argv) => runOnce(argv, { okCodes: [0, 1] });
    const ics1k = k1Meetings(['bin/tcon.js', 'ics', '--config', k1, '--year', '2027', '--out-dir', join(tmp, 'k1-out'), '--all', '--no-state', '--now', NOW]);
    lines.push(`ics, 1,000 groups x 1 year (per-group files + all.ics): ${fmt(ics1k)} (target < 5 s CPU)`);
    const check1k = k1Meetings(['bin/tcon.js', 'check', '--all', '--config', k1, '--year', '2027', '--format', 'json']);
    // Per meeting: the peak RSS above that of the same command on one group of the corpus.
    const check1 = k1Meetings(['bin/tcon.js', 'check', '--group', 'g-0', '--config', k1, '--year', '2027', '--format', 'json']);
    const perMeeting =
      check1k.rssMb && check1.rssMb
        ? `, ${(((check1k.rssMb - check1.rssMb) * 1024) / 26_500).toFixed(1)} KB per meeting above one group's run (${check1.rssMb.toFixed(0)} MB)`
        : '';
    lines.push(
      `check --all, 1,000 groups x 1 year (26,500 meetings; groups share chairs ten by ten): ${fmt(check1k)}${perMeeting} (target < 3 s CPU, < 4 KB per meeting)`,
    );
    const plan1k = k1Meetings(['bin/tcon.js', 'plan', '--config', k1, '--year', '2027', '--format', 'json']);
    lines.push(`plan, 1,000 groups x 1 year (groups share chairs ten by ten: conflicts): ${fmt(plan1k)} (target < 5 s CPU)`);

    const h100 = join(tmp, 'h100');
    writeSynthetic(h100, 100);
    const ics10 = runOnce([
      'bin/tcon.js',
      'ics',
      '--config',
      h100,
      '--from',
      '2027-01-01',
      '--to',
      '2036-12-31',
      '--out-dir',
      join(tmp, 'h100-out'),
      '--all',
      '--no-state',
      '--now',
      NOW,
    ]);
    lines.push(`ics, 100 groups x 10 years: ${fmt(ics10)} (target < 5 s CPU)`);

    const years = QUICK ? 10 : 50;
    const json = join(tmp, 'schedule.json');
    const big = runOnce(
      ['bin/tcon.js', 'schedule', '--config', k1, '--from', '2027-01-01', '--to', `${2026 + years}-12-31`, '--format', 'json', '--no-holidays'],
      { out: json },
    );
    const size = big.failed ? 0 : statSync(json).size;
    rmSync(json, { force: true });
    lines.push(
      `schedule --format json, 1,000 groups x ${years} years (${(size / 2 ** 20).toFixed(0)} MiB of JSON to a file): ${fmt(big)} (target: completes, < 512 MB)`,
    );

    const y2i = yaml2icalCase(tmp);
    if (y2i) lines.push(y2i);

    // History: the same 100 groups, their series begun 50 years before the window or at it.
    const old = join(tmp, 'old');
    writeSynthetic(old, 100, '', 1977);
    const fresh = join(tmp, 'fresh');
    writeSynthetic(fresh, 100, '', 2027);
    const hist = (dir) => ['bin/tcon.js', 'ics', '--config', dir, '--year', '2027', '--out-dir', join(tmp, 'hist-out'), '--all', '--no-state', '--now', NOW];
    const ratios = [];
    for (let i = 0; i < PAIRS; i++) ratios.push(runOnce(hist(old), { rusage: false }).ms / runOnce(hist(fresh), { rusage: false }).ms);
    lines.push(`ics --year 2027 of 100 groups whose series began in 1977, against the same begun in 2027: ${median(ratios).toFixed(2)}x (target <= 1.10x)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return lines;
}
